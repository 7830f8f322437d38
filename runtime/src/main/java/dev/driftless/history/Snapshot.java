package dev.driftless.history;

import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The schema model as of a frozen version; version 0 is the empty database before any version.
 *
 * @param mappedBy for each table, the attribute that maps each column, as {@code package.Entity.field}:
 *     what a message about a column names for the user to edit. The processor gives it to the
 *     snapshot it places on the class path; a snapshot from the history directory has none.
 */
public record Snapshot(int version, SchemaModel model, Map<QualifiedName, Map<String, String>> mappedBy) {

    public static final Snapshot EMPTY = new Snapshot(0, SchemaModel.EMPTY);

    public Snapshot {
        Objects.requireNonNull(model, "model");
        if (version < 0) {
            throw new IllegalArgumentException("negative version " + version);
        }
        var copy = new HashMap<QualifiedName, Map<String, String>>();
        mappedBy.forEach((table, columns) -> copy.put(table, Map.copyOf(columns)));
        mappedBy = Map.copyOf(copy);
    }

    /** A snapshot that does not say which attributes map the columns. */
    public Snapshot(int version, SchemaModel model) {
        this(version, model, Map.of());
    }

    /** The same snapshot, saying which attribute maps each column. */
    public Snapshot withMappedBy(Map<QualifiedName, Map<String, String>> attributes) {
        return new Snapshot(version, model, attributes);
    }

    /** The attribute that maps a column ({@code package.Entity.field}), if the snapshot says. */
    public Optional<String> mappedBy(QualifiedName table, String column) {
        return Optional.ofNullable(mappedBy.getOrDefault(table, Map.of()).get(column));
    }
}
