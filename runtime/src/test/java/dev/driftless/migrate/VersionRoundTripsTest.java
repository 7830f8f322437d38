package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What applying a version costs in round trips: its statements, its history row and its commit go
 * to the server in one batch, after the phase locks' catalog query when its statements lock tables
 * that exist before them.
 */
class VersionRoundTripsTest {

    private static final TestMigration TABLES = TestMigration.of(1, "tables",
            "CREATE TABLE parent (id bigint PRIMARY KEY)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id))");
    private static final TestMigration BOTH = TestMigration.of(2, "both", "ALTER TABLE parent ADD COLUMN a int",
            "ALTER TABLE child ADD COLUMN b int", "CREATE INDEX child_b_idx ON child (b)");
    private static final TestMigration NEW = TestMigration.of(3, "new it's", "CREATE TABLE other (id bigint)");

    @Test
    void aVersionIsOneBatchAfterTheLockQueryWhenItLocksTablesThereBeforeIt() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            var counting = new CountingDataSource(db.dataSource());
            Migrator.builder(counting).migrations(List.of(TABLES, BOTH, NEW)).build().migrate();

            List<String> calls = counting.calls();
            int from = indexOf(calls, "set_config('synchronous_commit', 'off'");
            int to = indexOf(calls, "durability marker");
            List<String> versions = calls.subList(from + 1, to);
            // Version 1 creates what it uses: one batch. Version 2 locks two tables that exist: the
            // catalog query, then one batch. Version 3 creates its table: one batch.
            assertEquals(4, versions.size(), "the versions' round trips: " + versions);
            assertEquals("batch", versions.get(0), versions.toString());
            assertTrue(versions.get(1).contains("pg_catalog.pg_class"), versions.toString());
            assertEquals(List.of("batch", "batch"), versions.subList(2, 4), versions.toString());

            // Each version committed with its row, which records its time.
            assertEquals(List.of("1 tables", "2 both", "3 new it's"),
                    db.strings("select version || ' ' || description from driftless_history"
                            + " where success and error is null and execution_ms >= 0 order by version"));
            assertEquals(List.of("a", "b"), db.strings("select attname::text from pg_attribute where attname in ('a', 'b')"
                    + " and attrelid in ('parent'::regclass, 'child'::regclass) order by 1"));
        }
    }

    @Test
    void aVersionInPhasesRecordsItsLastPhaseAsItsSuccess() throws Exception {
        var phased = TestMigration.of(2, "phased", "CREATE TABLE other (id bigint)",
                "CREATE INDEX CONCURRENTLY other_id_idx ON other (id)", "ALTER TABLE parent ADD COLUMN a int",
                "CREATE INDEX CONCURRENTLY child_id_idx ON child (id)");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(TABLES)).build().migrate();
            var counting = new CountingDataSource(db.dataSource());
            Migrator.builder(counting).migrations(List.of(TABLES, phased)).build().migrate();

            List<String> calls = counting.calls();
            List<String> version = calls.subList(indexOf(calls, "set_config('synchronous_commit', 'off'") + 1,
                    indexOf(calls, "durability marker"));
            // Its row; per transactional phase one batch; per index built concurrently the lock timeout
            // set with the look for an index left by an interrupted build, the build, the reset, and
            // its progress, the last one recording the success.
            assertEquals(1 + 2 * 1 + 2 * 4, version.size(), "the version's round trips: " + version);
            assertEquals(List.of("2 true null 0"), db.strings("select version || ' ' || success || ' '"
                    + " || coalesce(completed_steps::text, 'null') || ' ' || count(*) over () - 1 from driftless_history"
                    + " where version = 2"));
            assertEquals(List.of("child_id_idx true", "other_id_idx true"), db.strings("select indexrelid::regclass"
                    + " || ' ' || indisvalid from pg_index where indexrelid::regclass::text like '%\\_id\\_idx'"
                    + " order by 1"));
        }
    }

    @Test
    void aCommitThatFailsInTheBatchIsNamedAndRolledBack() throws Exception {
        var deferred = TestMigration.of(2, "deferred",
                "ALTER TABLE child ADD CONSTRAINT child_parent_later FOREIGN KEY (parent_id) REFERENCES parent (id)"
                        + " DEFERRABLE INITIALLY DEFERRED",
                "ALTER TABLE child ADD COLUMN c int",
                "INSERT INTO child (id, parent_id) VALUES (1, 7)");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(TABLES)).build().migrate();
            db.execute("alter table child drop constraint child_parent_id_fkey");
            var e = assertThrows(MigrationException.class,
                    () -> Migrator.builder(db.dataSource()).migrations(List.of(TABLES, deferred)).build().migrate());
            assertTrue(e.getMessage().contains("version 2 (deferred) failed and was rolled back (none of its statements"
                    + " took effect): the commit failed: ERROR: insert or update on table \"child\" violates foreign key"
                    + " constraint \"child_parent_later\""), e.getMessage());
            assertEquals(List.of("1 true", "2 false"), db.strings("select version || ' ' || success from driftless_history"
                    + " order by version"));
            assertEquals(List.of("0"), db.strings("select count(*)::text from pg_attribute where attname = 'c'"
                    + " and attrelid = 'child'::regclass"));
        }
    }

    private static int indexOf(List<String> calls, String part) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) != null && calls.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no call with " + part + ": " + calls);
    }
}
