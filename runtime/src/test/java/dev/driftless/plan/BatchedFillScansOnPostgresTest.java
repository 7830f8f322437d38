package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.QualifiedName;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batched fill of a column reads each page about once on every supported server: by TID ranges
 * on PostgreSQL 14 and later, by the exact TIDs of each range of pages on 13 (which has no TID
 * range scan, and would read the whole table again for every batch). Counted with the table's
 * sequential scans in {@code pg_stat_user_tables}: only the last sweep for rows moved by concurrent
 * writers is one.
 */
class BatchedFillScansOnPostgresTest {

    /** Rows enough for several batches of {@link SafeForms#BATCH_PAGES} pages. */
    private static final int ROWS = 32_000;

    @Test
    void fillsEveryRowWithOneSequentialScanWhateverTheTableSize() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table reading (id integer primary key, payload text not null, note text)",
                    "insert into reading select g, repeat('x', 60) from generate_series(1, " + ROWS + ") g",
                    "vacuum analyze reading");
            long pages = Long.parseLong(db.strings("select pg_relation_size('reading') / current_setting('block_size')::int")
                    .get(0));
            assertTrue(pages > 3L * SafeForms.BATCH_PAGES, "the table has " + pages + " pages, too few for the test");
            waitFor(db, "n_tup_ins", ROWS);
            long scansBefore = settled(db, "seq_scan");

            db.execute(SafeForms.batchedFill(QualifiedName.of("reading"), "\"note\" = 'n' || id", "\"note\" IS NULL"));

            waitFor(db, "n_tup_upd", ROWS);
            long scans = stat(db, "seq_scan") - scansBefore;
            assertEquals(1, scans, "sequential scans of the " + pages + "-page table during the fill on "
                    + db.strings("show server_version").get(0));
            assertEquals(List.of("0"), db.strings("select count(*) from reading where note is distinct from 'n' || id"));
        }
    }

    private static long stat(TestDatabase db, String column) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select " + column + " from pg_stat_user_tables where relname = 'reading'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The statistics of a backend reach the views a moment after its statement (before 15: by the collector). */
    private static void waitFor(TestDatabase db, String column, long value) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (stat(db, column) < value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pg_stat_user_tables never counted " + value + " in " + column);
            }
            Thread.sleep(100);
        }
    }

    /** The value once it has stayed the same for half a second: what the setup did is all counted. */
    private static long settled(TestDatabase db, String column) throws Exception {
        long value = stat(db, column);
        for (int i = 0; i < 100; i++) {
            Thread.sleep(500);
            long again = stat(db, column);
            if (again == value) {
                return value;
            }
            value = again;
        }
        throw new AssertionError(column + " of pg_stat_user_tables never settled");
    }
}
