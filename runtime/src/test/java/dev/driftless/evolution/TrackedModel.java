package dev.driftless.evolution;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.diff.Renames;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
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
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A schema as the generator evolves it: every table and column keeps an id across renames, so
 * that a rename is told from a drop and an add, and rows can be followed through every version.
 * Constraint names are derived the way the processor derives them ({@code <table>_pkey},
 * {@code <table>_<columns>_key}, {@code <table>_<column>_fkey}); index names are explicit, as
 * {@code @Index(name = ...)} gives them.
 */
record TrackedModel(List<TrackedTable> tables, List<Sequence> sequences, List<TrackedEnum> enums,
        List<TrackedView> views) {

    TrackedModel {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
        views = List.copyOf(views);
    }

    static final TrackedModel EMPTY = new TrackedModel(List.of(), List.of(), List.of(), List.of());

    /** An enum type in the default schema; its first value is never removed. */
    record TrackedEnum(String name, List<String> values) {
        static final String STABLE_VALUE = "low";

        TrackedEnum {
            values = List.copyOf(values);
        }

        EnumType toEnumType() {
            return new EnumType(QualifiedName.of(name), values);
        }
    }

    /**
     * A view over the listed columns of a table ({@code table} is a table id), or counting the rows
     * of another view ({@code view} is a view id, {@code table} is -1).
     */
    record TrackedView(int id, String schema, String name, int table, int view, List<Integer> columns,
            boolean materialized) {
        TrackedView {
            columns = List.copyOf(columns);
        }

        QualifiedName qualifiedName() {
            return new QualifiedName(schema, name);
        }
    }

    /** A check constraint on one column, with the kind's expression and a bound to change. */
    record TrackedCheck(String name, int column, int bound) {}

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
            List<TrackedForeignKey> foreignKeys, Map<Integer, Integer> references, List<TrackedCheck> checks,
            String comment) {

        TrackedTable {
            checks = List.copyOf(checks);
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
                    checks, comment);
        }

        TrackedTable withColumn(TrackedColumn v) {
            return withColumns(columns.stream().map(c -> c.id() == v.id() ? v : c).toList());
        }

        TrackedTable withName(String v) {
            return new TrackedTable(id, schema, v, columns, idColumn, primaryKey, uniques, indexes, foreignKeys, references,
                    checks, comment);
        }

        TrackedTable withPrimaryKey(List<Integer> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, v, uniques, indexes, foreignKeys, references,
                    checks, comment);
        }

        TrackedTable withUniques(List<List<Integer>> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, v, indexes, foreignKeys, references,
                    checks, comment);
        }

        TrackedTable withIndexes(List<TrackedIndex> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, v, foreignKeys, references,
                    checks, comment);
        }

        TrackedTable withForeignKeys(List<TrackedForeignKey> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, v, references,
                    checks, comment);
        }

        TrackedTable withReferences(Map<Integer, Integer> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, foreignKeys, v,
                    checks, comment);
        }

        TrackedTable withChecks(List<TrackedCheck> v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, foreignKeys,
                    references, v, comment);
        }

        TrackedTable withComment(String v) {
            return new TrackedTable(id, schema, name, columns, idColumn, primaryKey, uniques, indexes, foreignKeys,
                    references, checks, v);
        }

        /** The table without a column, and without every key and index that names it. */
        TrackedTable withoutColumn(int columnId) {
            var refs = new HashMap<>(references);
            refs.remove(columnId);
            return new TrackedTable(id, schema, name, columns.stream().filter(c -> c.id() != columnId).toList(), idColumn,
                    primaryKey, uniques.stream().filter(u -> !u.contains(columnId)).toList(),
                    indexes.stream().filter(i -> !i.columns().contains(columnId)).toList(),
                    foreignKeys.stream().filter(f -> f.column() != columnId).toList(), refs,
                    checks.stream().filter(c -> c.column() != columnId).toList(), comment);
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
            List<CheckConstraint> cks = checks.stream().map(c -> {
                TrackedColumn column = column(c.column()).orElseThrow();
                return new CheckConstraint(c.name(), column.kind().check(quote(column.name()), c.bound()));
            }).toList();
            return new Table(qualifiedName(), cols, new PrimaryKey(name + "_pkey", names(primaryKey)), uqs, idx, fks,
                    cks, comment);
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
        return new TrackedModel(list, sequences, enums, views);
    }

    /** The model without a table, and without the views that read it (and those that read them). */
    TrackedModel withoutTable(int tableId) {
        var kept = new TrackedModel(tables.stream().filter(t -> t.id() != tableId).toList(), sequences, enums, views);
        return kept.withViews(views.stream().filter(v -> v.table() != tableId).toList());
    }

    TrackedModel withSequences(List<Sequence> v) {
        return new TrackedModel(tables, v, enums, views);
    }

    TrackedModel withEnums(List<TrackedEnum> v) {
        return new TrackedModel(tables, sequences, v, views);
    }

    /** The model with these views, less those that read a view that is not among them. */
    TrackedModel withViews(List<TrackedView> v) {
        var kept = new ArrayList<>(v);
        boolean changed = true;
        while (changed) {
            changed = kept.removeIf(x -> x.view() >= 0 && kept.stream().noneMatch(y -> y.id() == x.view()));
        }
        return new TrackedModel(tables, sequences, enums, kept);
    }

    /** After a column is dropped: views no longer select it, and a view left with nothing goes. */
    TrackedModel withoutViewColumn(int tableId, int columnId) {
        return withViews(views.stream()
                .map(v -> v.table() != tableId ? v : new TrackedView(v.id(), v.schema(), v.name(), v.table(), v.view(),
                        v.columns().stream().filter(c -> c != columnId).toList(), v.materialized()))
                .filter(v -> v.table() < 0 || !v.columns().isEmpty())
                .toList());
    }

    Optional<TrackedView> view(int viewId) {
        return views.stream().filter(v -> v.id() == viewId).findFirst();
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
        return new SchemaModel(tables.stream().map(t -> t.toTable(this)).toList(), sequences,
                enums.stream().map(TrackedEnum::toEnumType).toList(), views.stream().map(this::toView).toList());
    }

    private View toView(TrackedView v) {
        if (v.table() < 0) {
            return new View(v.qualifiedName(), "SELECT count(*) AS n FROM " + quote(view(v.view()).orElseThrow()
                    .qualifiedName()), v.materialized());
        }
        TrackedTable t = table(v.table()).orElseThrow();
        return new View(v.qualifiedName(), "SELECT " + v.columns().stream().map(c -> quote(t.columnName(c)))
                .collect(Collectors.joining(", ")) + " FROM " + quote(t.qualifiedName()), v.materialized());
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
