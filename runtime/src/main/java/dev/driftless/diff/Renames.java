package dev.driftless.diff;

import dev.driftless.model.QualifiedName;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renames the model declares ({@code @RenamedFrom}): new table name to old, and for each table (by
 * its name after the change) new column name to old. The diff turns them into renames instead of a drop and an add.
 */
public record Renames(Map<QualifiedName, QualifiedName> tables, Map<QualifiedName, Map<String, String>> columns) {

    public static final Renames NONE = new Renames(Map.of(), Map.of());

    public Renames {
        tables = Map.copyOf(tables);
        var copy = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> copy.put(Objects.requireNonNull(table), Map.copyOf(renames)));
        columns = Map.copyOf(copy);
    }

    /** Column renames only. */
    public Renames(Map<QualifiedName, Map<String, String>> columns) {
        this(Map.of(), columns);
    }

    /** The old name of a column, or null when none is declared. */
    public String oldColumnName(QualifiedName table, String column) {
        return columns.getOrDefault(table, Map.of()).get(column);
    }

    /** The same renames, the other way round: what the down of a version needs. */
    public Renames inverse() {
        var tablesBack = new HashMap<QualifiedName, QualifiedName>();
        tables.forEach((newName, oldName) -> tablesBack.put(oldName, newName));
        var columnsBack = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> {
            var flipped = new HashMap<String, String>();
            renames.forEach((newName, oldName) -> flipped.put(oldName, newName));
            // Column renames are keyed by the table's name after the version: going back, its old name.
            columnsBack.put(tables.getOrDefault(table, table), flipped);
        });
        return new Renames(tablesBack, columnsBack);
    }
}
