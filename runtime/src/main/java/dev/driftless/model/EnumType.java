package dev.driftless.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL enum type ({@code CREATE TYPE ... AS ENUM}). Its values keep their declared order,
 * which is the order PostgreSQL sorts them in. Columns use it through a {@link ColumnType} that
 * spells its (quoted, qualified where needed) name.
 */
public record EnumType(QualifiedName name, List<String> values) {
    public EnumType {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("enum type " + name + " has no value");
        }
        var seen = new HashSet<String>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException("enum type " + name + " has the value " + v + " twice");
            }
        }
    }
}
