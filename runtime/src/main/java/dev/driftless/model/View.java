package dev.driftless.model;

import java.util.List;
import java.util.Objects;

/**
 * A view or materialized view declared in the model.
 *
 * @param query the {@code SELECT} the view stands for, without a trailing semicolon
 * @param indexes a materialized view's indexes (a unique one is what {@code REFRESH MATERIALIZED
 *     VIEW CONCURRENTLY} needs), sorted by name; a plain view has none
 */
public record View(QualifiedName name, String query, boolean materialized, List<Index> indexes) {
    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        query = query.strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).strip();
        }
        if (query.isEmpty()) {
            throw new IllegalArgumentException("view " + name + " has no query");
        }
        indexes = Names.sortedUnique(indexes, Index::name, "index of view " + name);
        if (!materialized && !indexes.isEmpty()) {
            throw new IllegalArgumentException("view " + name + " is not materialized, so it cannot have indexes");
        }
    }

    /** A view without indexes. */
    public View(QualifiedName name, String query, boolean materialized) {
        this(name, query, materialized, List.of());
    }

    /** The same view with another spelling of its query. */
    public View withQuery(String other) {
        return new View(name, other, materialized, indexes);
    }

    /** The same view without its indexes: what must be created again when this differs. */
    public View withoutIndexes() {
        return new View(name, query, materialized);
    }

    public String kind() {
        return materialized ? "materialized view" : "view";
    }
}
