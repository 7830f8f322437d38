package dev.driftless.evolution;

import dev.driftless.diff.Renames;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A schema as the generator evolves it: every table and column keeps an id across renames, so
 * that a rename is told from a drop and an add, and rows can be followed through every version.
 * Constraint names are derived the way the processor derives them ({@code <table>_pkey},
 * {@code <table>_<columns>_key}, {@code <table>_<column>_fkey}); index names are explicit, as
 * {@code @Index(name = ...)} gives them.
 */
record TrackedModel(List<TrackedTable> tables, List<Sequence> sequences) {

    TrackedModel {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
    }

    static final TrackedModel EMPTY = new TrackedModel(List.of(), List.of());

    record TrackedColumn(int id, String name, ValueKind kind, String type, boolean nullable, String defaultExpression,
            boolean identity, String comment) {

        TrackedColumn with(UnaryOperator<Builder> change) {
            return change.apply(new Builder(this)).build();
        }

        static final class Builder {
            private final int id;
            String name;
            ValueKind kind;
            String type;
            boolean nullable;
            String defaultExpression;
            boolean identity;
            String comment;

            Builder(TrackedColumn c) {
                id = c.id;
                name = c.name;
                kind = c.kind;
                type = c.type;
                nullable = c.nullable;
                defaultExpression = c.defaultExpression;
                identity = c.identity;
                comment = c.comment;
            }

            Builder name(String v) { name = v; return this; }
            Builder type(String v) { type = v; return this; }
            Builder nullable(boolean v) { nullable = v; return this; }
            Builder defaultExpression(String v) { defaultExpression = v; return this; }
            Builder identity(boolean v) { identity = v; return this; }
            Builder comment(String v) { comment = v; return this; }

            TrackedColumn build() {
                return new TrackedColumn(id, name, kind, type, nullable, defaultExpression, identity, comment);
            }
        }
    }

    record TrackedIndex(String name, List<Integer> columns, List<Boolean> descending, boolean unique) {
        TrackedIndex {
            columns = List.copyOf(columns);
            descending = List.copyOf(descending);
        }
    }

    /** A foreign key on one join column, to the single-column primary key of table {@code target}. */
    record TrackedForeignKey(int column, int target, ReferentialAction onDelete) {}

    /**
     * @param idColumn the column every row is known by; it is always in the primary key
     * @param references for each join column, the table its values refer to (kept when its foreign key is dropped)
     */
    record TrackedTable(int id, String schema, String name, List<TrackedColumn> columns, int idColumn,
            List<Integer> primaryKey, List<List<Integer>> uniques, List<TrackedIndex> indexes,
            List<TrackedForeignKey> foreignKeys, Map<Integer, Integer> references, String comment) {

        TrackedTable {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            uniques = uniques.stream().map(List::copyOf).toList();
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
            references = Map.copyOf(references);
        }

        QualifiedName qualifiedName() {
            return new QualifiedName(schema, name);
        }

        Optional<TrackedColumn> column(int columnId) {
            return columns.stream().filter(c -> c.id() == columnId).findFirst();
        }

        TrackedColumn idColumnOf() {
            return column(idColumn).orElseThrow();
        }

        String columnName(int columnId) {
            return column(columnId).orElseThrow().name();
        }

        TrackedTable withColumns(List<TrackedColumn> v) {
            return new TrackedTable(id, schema, name, v, idColumn, primaryKey, uniques, indexes, foreignKeys, references,
                    comment);
        }

        TrackedTable withColumn(TrackedColumn v) {
            return withColumns(columns.stream().map(c -> c.id() == v.id() ? v : c).toList());
        }

        TrackedTable withName(String v) {
            return new TrackedTable(id, schema, v, columns, idColumn, primaryKey, uniques, indexes, foreignKeys, references,
                    comment);
        }

        TrackedTable withPrimaryKey(List<Integer> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, v, uniques, indexes, foreignKeys, references,
                    comment);
        }

        TrackedTable withUniques(List<List<Integer>> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, v, indexes, foreignKeys, references,
                    comment);
        }

        TrackedTable withIndexes(List<TrackedIndex> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, v, foreignKeys, references,
                    comment);
        }

        TrackedTable withForeignKeys(List<TrackedForeignKey> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, v, references,
                    comment);
        }

        TrackedTable withReferences(Map<Integer, Integer> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, foreignKeys, v,
                    comment);
        }

        TrackedTable withComment(String v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, foreignKeys,
                    references, v);
        }

        /** The table without a column, and without every key and index that names it. */
        TrackedTable withoutColumn(int columnId) {
            var refs = new HashMap<>(references);
            refs.remove(columnId);
            return new TrackedTable(id, schema, name, columns.stream().filter(c -> c.id() != columnId).toList(), idColumn,
                    primaryKey, uniques.stream().filter(u -> !u.contains(columnId)).toList(),
                    indexes.stream().filter(i -> !i.columns().contains(columnId)).toList(),
                    foreignKeys.stream().filter(f -> f.column() != columnId).toList(), refs, comment);
        }

        Table toTable(TrackedModel model) {
            List<Column> cols = columns.stream().map(c -> new Column(c.name(), ColumnType.of(c.type()), c.nullable(),
                    c.defaultExpression(), c.identity() ? Identity.BY_DEFAULT : Identity.NONE, c.comment())).toList();
            List<UniqueConstraint> uqs = uniques.stream()
                    .map(u -> new UniqueConstraint(name + "_" + String.join("_", names(u)) + "_key", names(u)))
                    .toList();
            List<Index> idx = indexes.stream().map(i -> {
                var ic = new ArrayList<IndexColumn>();
                for (int k = 0; k < i.columns().size(); k++) {
                    ic.add(new IndexColumn(columnName(i.columns().get(k)), i.descending().get(k)));
                }
                return new Index(i.name(), ic, i.unique());
            }).toList();
            List<ForeignKey> fks = foreignKeys.stream().map(f -> {
                TrackedTable target = model.table(f.target()).orElseThrow();
                String column = columnName(f.column());
                return new ForeignKey(name + "_" + column + "_fkey", List.of(column), target.qualifiedName(),
                        List.of(target.idColumnOf().name()), f.onDelete());
            }).toList();
            return new Table(qualifiedName(), cols, new PrimaryKey(name + "_pkey", names(primaryKey)), uqs, idx, fks,
                    comment);
        }

        private List<String> names(List<Integer> ids) {
            return ids.stream().map(this::columnName).toList();
        }
    }

    Optional<TrackedTable> table(int tableId) {
        return tables.stream().filter(t -> t.id() == tableId).findFirst();
    }

    TrackedModel withTable(TrackedTable table) {
        var list = new ArrayList<>(tables.stream().filter(t -> t.id() != table.id()).toList());
        list.add(table);
        list.sort(java.util.Comparator.comparingInt(TrackedTable::id));
        return new TrackedModel(list, sequences);
    }

    TrackedModel withoutTable(int tableId) {
        return new TrackedModel(tables.stream().filter(t -> t.id() != tableId).toList(), sequences);
    }

    TrackedModel withSequences(List<Sequence> v) {
        return new TrackedModel(tables, v);
    }

    /** Join columns, in any table, whose values refer to rows of {@code tableId}. */
    List<int[]> referencesTo(int tableId) {
        var out = new ArrayList<int[]>();
        for (TrackedTable t : tables) {
            t.references().forEach((column, target) -> {
                if (target == tableId) {
                    out.add(new int[] {t.id(), column});
                }
            });
        }
        return out;
    }

    /** Whether a foreign key of any table points at {@code tableId}. */
    boolean referenced(int tableId) {
        return tables.stream().anyMatch(t -> t.foreignKeys().stream().anyMatch(f -> f.target() == tableId));
    }

    SchemaModel schema() {
        return new SchemaModel(tables.stream().map(t -> t.toTable(this)).toList(), sequences);
    }

    /** What {@code @RenamedFrom} would declare for going from {@code before} to this model. */
    Renames renamesFrom(TrackedModel before) {
        var tableRenames = new HashMap<QualifiedName, QualifiedName>();
        var columnRenames = new HashMap<QualifiedName, Map<String, String>>();
        for (TrackedTable after : tables) {
            before.table(after.id()).ifPresent(old -> {
                if (!old.name().equals(after.name())) {
                    tableRenames.put(after.qualifiedName(), old.qualifiedName());
                }
                for (TrackedColumn c : after.columns()) {
                    old.column(c.id()).filter(o -> !o.name().equals(c.name())).ifPresent(o ->
                            columnRenames.computeIfAbsent(after.qualifiedName(), k -> new HashMap<>()).put(c.name(), o.name()));
                }
            });
        }
        return new Renames(tableRenames, columnRenames);
    }
}
