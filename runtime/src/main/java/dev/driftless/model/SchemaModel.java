package dev.driftless.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole schema a model asks for: tables, sequences, enum types and views, each sorted by name,
 * and the column pairs kept in sync while a column is renamed online. The named schemas
 * (namespaces) are derived from them. A table and a view never share a name.
 */
public record SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enumTypes, List<View> views,
        List<ColumnSync> columnSyncs) {

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
        columnSyncs = Names.sortedUnique(columnSyncs, ColumnSync::toString, "column sync");
        var synced = new HashSet<String>();
        for (ColumnSync s : columnSyncs) {
            Table table = tables.stream().filter(t -> t.name().equals(s.table())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("column sync " + s + " names a table the model does not have"));
            for (String column : List.of(s.oldName(), s.newName())) {
                if (table.column(column).isEmpty()) {
                    throw new IllegalArgumentException("column sync " + s + " names column " + column
                            + ", which the table does not have");
                }
                if (!synced.add(s.table() + "." + column)) {
                    throw new IllegalArgumentException("column " + s.table() + "." + column + " is in two column syncs");
                }
            }
        }
    }

    /** A model without column syncs. */
    public SchemaModel(List<Table> tables, List<Sequence> sequences, List<EnumType> enumTypes, List<View> views) {
        this(tables, sequences, enumTypes, views, List.of());
    }

    /** A model of tables and sequences only. */
    public SchemaModel(List<Table> tables, List<Sequence> sequences) {
        this(tables, sequences, List.of(), List.of(), List.of());
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

    /** The sync a column is in, if any. */
    public Optional<ColumnSync> columnSync(QualifiedName table, String column) {
        return columnSyncs.stream().filter(s -> s.table().equals(table) && s.involves(column)).findFirst();
    }

    public SchemaModel withTables(List<Table> newTables) {
        return new SchemaModel(newTables, sequences, enumTypes, views, columnSyncs);
    }

    public SchemaModel withViews(List<View> newViews) {
        return new SchemaModel(tables, sequences, enumTypes, newViews, columnSyncs);
    }

    public SchemaModel withEnumTypes(List<EnumType> newTypes) {
        return new SchemaModel(tables, sequences, newTypes, views, columnSyncs);
    }

    public SchemaModel withColumnSyncs(List<ColumnSync> newSyncs) {
        return new SchemaModel(tables, sequences, enumTypes, views, newSyncs);
    }

    public boolean isEmpty() {
        return tables.isEmpty() && sequences.isEmpty() && enumTypes.isEmpty() && views.isEmpty()
                && columnSyncs.isEmpty();
    }
}
