package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A version in phases fails half way and the team goes back to the previous build, which does not
 * have it: {@code repair} undoes what it left (the diff from the live schema to the build's
 * snapshot, an index left invalid included), refusing to discard values unless forced, and clears
 * its row; then {@code migrate} works and the drift check is clean.
 */
class WithdrawnVersionRepairTest {

    private static final SchemaModel V1 = new SchemaModel(List.of(new Table(QualifiedName.of("meter"),
            List.of(Column.of("id", "bigint", false), Column.of("v", "integer", true)),
            new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());

    private static final FrozenMigration FIRST =
            new FrozenMigration(VersionPlan.next(History.EMPTY, V1, "meter").orElseThrow());

    /** Fails at its unique index (the values repeat), leaving the column it added and an invalid index. */
    private static Version failing(String fill) {
        return new Version(2, "unique_v", List.of(
                "ALTER TABLE meter ADD COLUMN note text",
                fill,
                "CREATE UNIQUE INDEX CONCURRENTLY meter_v_key ON meter (v)",
                "COMMENT ON COLUMN meter.note IS 'n'"), List.of());
    }

    private static Migrator previousBuild(TestDatabase db) {
        return Migrator.builder(db.dataSource()).migrations(List.of(FIRST)).expectedSnapshot(new Snapshot(1, V1)).build();
    }

    private static void failVersion2(TestDatabase db, String fill) throws SQLException {
        Migrator failingBuild = Migrator.builder(db.dataSource()).migrations(List.of(FIRST, failing(fill))).build();
        failingBuild.migrateTo(1);
        db.execute("insert into meter select g, g % 3 from generate_series(1, 300) g");
        assertThrows(MigrationException.class, failingBuild::migrate);
        assertEquals(List.of("false"), db.strings("select indisvalid::text from pg_index"
                + " where indexrelid = 'meter_v_key'::regclass"), "the failed build left the index invalid");
    }

    @Test
    void repairWithThePreviousBuildUndoesWhatTheWithdrawnVersionLeftAndClearsIt() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            failVersion2(db, "COMMENT ON TABLE meter IS NULL");
            Migrator previous = previousBuild(db);
            MigrationException stuck = assertThrows(MigrationException.class, previous::migrate);
            assertTrue(stuck.getMessage().contains("`driftless repair`"), "the way out is named: " + stuck.getMessage());

            List<HistoryEntry> repaired = previous.repair();
            assertEquals(List.of(2), repaired.stream().map(HistoryEntry::version).toList());
            assertEquals(List.of("1|true"), db.strings("select version || '|' || success from driftless_history"));
            assertEquals(List.of(), db.strings("select 1 from pg_class where relname = 'meter_v_key'"));
            assertEquals(List.of(), db.strings("select 1 from information_schema.columns where column_name = 'note'"));
            assertEquals(List.of("300|300"), db.strings("select count(*) || '|' || sum(v) from meter"));

            assertTrue(previous.migrate().upToDate());
            assertFalse(previous.checkDrift(new Snapshot(1, V1)).drifted());
        }
    }

    @Test
    void repairRefusesToDiscardValuesTheWithdrawnVersionWroteUnlessForced() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            failVersion2(db, "UPDATE meter SET note = 'n' || id WHERE id <= 10");
            Migrator previous = previousBuild(db);

            MigrationException refused = assertThrows(MigrationException.class, previous::repair);
            assertTrue(refused.getMessage().contains("drops column meter.note, which has values in 10 rows"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("force"), refused.getMessage());
            assertEquals(List.of("10"), db.strings("select count(note) from meter"), "nothing was changed");
            assertEquals(List.of("1|true", "2|false"),
                    db.strings("select version || '|' || success from driftless_history order by version"));

            assertEquals(List.of(2), previous.repair(true).stream().map(HistoryEntry::version).toList());
            assertEquals(List.of(), db.strings("select 1 from information_schema.columns where column_name = 'note'"));
            assertTrue(previous.migrate().upToDate());
            assertFalse(previous.checkDrift(new Snapshot(1, V1)).drifted());
        }
    }
}
