package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A version's statements, its history row and its {@code COMMIT} go to the server in one batch:
 * whatever fails in it, nothing of the version is kept without its row, the failure names what
 * failed with the server's SQLSTATE, and the next version runs in a transaction of its own.
 */
class BatchedCommitTest {

    private static final Version TABLE = new Version(1, "meter", List.of("create table meter (id bigint primary key)"),
            List.of("drop table meter"));

    /** The current transaction's id as {@code xmin} shows it. */
    private static final String XID = "pg_current_xact_id()::text::bigint % 4294967296";

    /** A statement that runs alone, in the version's transaction, and fails unless the condition holds. */
    private static String check(String condition, String what) {
        return "DO $$ begin if not (" + condition + ") then raise exception '" + what + "'; end if; end $$";
    }

    @Test
    void aDeferredConstraintFailingAtTheCommitIsTheCommitNamedAndLeavesNothingButTheFailure() throws Exception {
        var deferred = new Version(2, "deferred", List.of(
                "CREATE TABLE parent (id int primary key)",
                "CREATE TABLE child (parent int references parent deferrable initially deferred)",
                "INSERT INTO child VALUES (1)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, deferred)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("version 2 (deferred) failed and was rolled back"), e.getMessage());
            assertTrue(e.getMessage().contains("the commit failed"), e.getMessage());
            assertEquals("23503", ((SQLException) e.getCause()).getSQLState());
            assertEquals(List.of(), db.strings("select relname::text from pg_class where relname in ('parent', 'child')"));
            assertEquals(List.of("false"), db.strings("select success::text from driftless_history where version = 2"));
        }
    }

    @Test
    void theHistoryRowFailingIsNamedWithItsSqlState() throws Exception {
        var clash = new Version(2, "clash", List.of(
                "CREATE TABLE kept (id int)",
                "INSERT INTO driftless_history (version, description, checksum, applied_at, execution_ms, success)"
                        + " VALUES (2, 'squatter', 'x', now(), 0, true)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, clash)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("recording it in the history failed"), e.getMessage());
            assertEquals("23505", ((SQLException) e.getCause()).getSQLState());
            assertEquals(List.of(), db.strings("select relname::text from pg_class where relname = 'kept'"));
        }
    }

    @Test
    void aFailingStatementMidBatchKeepsItsSqlStateAndNothingOfTheVersion() throws Exception {
        var mid = new Version(2, "mid", List.of(
                "CREATE TABLE first_one (id int)",
                "ALTER TABLE missing ADD COLUMN x int",
                "CREATE TABLE last_one (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, mid)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("statement 2 of 3 (ALTER TABLE missing"), e.getMessage());
            assertEquals("42P01", ((SQLException) e.getCause()).getSQLState());
            assertEquals(List.of(), db.strings("select relname::text from pg_class where relname like '%_one'"));
            assertEquals(1, m.status().currentVersion());
        }
    }

    /**
     * After a version's batch ended with its {@code COMMIT}, the next version on the same connection
     * runs in a new transaction (not in the committed one, nor in none), under its own lock timeout.
     */
    @Test
    void theNextVersionRunsInATransactionOfItsOwnUnderTheLockTimeout() throws Exception {
        var two = new Version(2, "two", List.of("CREATE TABLE two (id int)"), List.of());
        var three = new Version(3, "three", List.of(
                "CREATE TABLE three (id int)",
                check("(select xmin::text::bigint from pg_class where relname = 'two') <> " + XID,
                        "version 3 runs in the transaction of version 2"),
                check("(select xmin::text::bigint from pg_class where relname = 'three') = " + XID,
                        "the statements of version 3 are not in one transaction"),
                check("current_setting('lock_timeout') = '250ms'", "no lock timeout")), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, two, three))
                    .ddlLockTimeout(Duration.ofMillis(250)).build();
            assertEquals(3, m.migrate().currentVersion());
        }
    }

    /**
     * A version that timed out on a lock inside its batch is tried again from nothing: what its
     * first try created was rolled back, and the retry runs under the lock timeout again.
     */
    @Test
    void aLockTimeoutInTheBatchIsRetriedFromNothingUnderTheLockTimeout() throws Exception {
        var waits = new Version(2, "waits", List.of(
                "CREATE TABLE fresh (id int)",
                "ALTER TABLE meter ADD COLUMN x int",
                check("current_setting('lock_timeout') = '100ms'", "no lock timeout on the retry")), List.of());
        var timedOut = new CountDownLatch(1);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("could not get a lock")) {
                    timedOut.countDown();
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
            Migrator.builder(db.dataSource()).migrations(List.of(TABLE)).build().migrate();
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, waits))
                    .ddlLockTimeout(Duration.ofMillis(100)).ddlLockRetries(20).build();
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                st.execute("lock table meter in access share mode");
                var run = CompletableFuture.supplyAsync(m::migrate);
                assertTrue(timedOut.await(60, TimeUnit.SECONDS), "the version never timed out");
                blocker.rollback();
                assertEquals(2, run.get(60, TimeUnit.SECONDS).currentVersion());
            }
            assertEquals(List.of("fresh"), db.strings("select relname::text from pg_class where relname = 'fresh'"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    /**
     * The history row is written with its description as a literal in the batch's text, not as a
     * parameter: with backslashes, quotes, a JDBC escape and a semicolon in it, on a database whose
     * string literals take backslashes as escapes, it is stored as it is and runs nothing else.
     */
    @Test
    void theDescriptionInTheBatchedHistoryRowIsStoredAsItIsWhateverTheLiteralsSetting() throws Exception {
        String description = "C:\\temp\\'; DROP TABLE victim; -- {fn now()} {d '2020-01-01'} ? $1 $$";
        var two = new Version(2, description, List.of("CREATE TABLE two (id int)"), List.of());
        for (String setting : List.of("off", "on")) {
            try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                db.execute("create table victim (id int)",
                        "alter database " + db.name() + " set standard_conforming_strings = " + setting);
                Migrator.builder(db.dataSource()).migrations(List.of(TABLE, two)).build().migrate();
                assertEquals(List.of(description), db.strings("select description from driftless_history where version = 2"),
                        setting);
                assertEquals(List.of("victim"), db.strings("select relname::text from pg_class where relname = 'victim'"));
            }
        }
    }

    /**
     * Under the driver's simple query mode (a connection pooler's setting, say) each entry of the
     * batch is a query of its own: a failing one still leaves nothing of the version, its {@code
     * COMMIT} included, and the next versions go through.
     */
    @Test
    void underTheSimpleQueryModeAFailingEntryStillLeavesNothing() throws Exception {
        var mid = new Version(3, "mid", List.of(
                "CREATE TABLE first_one (id int)",
                "ALTER TABLE missing ADD COLUMN x int",
                "CREATE TABLE last_one (id int)"), List.of());
        var two = new Version(2, "two", List.of("CREATE TABLE two (id int)", "CREATE TABLE three (id int)"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            var simple = new org.postgresql.ds.PGSimpleDataSource();
            simple.setURL(db.jdbcUrl() + "&preferQueryMode=simple");
            Migrator m = Migrator.builder(simple).migrations(List.of(TABLE, two, mid)).build();
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("version 3 (mid) failed and was rolled back"), e.getMessage());
            assertTrue(e.getMessage().contains("statement 2 of 3 (ALTER TABLE missing"), e.getMessage());
            assertEquals("42P01", ((SQLException) e.getCause()).getSQLState());
            assertEquals(List.of(), db.strings("select relname::text from pg_class where relname like '%_one'"));
            assertEquals(2, m.status().currentVersion());
        }
    }

    /**
     * A batch of many entries: the driver syncs with the server part way (so that neither side's
     * buffer fills), which inside the version's transaction commits nothing. A statement failing
     * before that point or after it is the one named, and nothing of the version is kept.
     */
    @Test
    void aLongBatchThatTheDriverSyncsPartWayStaysOneTransaction() throws Exception {
        for (int failing : List.of(10, 700)) {
            var up = new java.util.ArrayList<String>();
            for (int i = 1; i <= 800; i++) {
                up.add(i == failing ? "ALTER TABLE missing ADD COLUMN x int" : "CREATE TABLE t" + i + " (id int)");
            }
            var big = new Version(2, "big", up, List.of());
            try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, big)).build();
                MigrationException e = assertThrows(MigrationException.class, m::migrate);
                assertTrue(e.getMessage().contains("statement " + failing + " of 800 (ALTER TABLE missing"), e.getMessage());
                assertEquals("42P01", ((SQLException) e.getCause()).getSQLState());
                assertEquals(List.of("0"), db.strings("select count(*) from pg_class where relname ~ '^t[0-9]+$'"));
                assertEquals(1, m.status().currentVersion());
            }
        }
    }
}
