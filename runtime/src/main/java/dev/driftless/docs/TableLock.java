package dev.driftless.docs;

/**
 * A lock a statement takes on a table.
 *
 * @param throughIndex whether the statement names an index, not its table ({@code DROP INDEX}):
 *     the lock is on the index's table, which only the catalog knows
 */
public record TableLock(TableName table, LockMode mode, boolean throughIndex) {

    public TableLock {
        if (table == null || mode == null) {
            throw new IllegalArgumentException("a table lock needs a table and a mode");
        }
    }

    public TableLock(TableName table, LockMode mode) {
        this(table, mode, false);
    }

    @Override
    public String toString() {
        return mode.sql() + " on " + (throughIndex ? "the table of index " : "") + table;
    }
}
