package dev.driftless.migrate;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.model.QualifiedName;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Fills a column of a large table in batches: {@code UPDATE} at most {@code batchSize} rows that
 * still match {@code pending} at a time, until none is left. Each batch is a short statement, so no
 * single statement builds a huge update list, and progress is logged per batch. The condition must
 * stop matching a row once it is updated (typically {@code new_column IS NULL}), which also makes a
 * re-run after a failure continue where it stopped.
 *
 * <pre>{@code
 * public final class FillKwh implements JavaStep {
 *     public void run(Connection c) throws SQLException {
 *         Backfill.of("fact_energy_hourly").set("kwh = energy_kwh").where("kwh IS NULL").batchSize(10_000).run(c);
 *     }
 * }
 * }</pre>
 */
public final class Backfill {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private final QualifiedName table;
    private final String assignments;
    private final String pending;
    private final int batchSize;

    private Backfill(QualifiedName table, String assignments, String pending, int batchSize) {
        this.table = table;
        this.assignments = assignments;
        this.pending = pending;
        this.batchSize = batchSize;
    }

    /** A backfill of a table of the connection's schema. */
    public static Backfill of(String table) {
        return of(QualifiedName.of(table));
    }

    public static Backfill of(QualifiedName table) {
        return new Backfill(Objects.requireNonNull(table, "table"), null, null, 10_000);
    }

    /** The {@code SET} list, e.g. {@code kwh = energy_kwh}. */
    public Backfill set(String assignments) {
        return new Backfill(table, Objects.requireNonNull(assignments, "assignments"), pending, batchSize);
    }

    /** The condition of the rows still to fill, e.g. {@code kwh IS NULL}. */
    public Backfill where(String pending) {
        return new Backfill(table, assignments, Objects.requireNonNull(pending, "pending"), batchSize);
    }

    public Backfill batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch has at least one row, not " + rows);
        }
        return new Backfill(table, assignments, pending, rows);
    }

    /** The statement of one batch. */
    String batchStatement() {
        if (assignments == null || pending == null) {
            throw new IllegalStateException("a backfill needs set(...) and where(...)");
        }
        String t = quote(table);
        return "UPDATE " + t + " SET " + assignments + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t
                + " WHERE " + pending + " LIMIT " + batchSize + "))";
    }

    /**
     * Runs batches until one updates no row.
     *
     * @return the number of rows updated
     */
    public long run(Connection connection) throws SQLException {
        String sql = batchStatement();
        long total = 0;
        int batches = 0;
        try (Statement statement = connection.createStatement()) {
            while (true) {
                int rows = statement.executeUpdate(sql);
                if (rows == 0) {
                    break;
                }
                total += rows;
                batches++;
                long sofar = total;
                int done = batches;
                LOG.log(Level.DEBUG, () -> "backfill of " + table + ": batch " + done + ", " + sofar + " rows so far");
            }
        }
        long filled = total;
        int count = batches;
        LOG.log(Level.INFO, () -> "backfill of " + table + " updated " + filled + " rows in " + count + " batches");
        return total;
    }
}
