package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What a failing version says: the version, the statement (numbered in the version), the server's reason. */
class RunnerMessagesTest {

    private static final Version TABLE = new Version(1, "meter", List.of(
            "create table meter (id bigint primary key, v int)",
            "insert into meter select g, g from generate_series(1, 100) g"),
            List.of("drop table meter"));

    @Test
    void aFailingStatementOfABatchIsTheOneNamed() {
        var batch = new Version(2, "batch", List.of(
                "CREATE TABLE a (id int)",
                "CREATE TABLE b (id int)",
                "ALTER TABLE missing ADD COLUMN x int",
                "CREATE TABLE c (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, batch)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("statement 3 of 4 (ALTER TABLE missing ADD COLUMN x int)"), e.getMessage());
            assertTrue(e.getMessage().contains("relation \"missing\" does not exist"), e.getMessage());
        }
    }

    @Test
    void aBackendTerminatedInABatchIsNotBlamedOnTheBatchsFirstStatement() throws Exception {
        var batch = new Version(2, "batch", List.of(
                "CREATE TABLE a (id int)",
                "CREATE TABLE b AS SELECT 1 AS one FROM pg_sleep(30)",
                "CREATE TABLE c (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, batch)).build();
            var run = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate));
            List<String> killed = List.of();
            for (int i = 0; i < 500 && killed.isEmpty(); i++) {
                Thread.sleep(20);
                killed = db.strings("select pg_terminate_backend(pid)::text from pg_stat_activity"
                        + " where datname = current_database() and wait_event = 'PgSleep' and pid <> pg_backend_pid()");
            }
            assertEquals(List.of("true"), killed);
            String message = run.get(60, TimeUnit.SECONDS).getMessage();
            assertTrue(message.contains("version 2 (batch)"), message);
            assertFalse(message.contains("statement 1 of 3 (CREATE TABLE a (id int)) failed"), message);
            assertTrue(message.contains("terminating connection due to administrator command"), message);
        }
    }

    @Test
    void theFailingEntryOfABatchIsFoundFromItsUpdateCountsOrTheDriversMessage() {
        int failed = java.sql.Statement.EXECUTE_FAILED;
        assertEquals(2, StatementBatch.failedEntry(new java.sql.BatchUpdateException(new int[] {0, 0, failed, failed}), 4));
        assertEquals(2, StatementBatch.failedEntry(new java.sql.BatchUpdateException(new int[] {0, 0}), 4));
        assertEquals(3, StatementBatch.failedEntry(new java.sql.BatchUpdateException(
                "Batch entry 3 ALTER TABLE x was aborted", new int[] {failed, failed, failed, failed, failed}), 5));
        assertEquals(-1, StatementBatch.failedEntry(new java.sql.BatchUpdateException(
                "An I/O error occurred", new int[] {failed, failed}), 2), "not known: no entry is blamed");
    }

    @Test
    void statementsAreNumberedInTheVersionNotInTheirPhaseAndTheCommittedPhasesAreNamed() throws Exception {
        var phased = new Version(2, "phased", List.of(
                "ALTER TABLE meter ADD COLUMN note text",
                "CREATE INDEX CONCURRENTLY meter_v_idx ON meter (v)",
                "COMMENT ON COLUMN meter.note IS 'n'",
                "ALTER TABLE meter ADD CONSTRAINT meter_v_check CHECK (v < 50)",
                "COMMENT ON TABLE meter IS 'm'"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, phased)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            String message = e.getMessage();
            assertTrue(message.contains("statement 4 of 5 (ALTER TABLE meter ADD CONSTRAINT meter_v_check"), message);
            assertTrue(message.contains("stopped after 2 of its 5 statements"), message);
            assertTrue(message.contains("statement 1 (committed), statement 2 (run alone, done)"), message);

            MigrationException again = assertThrows(MigrationException.class, m::migrate);
            String refused = again.getMessage();
            assertFalse(refused.contains("none of its statements took effect"), refused);
            assertTrue(refused.contains("stopped after 2 of its 5 statements"), refused);
            assertTrue(refused.contains("statement 1 (committed), statement 2 (run alone, done)"), refused);
            assertTrue(refused.contains("driftless repair"), refused);
        }
    }

    @Test
    void aBackendTerminatedMidVersionNamesTheVersionTheStatementAndTheReasonWithoutAStackTraceFromTheUnlock()
            throws Exception {
        var slow = new Version(2, "slow", List.of(
                "ALTER TABLE meter ADD COLUMN note text",
                "CREATE INDEX CONCURRENTLY meter_v_idx ON meter (v)",
                "select pg_sleep(30)",
                "COMMENT ON COLUMN meter.note IS 'n'"), List.of());
        var records = new ArrayList<LogRecord>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("dev.driftless.migrate");
        logger.addHandler(handler);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, slow)).build();
            var run = CompletableFuture.supplyAsync(() -> assertThrows(MigrationException.class, m::migrate));
            List<String> killed = List.of();
            for (int i = 0; i < 500 && killed.isEmpty(); i++) {
                Thread.sleep(20);
                killed = db.strings("select pg_terminate_backend(pid)::text from pg_stat_activity"
                        + " where datname = current_database() and query = 'select pg_sleep(30)'");
            }
            assertEquals(List.of("true"), killed);
            String message = run.get(60, TimeUnit.SECONDS).getMessage();
            assertTrue(message.contains("version 2 (slow)"), message);
            assertTrue(message.contains("statement 3 of 4 (select pg_sleep(30))"), message);
            assertTrue(message.contains("terminating connection due to administrator command"), message);
            assertFalse(message.contains("This connection has been closed"), message);
            synchronized (records) {
                assertEquals(List.of(), records.stream().filter(r -> r.getThrown() != null)
                        .map(r -> r.getMessage() + ": " + r.getThrown()).toList(), "no stack trace in the log");
            }
        } finally {
            logger.removeHandler(handler);
        }
    }
}
