package dev.driftless.model;

import java.util.List;
import java.util.Objects;

public record UniqueConstraint(String name, List<String> columns) {
    public UniqueConstraint {
        Objects.requireNonNull(name, "name");
        columns = Names.nonEmpty(columns, "unique constraint " + name);
    }
}
