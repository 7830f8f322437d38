package dev.driftless.diff;

import dev.driftless.model.QualifiedName;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renames the model declares ({@code @RenamedFrom}): for each table, new column name to old. The
 * diff turns them into renames instead of a drop and an add.
 */
public record Renames(Map<QualifiedName, Map<String, String>> columns) {

    public static final Renames NONE = new Renames(Map.of());

    public Renames {
        var copy = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> copy.put(Objects.requireNonNull(table), Map.copyOf(renames)));
        columns = Map.copyOf(copy);
    }

    /** The old name of a column, or null when none is declared. */
    public String oldColumnName(QualifiedName table, String column) {
        return columns.getOrDefault(table, Map.of()).get(column);
    }

    /** The same renames, the other way round: what the down of a version needs. */
    public Renames inverse() {
        var inverse = new HashMap<QualifiedName, Map<String, String>>();
        columns.forEach((table, renames) -> {
            var flipped = new HashMap<String, String>();
            renames.forEach((newName, oldName) -> flipped.put(oldName, newName));
            inverse.put(table, flipped);
        });
        return new Renames(inverse);
    }
}
