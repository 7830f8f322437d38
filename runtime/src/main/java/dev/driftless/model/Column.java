package dev.driftless.model;

import java.util.Objects;
import java.util.regex.Pattern;

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

    /** Functions whose value differs per row: a default calling one makes ADD COLUMN rewrite the table. */
    private static final Pattern VOLATILE = Pattern.compile(
            "(?i).*\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|txid_current)\\s*\\(.*",
            Pattern.DOTALL);

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

    /** Whether the default gives every row its own value (a function like {@code gen_random_uuid()}). */
    public boolean volatileDefault() {
        return defaultExpression != null && VOLATILE.matcher(defaultExpression).matches();
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
