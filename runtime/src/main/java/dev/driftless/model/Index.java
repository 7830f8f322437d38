package dev.driftless.model;

import java.util.List;
import java.util.Objects;

public record Index(String name, List<IndexColumn> columns, boolean unique) {
    public Index {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no column");
        }
    }
}
