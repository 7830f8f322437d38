package dev.driftless.model;

import dev.driftless.sql.Identifiers;
import java.util.Comparator;
import java.util.Objects;

/**
 * The name of a table or sequence. An empty {@code schema} means the connection's default schema
 * (the first schema of its {@code search_path}), which is how the same versions can be applied to
 * several tenant schemas.
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a name must not be empty");
        }
    }

    // Written out: a record's generated equals and hashCode run slowly in a cold JVM, and names are map keys everywhere.
    @Override
    public boolean equals(Object o) {
        return o instanceof QualifiedName q && name.equals(q.name) && schema.equals(q.schema);
    }

    /** As a record computes it: {@code 31 * schema.hashCode() + name.hashCode()}. */
    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + name.hashCode();
    }

    /** A name in the default schema. */
    public static QualifiedName of(String name) {
        return new QualifiedName("", name);
    }

    public boolean hasSchema() {
        return !schema.isEmpty();
    }

    /**
     * A name as SQL: each part quoted where PostgreSQL needs it, schema-qualified when it has a schema
     * (beside {@link Identifiers#quote(String)}, which quotes one part).
     */
    public static String quote(QualifiedName name) {
        return Identifiers.qualified(name.schema, name.name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return hasSchema() ? schema + "." + name : name;
    }
}
