package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Versions with statements that run outside a transaction (concurrent index builds): phases,
 * recorded progress, failure and repair, and a {@code kill -9} in the middle of the build.
 */
class NonTransactionalStepsTest {

    @Test
    void aVersionIsCutIntoPhasesAroundItsConcurrentStatements() {
        Phases p = Phases.of(ConcurrentIndexVersions.INDEX.up());
        assertEquals(List.of(new Phases.Phase(0, 1, true), new Phases.Phase(1, 2, false), new Phases.Phase(2, 3, true)),
                p.phases());
        assertTrue(Phases.of(List.of("create table t (id int)", "create index t_idx on t (id)")).single());
        assertTrue(Phases.outsideTransaction("  create unique index\nconcurrently x on t (a)"));
        assertFalse(Phases.outsideTransaction("create index concurrently_named on t (a)"));
    }

    @Test
    void aConcurrentIndexIsBuiltOutsideTheTransactionAndRecorded() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = migrator(db, ConcurrentIndexVersions.fill(1000));
            assertEquals(3, m.migrate().currentVersion());
            assertEquals(List.of("true"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'reading_meter_ts_idx'::regclass"));
            assertEquals(List.of("3|true|"), db.strings("select version || '|' || success::text || '|' ||"
                    + " coalesce(completed_steps::text, '') from driftless_history where version = 3"));
            m.downgradeTo(2);
            assertEquals(List.of(), db.strings("select 1 from pg_class where relname = 'reading_meter_ts_idx'"));
            assertEquals(3, m.migrate().currentVersion());
        }
    }

    @Test
    void aFailedBuildStopsTheVersionUntilRepairedThenResumesAndRebuildsTheInvalidIndex() throws SQLException {
        var unique = new Version(3, "unique_meter", List.of(
                "alter table reading add column note text",
                "CREATE UNIQUE INDEX CONCURRENTLY reading_meter_key ON reading (meter)",
                "comment on column reading.note is 'x'"),
                List.of("DROP INDEX CONCURRENTLY IF EXISTS reading_meter_key", "alter table reading drop column note"));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource())
                    .migrations(List.of(ConcurrentIndexVersions.TABLE, ConcurrentIndexVersions.fill(2000), unique))
                    .build();
            MigrationException failed = assertThrows(MigrationException.class, m::migrate);
            assertTrue(failed.getMessage().contains("stopped after 1 of its 3 statements"), failed.getMessage());
            assertTrue(failed.getMessage().contains("could not create unique index"), failed.getMessage());
            assertEquals(List.of("false"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'reading_meter_key'::regclass"), "PostgreSQL left the index invalid");
            assertEquals(List.of("note"), db.strings("select column_name from information_schema.columns"
                    + " where table_name = 'reading' and column_name = 'note'"), "the first phase stays applied");

            MigrationException refused = assertThrows(MigrationException.class, m::migrate);
            assertTrue(refused.getMessage().contains("driftless repair"), refused.getMessage());

            db.execute("delete from reading where id > 1000");
            assertEquals(List.of(3), m.repair().stream().map(HistoryEntry::version).toList());
            MigrateResult resumed = m.migrate();
            assertEquals(List.of(3), resumed.applied().stream().map(AppliedVersion::version).toList());
            assertEquals(List.of("true"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'reading_meter_key'::regclass"), "rebuilt, valid");
            assertEquals(List.of("x"), db.strings("select col_description('reading'::regclass, 4)"));
        }
    }

    @Test
    void killedDuringTheBuildTheNextRunDropsTheInvalidIndexAndFinishes() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            // So that the server cancels a statement whose client is gone, as production servers are
            // often set up to (without it the build runs to its end, which the next run also handles).
            db.execute("do $$ begin execute format('alter database %I set client_connection_check_interval = 50',"
                    + " current_database()); end $$");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentIndexVersions.class.getName(), db.jdbcUrl(), "1500000")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Kill it while PostgreSQL reports the build in progress: no guessing at timings.
            boolean building = false;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!building && p.isAlive() && System.nanoTime() < deadline) {
                building = !db.strings("select 1 from pg_stat_progress_create_index p join pg_class c"
                        + " on c.oid = p.index_relid where c.relname = 'reading_meter_ts_idx'").isEmpty();
                Thread.sleep(20);
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(building, "the build was seen in progress before the kill");
            // The server notices the lost client and cancels the build, leaving the index invalid.
            awaitNoOtherBackends(db);
            assertEquals(List.of("3|false|1"), db.strings("select version || '|' || success::text || '|' || completed_steps"
                    + " from driftless_history where version = 3"), "version 3 is recorded as stopped after its first phase");
            assertEquals(List.of("false"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'reading_meter_ts_idx'::regclass"));

            MigrateResult finished = migrator(db, ConcurrentIndexVersions.fill(1_500_000)).migrate();
            assertEquals(List.of(3), finished.applied().stream().map(AppliedVersion::version).toList());
            assertEquals(List.of("true"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid = 'reading_meter_ts_idx'::regclass"));
            assertEquals(List.of("1500000"), db.strings("select count(*) from reading"));
            assertEquals(List.of("added with the index"), db.strings("select col_description('reading'::regclass, 4)"));
        }
    }

    private static Migrator migrator(TestDatabase db, Version fill) {
        return Migrator.builder(db.dataSource())
                .migrations(List.of(ConcurrentIndexVersions.TABLE, fill, ConcurrentIndexVersions.INDEX)).build();
    }

    private static void awaitNoOtherBackends(TestDatabase db) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (db.strings("select 1 from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid()").isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the killed client's session did not end");
    }


}
