package dev.driftless.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table column.
 *
 * @param defaultExpression the SQL expression of the column default, or {@code null} for none
 * @param comment the column comment, or {@code null} for none
 * @param collation the name of the column's collation (as in {@code pg_collation}, looked up on the
 *     search path, where PostgreSQL's own collations always are), or {@code null} for the type's
 *     default collation
 */
public record Column(
        String name,
        ColumnType type,
        boolean nullable,
        String defaultExpression,
        Identity identity,
        String comment,
        String collation) {

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
        if (collation != null && collation.isEmpty()) {
            throw new IllegalArgumentException("column " + name + " has an empty collation name");
        }
    }

    /** A column with its type's default collation. */
    public Column(String name, ColumnType type, boolean nullable, String defaultExpression, Identity identity,
            String comment) {
        this(name, type, nullable, defaultExpression, identity, comment, null);
    }

    public static Column of(String name, String type, boolean nullable) {
        return new Column(name, ColumnType.of(type), nullable, null, Identity.NONE, null);
    }

    /** Whether the default gives every row its own value (a function like {@code gen_random_uuid()}). */
    public boolean volatileDefault() {
        return defaultExpression != null && VOLATILE.matcher(defaultExpression).matches();
    }

    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultExpression, identity, comment, collation);
    }

    public Column withDefault(String value) {
        return new Column(name, type, nullable, value, identity, comment, collation);
    }

    public Column withComment(String value) {
        return new Column(name, type, nullable, defaultExpression, identity, value, collation);
    }

    /** {@code null} for the type's default collation. */
    public Column withCollation(String value) {
        return new Column(name, type, nullable, defaultExpression, identity, comment, value);
    }

    /** Whether the values change meaning between the two: another type or another collation. */
    public boolean retyped(Column other) {
        return !type.equals(other.type) || !Objects.equals(collation, other.collation);
    }
}
