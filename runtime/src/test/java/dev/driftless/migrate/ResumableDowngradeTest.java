package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A downgrade of a version in several phases that stops half way (here: a hand-written last
 * statement fails while a gate table is empty) records how far it got, so that running it again
 * goes on from there, and a {@code migrate} meanwhile first finishes it and then applies the
 * version again: the history never says a version is applied while part of it is gone.
 */
class ResumableDowngradeTest {

    static final Version TABLES = new Version(1, "meter", List.of(
            "create table meter (id bigint primary key, v int not null)",
            "insert into meter select g, g % 7 from generate_series(1, 500) g",
            "create table gate (open int)"),
            List.of("drop table gate", "drop table meter"));

    static final Version CHECKED = new Version(2, "checked", List.of(
            "ALTER TABLE meter ADD CONSTRAINT meter_v_check CHECK (v >= 0) NOT VALID",
            "ALTER TABLE meter VALIDATE CONSTRAINT meter_v_check",
            "CREATE INDEX CONCURRENTLY meter_v_idx ON meter (v)"),
            List.of("ALTER TABLE meter DROP CONSTRAINT meter_v_check",
                    "DROP INDEX CONCURRENTLY IF EXISTS meter_v_idx",
                    // A hand-written check: fails while the gate is closed.
                    "select 1 / (select count(*) from gate)::int"));

    private static Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).migrations(List.of(TABLES, CHECKED)).build();
    }

    private static List<String> objects(TestDatabase db) throws SQLException {
        return db.strings("select conname from pg_constraint where conname = 'meter_v_check'"
                + " union all select relname from pg_class where relname = 'meter_v_idx'");
    }

    @Test
    void anInterruptedDowngradeGoesOnFromWhereItStoppedWhenRunAgain() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = migrator(db);
            assertEquals(2, m.migrate().currentVersion());
            MigrationException failed = assertThrows(MigrationException.class, () -> m.downgradeTo(1));
            assertTrue(failed.getMessage().contains("division by zero"), failed.getMessage());
            assertEquals(List.of(), objects(db), "the first two statements of the down stay done");

            db.execute("insert into gate values (1)");
            MigrateResult again = m.downgradeTo(1);
            assertEquals(1, again.currentVersion());
            assertEquals(List.of("1"), db.strings("select version from driftless_history"));
            assertEquals(List.of("500|1497"), db.strings("select count(*) || '|' || sum(v) from meter"));
        }
    }

    @Test
    void aMigrateAfterAnInterruptedDowngradeFinishesItAndAppliesTheVersionAgain() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = migrator(db);
            m.migrate();
            assertThrows(MigrationException.class, () -> m.downgradeTo(1));
            db.execute("insert into gate values (1)");
            MigrationStatus status = m.status();
            assertEquals(List.of(2), status.pending().stream().map(Migration::version).toList(),
                    "a half-reverted version is pending, not applied");
            assertTrue(!status.upToDate(), "a half-reverted version is not up to date");

            MigrateResult result = m.migrate();
            assertEquals(List.of(2), result.applied().stream().map(AppliedVersion::version).toList(),
                    "version 2 is applied again, not taken as applied");
            assertEquals(List.of("meter_v_check", "meter_v_idx"), objects(db));
            assertEquals(List.of("true"), db.strings("select convalidated::text from pg_constraint"
                    + " where conname = 'meter_v_check'"));
            assertEquals(List.of("true"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'meter_v_idx'::regclass"));
        }
    }
}
