package dev.driftless.diff;

import dev.driftless.model.QualifiedName;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renames the model declares ({@code @RenamedFrom}): new table name to old, and for each table (by
 * its name after the change) new column name to old. The diff turns them into renames instead of a
 * drop and an add. A rename declared online ({@code @RenamedFrom(online = true)}) is done by expand
 * and contract instead ({@link OnlineRenames}): {@code onlineTables} holds the new names of such
 * tables, {@code onlineColumns} the new names of such columns, per table.
 */
public record Renames(Map<QualifiedName, QualifiedName> tables, Map<QualifiedName, Map<String, String>> columns,
        Set<QualifiedName> onlineTables, Map<QualifiedName, Set<String>> onlineColumns) {

    public static final Renames NONE = new Renames(Map.of(), Map.of());

    public Renames {
        tables = Map.copyOf(tables);
        var copy = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> copy.put(Objects.requireNonNull(table), Map.copyOf(renames)));
        columns = Map.copyOf(copy);
        onlineTables = Set.copyOf(onlineTables);
        for (QualifiedName t : onlineTables) {
            if (!tables.containsKey(t)) {
                throw new IllegalArgumentException("table " + t + " is declared renamed online but has no old name");
            }
        }
        var online = new HashMap<QualifiedName, Set<String>>();
        onlineColumns.forEach((table, names) -> {
            for (String n : names) {
                if (!copy.getOrDefault(table, Map.of()).containsKey(n)) {
                    throw new IllegalArgumentException("column " + table + "." + n
                            + " is declared renamed online but has no old name");
                }
            }
            online.put(table, Set.copyOf(names));
        });
        onlineColumns = Map.copyOf(online);
    }

    /** Renames done in place only. */
    public Renames(Map<QualifiedName, QualifiedName> tables, Map<QualifiedName, Map<String, String>> columns) {
        this(tables, columns, Set.of(), Map.of());
    }

    /** Column renames only. */
    public Renames(Map<QualifiedName, Map<String, String>> columns) {
        this(Map.of(), columns);
    }

    /** The old name of a column, or null when none is declared. */
    public String oldColumnName(QualifiedName table, String column) {
        return columns.getOrDefault(table, Map.of()).get(column);
    }

    /** Whether the rename of this column (by its new name) is declared online. */
    public boolean online(QualifiedName table, String column) {
        return onlineColumns.getOrDefault(table, Set.of()).contains(column);
    }

    /** Whether the rename of this table (by its new name) is declared online. */
    public boolean online(QualifiedName table) {
        return onlineTables.contains(table);
    }

    /** The renames done in place: those declared online left out. */
    public Renames inPlace() {
        var columnsInPlace = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> {
            var kept = new HashMap<String, String>();
            renames.forEach((newName, oldName) -> {
                if (!online(table, newName)) {
                    kept.put(newName, oldName);
                }
            });
            columnsInPlace.put(table, kept);
        });
        return new Renames(tables, columnsInPlace);
    }

    /**
     * The renames done in place, the other way round: what the down of a version needs (an online
     * rename's down drops the column it added, it renames nothing).
     */
    public Renames inverse() {
        var tablesBack = new HashMap<QualifiedName, QualifiedName>();
        tables.forEach((newName, oldName) -> tablesBack.put(oldName, newName));
        var columnsBack = new HashMap<QualifiedName, Map<String, String>>();
        inPlace().columns().forEach((table, renames) -> {
            var flipped = new HashMap<String, String>();
            renames.forEach((newName, oldName) -> flipped.put(oldName, newName));
            // Column renames are keyed by the table's name after the version: going back, its old name.
            columnsBack.put(tables.getOrDefault(table, table), flipped);
        });
        return new Renames(tablesBack, columnsBack);
    }
}
