package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A version that renames a parent table and alters its child, applied while writers keep inserting
 * into the child: each insert takes ROW EXCLUSIVE on the child and then, for its foreign key check,
 * a FOR KEY SHARE row lock on the parent. Taken in statement order (parent, then child), the
 * version's locks deadlock with those writers and time out again and again; taken up front, child
 * first, they never do.
 */
class UpFrontLocksTest {

    private static final int WRITERS = 4;

    private static final Migration TABLES = TestMigration.of(1, "tables",
            "CREATE TABLE parent (id bigint PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent (id),"
                    + " v text NOT NULL)",
            "INSERT INTO parent (id, name) SELECT g, 'p' || g FROM generate_series(1, 10) g");

    private static final Migration RENAME_PARENT = TestMigration.of(2, "rename_parent",
            "ALTER TABLE parent RENAME TO account",
            "ALTER TABLE child ADD COLUMN note text");

    @Test
    void aVersionRenamingTheParentAndAlteringTheChildNeverWaitsOutItsLockTimeoutUnderSteadyWriters()
            throws Exception {
        underSteadyWriters(TABLES, RENAME_PARENT, "select r from (select id || '|' || parent_id || '|' || v"
                + " || '|' || coalesce(note, '-') as r from child) c order by r collate \"C\"", "account");
    }

    private static final Migration INT_KEYS = TestMigration.of(1, "int_keys",
            "CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id),"
                    + " v text NOT NULL)",
            "INSERT INTO parent (id, name) SELECT g, 'p' || g FROM generate_series(1, 10) g");

    /** Names only the parent: the child is locked through the foreign key that references the key. */
    private static final Migration WIDEN_PARENT_KEY = TestMigration.of(2, "widen_parent_key",
            "ALTER TABLE parent ALTER COLUMN id TYPE bigint",
            "ALTER TABLE parent ADD COLUMN note text");

    @Test
    void aVersionWideningTheParentsKeyTakesTheChildUpFrontFirstAndNeverWaitsOutItsLockTimeoutUnderSteadyWriters()
            throws Exception {
        underSteadyWriters(INT_KEYS, WIDEN_PARENT_KEY, "select r from (select id || '|' || parent_id || '|' || v"
                + " || '|-' as r from child) c order by r collate \"C\"", "parent");
    }

    /** One statement alone, which would lock the parent before the child. */
    private static final Migration WIDEN_PARENT_KEY_ALONE = TestMigration.of(2, "widen_parent_key_alone",
            "ALTER TABLE parent ALTER COLUMN id TYPE bigint");

    @Test
    void aVersionOfOneStatementWideningTheParentsKeyTakesTheChildUpFrontFirstToo() throws Exception {
        underSteadyWriters(INT_KEYS, WIDEN_PARENT_KEY_ALONE, "select r from (select id || '|' || parent_id || '|' || v"
                + " || '|-' as r from child) c order by r collate \"C\"", "parent");
    }

    /**
     * Applies {@code tables}, then {@code version} while the writers insert into the child: the
     * version gets its locks at its first attempt, no writer's transaction fails, and the child has
     * the rows of every transaction that committed ({@code rows} lists them as the writers do).
     */
    private static void underSteadyWriters(Migration tables, Migration version, String rows, String parent)
            throws Exception {
        var warnings = Collections.synchronizedList(new ArrayList<String>());
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
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(tables)).build().migrate();
            AtomicBoolean stop = new AtomicBoolean();
            var writers = new ArrayList<CompletableFuture<Writer>>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(db, w, stop);
                writers.add(CompletableFuture.supplyAsync(writer::run));
            }
            log.addHandler(capture);
            try {
                Thread.sleep(300); // the writers are under way
                MigrateResult result = Migrator.builder(db.dataSource()).migrations(List.of(tables, version))
                        .build().migrate();
                assertEquals(2, result.currentVersion());
                Thread.sleep(300); // and go on afterwards
            } finally {
                stop.set(true);
                log.removeHandler(capture);
            }
            var expected = new TreeSet<String>();
            var errors = new ArrayList<String>();
            for (CompletableFuture<Writer> future : writers) {
                Writer writer = future.get(60, TimeUnit.SECONDS);
                expected.addAll(writer.committed);
                errors.addAll(writer.errors);
            }
            assertEquals(List.of(), warnings, "the version got its locks at the first attempt");
            assertEquals(List.of(), errors, "no writer's transaction failed");
            assertTrue(expected.size() > 20 * WRITERS, "the writers wrote: " + expected.size());
            assertEquals(List.copyOf(expected), db.strings(rows));
            assertEquals(List.of("10"), db.strings("select count(*) from " + parent));
        }
    }

    /**
     * Inserts into the child in short transactions of two rows (the foreign key check of the first
     * holds its lock on the parent while the second is written), recording the rows of every
     * transaction that committed; a failed transaction is recorded, and the writer goes on.
     */
    private static final class Writer {
        final TestDatabase db;
        final int number;
        final AtomicBoolean stop;
        final List<String> committed = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        Writer(TestDatabase db, int number, AtomicBoolean stop) {
            this.db = db;
            this.number = number;
            this.stop = stop;
        }

        Writer run() {
            try (Connection c = db.connect(); Statement pause = c.createStatement();
                    PreparedStatement insert = c.prepareStatement("insert into child (id, parent_id, v) values (?, ?, ?)")) {
                c.setAutoCommit(false);
                long n = 0;
                while (!stop.get()) {
                    var rows = new ArrayList<String>();
                    try {
                        for (int k = 0; k < 2; k++) {
                            n++;
                            long id = number * 1_000_000L + n;
                            long parent = 1 + n % 10;
                            String v = "w" + number + "-" + n;
                            insert.setLong(1, id);
                            insert.setLong(2, parent);
                            insert.setString(3, v);
                            insert.executeUpdate();
                            rows.add(id + "|" + parent + "|" + v + "|-");
                            if (k == 0) {
                                pause.execute("select pg_sleep(0.005)");
                            }
                        }
                        c.commit();
                        committed.addAll(rows);
                    } catch (SQLException e) {
                        errors.add(e.getSQLState() + ": " + e.getMessage());
                        c.rollback();
                    }
                }
            } catch (SQLException e) {
                errors.add(e.getSQLState() + ": " + e.getMessage());
            }
            return this;
        }
    }
}
