package dev.driftless.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole schema a model asks for: tables, sequences, enum types and views, each sorted by name.
 * The named schemas (namespaces) are derived from them. A table and a view never share a name.
 */
public record SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enumTypes, List<View> views) {

    public static final SchemaModel EMPTY = new SchemaModel(List.of(), List.of());

    public SchemaModel {
        tables = Names.sortedUnique(tables, t -> t.name().toString(), "table");
        sequences = Names.sortedUnique(sequences, s -> s.name().toString(), "sequence");
        enumTypes = Names.sortedUnique(enumTypes, e -> e.name().toString(), "enum type");
        views = Names.sortedUnique(views, v -> v.name().toString(), "view");
        var relations = new HashSet<QualifiedName>();
        tables.forEach(t -> relations.add(t.name()));
        for (View v : views) {
            if (!relations.add(v.name())) {
                throw new IllegalArgumentException("a table and a view are both named " + v.name());
            }
        }
    }

    /** A model of tables and sequences only. */
    public SchemaModel(List<Table> tables, List<Sequence> sequences) {
        this(tables, sequences, List.of(), List.of());
    }

    /** The explicitly named schemas the tables, sequences, types and views live in. */
    public SortedSet<String> schemas() {
        var schemas = new TreeSet<String>();
        tables.forEach(t -> addSchema(schemas, t.name()));
        sequences.forEach(s -> addSchema(schemas, s.name()));
        enumTypes.forEach(e -> addSchema(schemas, e.name()));
        views.forEach(v -> addSchema(schemas, v.name()));
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

    public Optional<View> view(QualifiedName name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return enumTypes.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public SchemaModel withTables(List<Table> newTables) {
        return new SchemaModel(newTables, sequences, enumTypes, views);
    }

    public SchemaModel withViews(List<View> newViews) {
        return new SchemaModel(tables, sequences, enumTypes, newViews);
    }

    public SchemaModel withEnumTypes(List<EnumType> newTypes) {
        return new SchemaModel(tables, sequences, newTypes, views);
    }

    public boolean isEmpty() {
        return tables.isEmpty() && sequences.isEmpty() && enumTypes.isEmpty() && views.isEmpty();
    }
}
