package dev.driftless.model;

import java.util.Objects;

/**
 * A view or materialized view declared in the model.
 *
 * @param query the {@code SELECT} the view stands for, without a trailing semicolon
 */
public record View(QualifiedName name, String query, boolean materialized) {
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
    }

    public String kind() {
        return materialized ? "materialized view" : "view";
    }
}
