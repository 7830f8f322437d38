package dev.driftless.docs;

import dev.driftless.sql.Identifiers;

/**
 * A table as a statement names it: the schema when the name is qualified (null when it is not, so
 * that the search_path decides), and the name as PostgreSQL keeps it (an unquoted name folded to
 * lower case, a quoted one as written).
 */
public record TableName(String schema, String name) {

    public TableName {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a table name must not be empty");
        }
    }

    public static TableName of(String name) {
        return new TableName(null, name);
    }

    /** The same name in the schema of this one: what {@code ALTER TABLE this RENAME TO name} gives. */
    public TableName renamed(String newName) {
        return new TableName(schema, newName);
    }

    /** The name as SQL, every part double-quoted so that PostgreSQL reads back exactly this name. */
    public String sql() {
        return (schema == null ? "" : Identifiers.delimited(schema) + ".") + Identifiers.delimited(name);
    }

    @Override
    public String toString() {
        return (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(name);
    }
}
