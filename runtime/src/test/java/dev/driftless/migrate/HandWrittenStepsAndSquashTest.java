package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written SQL and Java steps, irreversible versions and squashed histories, frozen the way
 * the processor freezes them and applied to a real PostgreSQL.
 */
class HandWrittenStepsAndSquashTest {

    private static SchemaModel model(Column... extra) {
        var columns = new ArrayList<Column>(List.of(Column.of("id", "bigint", false), Column.of("name", "text", true)));
        columns.addAll(List.of(extra));
        return new SchemaModel(List.of(new Table(QualifiedName.of("datasource"), columns,
                new PrimaryKey("datasource_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static final SchemaModel V1 = model(Column.of("note", "text", true));
    private static final SchemaModel V2 = model();
    private static final SchemaModel V3 = model(Column.of("kwh", "double precision", true));

    private static History freeze(History history, SchemaModel model, String name, HandWrittenSteps steps) {
        FrozenVersion v = VersionPlan.plan(history, model, name, Renames.NONE, steps).orElseThrow().version();
        // Through the file format, as the processor and a code review see it.
        v = VersionFormat.read(VersionFormat.write(v), v.fileName());
        return history.plus(v, new Snapshot(v.version(), model));
    }

    private static List<Migration> migrations(History history, Map<String, JavaStep> javaSteps) {
        return history.versions().stream().map(v -> (Migration) new FrozenMigration(v, javaSteps)).toList();
    }

    @Test
    void handWrittenStepsRunAroundTheGeneratedOnesInTheVersionsTransaction() throws SQLException {
        var seed = HandWrittenSteps.read("""
                -- seed data: the meters every installation has
                -- driftless:after
                INSERT INTO datasource (id, name, note) VALUES (1, 'main meter', 'seeded');
                INSERT INTO datasource (id, name, note) VALUES (2, 'backup; meter', 'seeded');
                -- driftless:java example.Upper
                -- driftless:down:before
                DELETE FROM datasource WHERE note = 'seeded';
                """, "next.sql");
        History history = freeze(History.EMPTY, V1, "initial", seed);
        FrozenVersion v1 = history.versions().get(0);
        assertEquals(List.of("INSERT INTO datasource (id, name, note) VALUES (1, 'main meter', 'seeded')",
                "INSERT INTO datasource (id, name, note) VALUES (2, 'backup; meter', 'seeded')",
                "-- driftless:java example.Upper"), v1.handWritten().after());
        assertTrue(VersionFormat.write(v1).contains("-- driftless:up:after\nINSERT INTO"), VersionFormat.write(v1));

        JavaStep upper = c -> {
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE datasource SET name = upper(name)");
            }
        };
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(migrations(history, Map.of("example.Upper", upper)))
                    .build();
            m.migrate();
            assertEquals(List.of("1 MAIN METER", "2 BACKUP; METER"), db.strings("select id || ' ' || name from datasource order by id"));
            m.downgradeTo(0, true);
            assertEquals(List.of("0"), db.strings("select count(*) from pg_tables where tablename = 'datasource'"));

            JavaStep failing = c -> {
                throw new IllegalStateException("no meters configured");
            };
            Migrator broken = Migrator.builder(db.dataSource())
                    .migrations(migrations(history, Map.of("example.Upper", failing))).build();
            MigrationException e = assertThrows(MigrationException.class, broken::migrate);
            assertTrue(e.getMessage().contains("Java step example.Upper"), e.getMessage());
            assertTrue(e.getMessage().contains("no meters configured"), e.getMessage());
            assertEquals(List.of("0"), db.strings("select count(*) from pg_tables where tablename = 'datasource'"),
                    "the version's generated statements were rolled back with it");
        }
    }

    @Test
    void aVersionOfHandWrittenStepsOnlyIsFrozenWhenTheModelDidNotChange() {
        History history = freeze(History.EMPTY, V1, "initial", HandWrittenSteps.NONE);
        assertTrue(VersionPlan.plan(history, V1, "nothing", Renames.NONE, HandWrittenSteps.NONE).isEmpty());
        var steps = HandWrittenSteps.read("-- driftless:after\nUPDATE datasource SET note = 'x';\n", "next.sql");
        FrozenVersion data = VersionPlan.plan(history, V1, "fill_notes", Renames.NONE, steps).orElseThrow().version();
        assertEquals(List.of("UPDATE datasource SET note = 'x'"), data.allUp());
        assertEquals(List.of(), data.allDown());
    }

    @Test
    void downgradingThroughAnIrreversibleVersionIsRefusedUnlessForced() throws SQLException {
        History history = freeze(freeze(History.EMPTY, V1, "initial", HandWrittenSteps.NONE), V2, "drop_note",
                HandWrittenSteps.NONE);
        assertEquals(List.of("drop column datasource.note"), history.versions().get(1).irreversible());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(migrations(history, Map.of())).build();
            m.migrate();
            MigrationException refused = assertThrows(MigrationException.class, () -> m.downgradeTo(0));
            assertEquals("version 2 (drop_note) is irreversible: drop column datasource.note\nNothing was executed."
                    + " Downgrading with force runs the downs anyway: the schema comes back, the data those versions"
                    + " discarded does not.", refused.getMessage());
            assertEquals(2, m.status().currentVersion());
            MigrationException offline = assertThrows(MigrationException.class,
                    () -> OfflineScript.between(m.migrations(), 2, 1, "driftless_history"));
            assertTrue(offline.getMessage().contains("irreversible"), offline.getMessage());
            assertTrue(OfflineScript.between(m.migrations(), 2, 1, "driftless_history", true)
                    .contains("ADD COLUMN note text"));

            m.downgradeTo(1, true);
            assertEquals(1, m.status().currentVersion());
            assertEquals(List.of("note"), db.strings("select column_name from information_schema.columns"
                    + " where table_name = 'datasource' and column_name = 'note'"));
        }
    }

    @Test
    void aHandWrittenReasonMakesAVersionIrreversible() {
        var steps = HandWrittenSteps.read("""
                -- driftless:irreversible merges duplicate meters; the duplicates are gone
                -- driftless:after
                DELETE FROM datasource a USING datasource b WHERE a.name = b.name AND a.id > b.id;
                """, "next.sql");
        History history = freeze(freeze(History.EMPTY, V1, "initial", HandWrittenSteps.NONE), V1, "dedupe", steps);
        assertEquals(List.of("merges duplicate meters; the duplicates are gone"), history.versions().get(1).irreversible());
    }

    @Test
    void aSquashedHistoryBuildsNewDatabasesAndKeepsOldOnesGoing() throws SQLException {
        History before = freeze(freeze(History.EMPTY, V1, "initial", HandWrittenSteps.NONE), V2, "drop_note",
                HandWrittenSteps.NONE);
        FrozenVersion baseline = VersionPlan.squash(before, "squashed", HandWrittenSteps.NONE);
        assertEquals("B0002__squashed.sql", baseline.fileName());
        baseline = VersionFormat.read(VersionFormat.write(baseline), baseline.fileName());
        History after = freeze(new History(List.of(baseline), before.snapshot()), V3, "add_kwh", HandWrittenSteps.NONE);
        assertEquals(3, after.lastVersion());

        try (TestDatabase old = PostgresFixture.shared().createDatabase();
                TestDatabase fresh = PostgresFixture.shared().createDatabase();
                TestDatabase behind = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(old.dataSource()).migrations(migrations(before, Map.of())).build().migrate();
            old.execute("insert into datasource (id, name) values (7, 'kept')");
            Migrator.builder(behind.dataSource()).migrations(migrations(before, Map.of())).build().migrateTo(1);

            Migrator onOld = Migrator.builder(old.dataSource()).migrations(migrations(after, Map.of())).build();
            assertEquals(List.of(3), onOld.migrate().applied().stream().map(AppliedVersion::version).toList());
            assertEquals(List.of("7 kept"), old.strings("select id || ' ' || name from datasource"));

            Migrator onFresh = Migrator.builder(fresh.dataSource()).migrations(migrations(after, Map.of())).build();
            assertEquals(List.of(2, 3), onFresh.migrate().applied().stream().map(AppliedVersion::version).toList());
            assertEquals(columns(old), columns(fresh));

            Migrator onBehind = Migrator.builder(behind.dataSource()).migrations(migrations(after, Map.of())).build();
            MigrationException refused = assertThrows(MigrationException.class, onBehind::migrate);
            assertTrue(refused.getMessage().contains("the database is at version 1, but the versions up to 2 were"
                    + " squashed into one version, a squash, which only builds new databases"), refused.getMessage());
            assertEquals(List.of("id", "name", "note"), columns(behind), "nothing was executed");

            onOld.downgradeTo(2);
            MigrationException squashed = assertThrows(MigrationException.class, () -> onOld.downgradeTo(0));
            assertTrue(squashed.getMessage().contains("was squashed into version 2"), squashed.getMessage());
            onFresh.downgradeTo(0, true);
            assertEquals(List.of(), columns(fresh));
        }
    }

    @Test
    void aDatabaseThatRanAVersionTheSquashDoesNotKnowIsRefused() throws SQLException {
        History before = freeze(History.EMPTY, V1, "initial", HandWrittenSteps.NONE);
        History other = freeze(History.EMPTY, V2, "initial", HandWrittenSteps.NONE);
        FrozenVersion baseline = VersionPlan.squash(before, "squashed", HandWrittenSteps.NONE);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(migrations(other, Map.of())).build().migrate();
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(baseline))).build();
            MigrationException refused = assertThrows(MigrationException.class, m::migrate);
            assertTrue(refused.getMessage().contains("neither the squash's nor that of the version it replaced"),
                    refused.getMessage());
        }
    }

    private static List<String> columns(TestDatabase db) throws SQLException {
        return db.strings("select column_name from information_schema.columns where table_name = 'datasource'"
                + " order by ordinal_position");
    }


}
