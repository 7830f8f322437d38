package dev.driftless.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole schema a model asks for: tables and sequences, sorted by name. The named schemas
 * (namespaces) are derived from them.
 */
public record SchemaModel(List<Table> tables, List<Sequence> sequences) {

    public static final SchemaModel EMPTY = new SchemaModel(List.of(), List.of());

    public SchemaModel {
        tables = Names.sortedUnique(tables, t -> t.name().toString(), "table");
        sequences = Names.sortedUnique(sequences, s -> s.name().toString(), "sequence");
    }

    /** The explicitly named schemas the tables and sequences live in. */
    public SortedSet<String> schemas() {
        var schemas = new TreeSet<String>();
        tables.forEach(t -> addSchema(schemas, t.name()));
        sequences.forEach(s -> addSchema(schemas, s.name()));
        return schemas;
    }

    private static void addSchema(SortedSet<String> schemas, QualifiedName name) {
        if (name.hasSchema()) {
            schemas.add(name.schema());
        }
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return tables.isEmpty() && sequences.isEmpty();
    }
}
