package dev.driftless.model;

import java.util.Objects;

/**
 * A table column.
 *
 * @param defaultExpression the SQL expression of the column default, or {@code null} for none
 * @param comment the column comment, or {@code null} for none
 */
public record Column(
        String name,
        ColumnType type,
        boolean nullable,
        String defaultExpression,
        Identity identity,
        String comment) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identity, "identity");
        if (identity != Identity.NONE && nullable) {
            throw new IllegalArgumentException("identity column " + name + " cannot be nullable");
        }
    }

    public static Column of(String name, String type, boolean nullable) {
        return new Column(name, ColumnType.of(type), nullable, null, Identity.NONE, null);
    }

    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultExpression, identity, comment);
    }

    public Column withDefault(String value) {
        return new Column(name, type, nullable, value, identity, comment);
    }

    public Column withComment(String value) {
        return new Column(name, type, nullable, defaultExpression, identity, value);
    }
}
