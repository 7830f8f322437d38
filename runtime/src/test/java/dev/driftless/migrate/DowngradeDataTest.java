package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
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
 * A downgrade whose downs would discard data that is there (rows of a dropped table, values of a
 * dropped column, values of a column whose type narrows) is refused, naming each object and its
 * rows, before anything runs; forced, it runs. A downgrade below a baselined version is refused.
 */
class DowngradeDataTest {

    private static final SchemaModel V1 = new SchemaModel(List.of(new Table(QualifiedName.of("meter"),
            List.of(Column.of("id", "bigint", false), Column.of("v", "integer", true)),
            new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());

    /** Adds meter.serial and the table "Reading", widens meter.v to bigint: its down discards all three. */
    private static final SchemaModel V2 = new SchemaModel(List.of(
            new Table(QualifiedName.of("meter"),
                    List.of(Column.of("id", "bigint", false), Column.of("v", "bigint", true),
                            Column.of("serial", "text", true)),
                    new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null),
            new Table(QualifiedName.of("Reading"),
                    List.of(Column.of("user", "integer", false), Column.of("Value", "text", true)),
                    new PrimaryKey("Reading_pkey", List.of("user")), List.of(), List.of(), List.of(), null)),
            List.of());

    private static List<Migration> versions() {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "meter").orElseThrow();
        History one = History.EMPTY.plus(v1, new Snapshot(1, V1));
        FrozenVersion v2 = VersionPlan.plan(one, V2, "serial", Renames.NONE, HandWrittenSteps.NONE).orElseThrow()
                .version();
        return List.of(new FrozenMigration(v1), new FrozenMigration(v2));
    }

    private static Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).migrations(versions()).build();
    }

    @Test
    void aDowngradeThatWouldDiscardValuesIsRefusedNamingThemAndChangesNothingUnlessForced() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = migrator(db);
            m.migrate();
            db.execute("insert into meter values (1, 10, 'a'), (2, 7, null), (3, null, 'c')",
                    "insert into \"Reading\" select g, 'r' || g from generate_series(1, 1200) g");

            MigrationException refused = assertThrows(MigrationException.class, () -> m.downgradeTo(1));
            String message = refused.getMessage();
            assertTrue(message.contains("drops table \"Reading\", which has 1000 or more rows"), message);
            assertTrue(message.contains("drops column meter.serial, which has values in 2 rows"), message);
            assertTrue(message.contains("changes column meter.v from bigint to integer"), message);
            assertTrue(message.contains("Nothing was executed") && message.contains("force"), message);
            assertEquals(List.of("1", "2"), db.strings("select version::text from driftless_history order by 1"));
            assertEquals(List.of("1|10|a", "2|7|", "3||c"),
                    db.strings("select id || '|' || coalesce(v::text, '') || '|' || coalesce(serial, '') from meter order by id"));
            assertEquals(List.of("1200|r1200"), db.strings("select count(*) || '|' || max(\"Value\" collate \"C\")"
                    + " filter (where \"user\" = 1200) from \"Reading\""));

            // Forced: the downs run, what they discard is gone, the rest is kept.
            assertEquals(1, m.downgradeTo(1, true).currentVersion());
            assertEquals(List.of("1|10", "2|7", "3|"),
                    db.strings("select id || '|' || coalesce(v::text, '') from meter order by id"));
            assertEquals(List.of(), db.strings("select 1 from pg_class where relname = 'Reading'"));
        }
    }

    @Test
    void aDowngradeThroughEmptyObjectsNeedsNoForce() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = migrator(db);
            m.migrate();
            // Rows, but no value in what the down discards: the dropped column and the narrowed one are empty.
            db.execute("insert into meter (id) values (1), (2)");
            assertEquals(1, m.downgradeTo(1, true).currentVersion(), "down to the baselined version itself");
            assertEquals(List.of("1", "2"), db.strings("select id::text from meter order by id"));
        }
    }

    @Test
    void aDowngradeBelowABaselinedVersionIsRefusedEvenWithForce() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table meter (id bigint not null, v integer, constraint meter_pkey primary key (id))",
                    "insert into meter values (1, 1), (2, 2)");
            Migrator m = migrator(db);
            assertTrue(m.baseline(new Snapshot(1, V1), false).differences().isEmpty());
            m.migrate();
            for (boolean force : new boolean[] {false, true}) {
                MigrationException refused = assertThrows(MigrationException.class, () -> m.downgradeTo(0, force));
                assertTrue(refused.getMessage().contains("version 1 (meter) was recorded by baseline"),
                        refused.getMessage());
            }
            assertEquals(List.of("1", "2"), db.strings("select version::text from driftless_history order by 1"));
            assertEquals(List.of("1|1", "2|2"), db.strings("select id || '|' || v from meter order by id"));
            assertEquals(1, m.downgradeTo(1, true).currentVersion(), "down to the baselined version itself");
        }
    }
}
