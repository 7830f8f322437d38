package dev.driftless.model;

import java.util.Objects;

/**
 * Two columns of one table kept equal by a trigger while a column is renamed online (expand and
 * contract): the application versions that still use the old name and those that use the new one
 * both read and write the same values, until a later version drops the old column.
 *
 * @param oldName the column the previous application version uses
 * @param newName the column the model now names
 */
public record ColumnSync(QualifiedName table, String oldName, String newName) {

    /** The name prefix of the trigger (and its function) that keeps the two columns equal. */
    public static final String PREFIX = "driftless_sync_";

    public ColumnSync {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        if (oldName.equals(newName)) {
            throw new IllegalArgumentException("a column of " + table + " cannot be kept in sync with itself: " + oldName);
        }
    }

    /** Whether the sync involves the column. */
    public boolean involves(String column) {
        return oldName.equals(column) || newName.equals(column);
    }

    /** The other column of the pair. */
    public String other(String column) {
        return oldName.equals(column) ? newName : oldName;
    }

    @Override
    public String toString() {
        return table + "(" + oldName + " = " + newName + ")";
    }
}
