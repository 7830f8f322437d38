package dev.driftless.model;

import java.util.List;
import java.util.Objects;

public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
        Objects.requireNonNull(name, "name");
        columns = Names.nonEmpty(columns, "primary key " + name);
    }
}
