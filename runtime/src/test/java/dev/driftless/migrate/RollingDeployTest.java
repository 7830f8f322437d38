package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A rolling deploy on a real PostgreSQL: the next release applies the expand of an online rename
 * while instances of the previous release still run. With {@code acceptNewerVersions} the previous
 * release starts (with a warning naming the newer version), without it it is refused; both write
 * through their own column names and every row keeps the two columns equal.
 */
class RollingDeployTest {

    private static final QualifiedName READING = QualifiedName.of("reading");
    private static final int ROWS = 2_000;

    private static SchemaModel model(String quality) {
        return new SchemaModel(List.of(new Table(READING, List.of(Column.of("id", "bigint", false),
                new Column(quality, ColumnType.of("integer"), false, "0", Identity.NONE, null)),
                new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static final Renames ONLINE = new Renames(Map.of(), Map.of(READING, Map.of("quality_score", "quality")),
            Set.of(), Map.of(READING, Set.of("quality_score")));

    private static List<Migration> migrations(History history) {
        return history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
    }

    private static History freeze(History history, SchemaModel model, String name, Renames renames) {
        FrozenVersion v = VersionPlan.plan(history, model, name, renames, HandWrittenSteps.NONE).orElseThrow().version();
        v = VersionFormat.read(VersionFormat.write(v), v.fileName());
        return history.plus(v, new Snapshot(v.version(), model));
    }

    @Test
    void thePreviousReleaseRunsBesideTheNextOneOnlyWithAcceptNewerVersions() throws SQLException {
        History previous = freeze(History.EMPTY, model("quality"), "initial", Renames.NONE);
        History next = freeze(previous, model("quality_score"), "rename_quality", ONLINE);
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger("dev.driftless.migrate");
        log.addHandler(capture);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(migrations(previous)).build().migrate();
            db.execute("insert into reading (id, quality) select g, g % 7 from generate_series(1, " + ROWS + ") g");

            Migrator nextRelease = Migrator.builder(db.dataSource()).migrations(migrations(next)).build();
            assertEquals(List.of(2), nextRelease.migrate().applied().stream().map(AppliedVersion::version).toList());

            Migrator strict = Migrator.builder(db.dataSource()).migrations(migrations(previous)).build();
            InvalidHistoryException refused = assertThrows(InvalidHistoryException.class, strict::migrate);
            assertTrue(refused.getMessage().contains("version 2 (rename_quality) is applied in the database but the"
                    + " code does not have it: the database is newer than the code"), refused.getMessage());
            assertTrue(refused.getMessage().contains("acceptNewerVersions"), refused.getMessage());
            assertFalse(strict.status().upToDate());

            warnings.clear();
            // With a drift check at start, which compares with the previous release's snapshot.
            Migrator previousRelease = Migrator.builder(db.dataSource()).migrations(migrations(previous))
                    .acceptNewerVersions(true).driftPolicy(DriftPolicy.FAIL).expectedSnapshot(previous.snapshot())
                    .build();
            MigrateResult started = previousRelease.migrate();
            assertEquals(List.of(), started.applied());
            assertEquals(2, started.currentVersion());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("2 (rename_quality)")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("drift is not checked")), warnings.toString());
            MigrationStatus status = previousRelease.status();
            assertTrue(status.upToDate(), status.validation().problems().toString());
            assertEquals(List.of(2), status.validation().newerVersions().stream().map(HistoryEntry::version).toList());
            assertEquals(List.of(), previousRelease.plan(1).steps());
            InvalidHistoryException down = assertThrows(InvalidHistoryException.class,
                    () -> previousRelease.downgradeTo(0));
            assertTrue(down.getMessage().contains("only the release that has it can undo it"), down.getMessage());
            assertEquals(List.of("1", "2"), db.strings("select version from driftless_history order by version"));

            // Each release writes through its own names; the sync keeps both columns equal.
            db.execute("insert into reading (id, quality) values (-1, 3)",
                    "insert into reading (id, quality_score) values (-2, 4)",
                    "update reading set quality = 6 where id = 1",
                    "update reading set quality_score = 5 where id = 2",
                    "update reading set quality = quality + 10 where id between 100 and 199",
                    "update reading set quality_score = quality_score + 20 where id between 200 and 299");
            assertEquals(List.of("-2|4|4", "-1|3|3", "1|6|6", "2|5|5", "100|12|12", "200|24|24"), db.strings(
                    "select id || '|' || quality || '|' || quality_score from reading where id in (-2, -1, 1, 2, 100,"
                            + " 200) order by id"));
            assertEquals(List.of("0"), db.strings("select count(*) from reading where quality is distinct from"
                    + " quality_score"));
            long expected = 3 + 4;
            for (int g = 1; g <= ROWS; g++) {
                expected += g == 1 ? 6 : g == 2 ? 5 : g % 7 + (g >= 100 && g <= 199 ? 10 : 0)
                        + (g >= 200 && g <= 299 ? 20 : 0);
            }
            assertEquals(List.of(ROWS + 2 + "|" + expected), db.strings("select count(*) || '|' || sum(quality)"
                    + " from reading"));
        } finally {
            log.removeHandler(capture);
        }
    }
}
