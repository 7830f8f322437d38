package dev.driftless.docs;

/**
 * Tables a statement locks through foreign keys, which only the catalog tells: the tables joined to
 * {@code table} by the foreign keys the statement drops or rebuilds ({@code DROP TABLE}, {@code
 * DROP CONSTRAINT}, {@code DROP COLUMN}, {@code ALTER COLUMN ... TYPE}, {@code TRUNCATE ...
 * CASCADE}), each locked in {@code mode}.
 *
 * @param table the table the statement names
 * @param referenced true for the tables {@code table}'s foreign keys reference (its parents),
 *     false for the tables whose foreign keys reference it (its children)
 * @param constraint only the foreign keys of this constraint: for parents, the foreign key of that
 *     name; for children, the foreign keys that use that constraint's key (its unique index); null
 *     for every one
 * @param column only the foreign keys on this column of {@code table}; null for every one
 * @param transitive whether the children of those children are locked too, and so on ({@code
 *     TRUNCATE ... CASCADE}); only for children
 */
public record ForeignKeyLock(TableName table, boolean referenced, String constraint, String column,
        boolean transitive, LockMode mode) {

    public ForeignKeyLock {
        if (table == null || mode == null) {
            throw new IllegalArgumentException("a lock through foreign keys needs a table and a mode");
        }
    }

    /** The parents of {@code table} through its foreign keys (of the constraint, on the column, when given). */
    static ForeignKeyLock parents(TableName table, String constraint, String column) {
        return new ForeignKeyLock(table, true, constraint, column, false, LockMode.ACCESS_EXCLUSIVE);
    }

    /** The children of {@code table} through their foreign keys (to the constraint's key, to the column, when given). */
    static ForeignKeyLock children(TableName table, String constraint, String column, boolean transitive) {
        return new ForeignKeyLock(table, false, constraint, column, transitive, LockMode.ACCESS_EXCLUSIVE);
    }

    @Override
    public String toString() {
        return mode.sql() + " on the tables " + (referenced ? "that " + table + "'s foreign keys reference"
                : "whose foreign keys reference " + table + (transitive ? ", and theirs" : ""))
                + (constraint == null ? "" : " (constraint " + constraint + ")")
                + (column == null ? "" : " (column " + column + ")");
    }
}
