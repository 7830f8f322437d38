package dev.driftless.model;

import java.util.Objects;

public record IndexColumn(String name, boolean descending) {
    public IndexColumn {
        Objects.requireNonNull(name, "name");
    }

    public static IndexColumn asc(String name) {
        return new IndexColumn(name, false);
    }
}
