package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A version that cannot get its locks gives up quickly, rolls back and tries again, instead of queueing. */
class DdlLockTimeoutTest {

    private static Migrator migrator(TestDatabase db, int retries) {
        return Migrator.builder(db.dataSource()).migrations(SampleVersions.all())
                .ddlLockTimeout(Duration.ofMillis(100)).ddlLockRetries(retries).build();
    }

    @Test
    void aLongTransactionMakesTheVersionGiveUpAfterItsRetries() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            migrator(db, 0).migrateTo(2);
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                st.execute("lock table meter in access share mode"); // a long report, say
                var e = assertThrows(MigrationException.class, () -> migrator(db, 1).migrate());
                assertTrue(e.getMessage().contains("version 3 (meter_serial) failed and was rolled back"), e.getMessage());
                assertTrue(e.getMessage().contains("gave up after 2 attempts"), e.getMessage());
                blocker.rollback();
            }
            assertEquals(2, migrator(db, 0).status().currentVersion());
        }
    }

    @Test
    void theVersionGoesThroughOnceTheLongTransactionEnds() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            migrator(db, 0).migrateTo(2);
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                st.execute("lock table meter in access share mode");
                CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(() -> migrator(db, 5).migrate());
                Thread.sleep(700); // at least one timeout and one pause
                assertTrue(!migration.isDone(), "the migration should still be retrying");
                blocker.rollback();
                MigrateResult result = migration.get(30, TimeUnit.SECONDS);
                assertEquals(3, result.currentVersion());
            }
        }
    }

    /**
     * While the version waits behind a long transaction, other clients keep reading the table: its
     * ALTER TABLE gives up after the lock timeout instead of queueing for hours with every later
     * reader queued behind it. A reader stuck in that queue would wait for the whole long
     * transaction (3 s here) and hit its statement timeout (2 s).
     */
    @Test
    void otherClientsAreNotBlockedWhileTheVersionWaits() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            migrator(db, 0).migrateTo(2);
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement();
                    Connection reader = db.connect(); Statement read = reader.createStatement()) {
                reader.setAutoCommit(true);
                read.execute("set statement_timeout = '2s'");
                blocker.setAutoCommit(false);
                st.execute("lock table meter in access share mode");
                CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(() -> migrator(db, 20).migrate());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                int reads = 0;
                while (System.nanoTime() < until) {
                    read.execute("select count(*) from meter"); // throws on the statement timeout
                    reads++;
                    Thread.sleep(50);
                }
                assertTrue(!migration.isDone(), "the migration should still be waiting for the long transaction");
                assertTrue(reads > 10, "reads went on: " + reads);
                blocker.rollback();
                assertEquals(3, migration.get(60, TimeUnit.SECONDS).currentVersion());
            }
        }
    }
}
