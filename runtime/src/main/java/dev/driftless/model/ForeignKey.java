package dev.driftless.model;

import java.util.List;
import java.util.Objects;

public record ForeignKey(
        String name,
        List<String> columns,
        QualifiedName target,
        List<String> targetColumns,
        ReferentialAction onDelete) {

    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onDelete, "onDelete");
        columns = Names.nonEmpty(columns, "foreign key " + name);
        targetColumns = Names.nonEmpty(targetColumns, "foreign key " + name + " target");
        if (columns.size() != targetColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " has " + columns.size()
                    + " columns but references " + targetColumns.size());
        }
    }
}
