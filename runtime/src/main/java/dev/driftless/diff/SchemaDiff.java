package dev.driftless.diff;

import dev.driftless.diff.Operation.AddColumn;
import dev.driftless.diff.Operation.AddForeignKey;
import dev.driftless.diff.Operation.AddPrimaryKey;
import dev.driftless.diff.Operation.AddUnique;
import dev.driftless.diff.Operation.AlterColumnType;
import dev.driftless.diff.Operation.CreateIndex;
import dev.driftless.diff.Operation.CreateSchema;
import dev.driftless.diff.Operation.CreateSequence;
import dev.driftless.diff.Operation.CreateTable;
import dev.driftless.diff.Operation.DropColumn;
import dev.driftless.diff.Operation.DropForeignKey;
import dev.driftless.diff.Operation.DropIndex;
import dev.driftless.diff.Operation.DropPrimaryKey;
import dev.driftless.diff.Operation.DropSchema;
import dev.driftless.diff.Operation.DropSequence;
import dev.driftless.diff.Operation.DropUnique;
import dev.driftless.diff.Operation.SetColumnComment;
import dev.driftless.diff.Operation.SetDefault;
import dev.driftless.diff.Operation.SetIdentity;
import dev.driftless.diff.Operation.SetNullable;
import dev.driftless.diff.Operation.SetTableComment;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The pure difference between two schema models, as an ordered list of operations.
 *
 * <p>The order makes every operation valid on the database the previous ones left: foreign keys
 * are dropped before what they point at and added after it, constraints are dropped before their
 * columns, tables are created before their indexes. Because the diff is total in both directions,
 * the down of a version is simply {@code diff(to, from)}.
 */
public final class SchemaDiff {

    /** Schemas every PostgreSQL database has: never created nor dropped by a version. */
    private static final Set<String> BUILT_IN_SCHEMAS = Set.of("public", "pg_catalog", "information_schema");

    private SchemaDiff() {}

    public static List<Operation> between(SchemaModel from, SchemaModel to) {
        return between(from, to, Renames.NONE);
    }

    /**
     * The operations from one model to another, with the declared renames done as renames. A
     * rename applies when the old column is in {@code from}, and the new name is in {@code to} only.
     */
    public static List<Operation> between(SchemaModel from, SchemaModel to, Renames renames) {
        var ops = new ArrayList<Operation>();
        SchemaModel renamed = from;
        for (var rename : new TreeMap<>(renames.tables()).entrySet()) {
            QualifiedName newName = rename.getKey();
            QualifiedName oldName = rename.getValue();
            View standIn = renamed.view(newName).orElse(null);
            if (standIn != null && !standIn.equals(to.view(newName).orElse(null)) && renamed.table(oldName).isPresent()
                    && to.table(newName).isPresent()) {
                // The view that stood in for a table renamed online goes before the table takes its name back.
                ops.add(new Operation.DropView(standIn));
                var kept = new ArrayList<>(renamed.views());
                kept.remove(standIn);
                renamed = renamed.withViews(kept);
            }
            if (oldName.schema().equals(newName.schema()) && renamed.table(oldName).isPresent()
                    && renamed.table(newName).isEmpty() && to.table(newName).isPresent() && to.table(oldName).isEmpty()) {
                List<ColumnSync> syncs = renamed.columnSyncs().stream().filter(s -> s.table().equals(oldName)).toList();
                syncs.forEach(s -> ops.add(new Operation.DropColumnSync(s)));
                ops.add(new Operation.RenameTable(oldName, newName.name()));
                renamed = TableRename.apply(renamed, oldName, newName);
                recreateSyncs(ops, renamed, newName);
                View standing = to.view(oldName).orElse(null);
                if (standing != null && renamed.view(oldName).isEmpty()) {
                    // Renamed online: the view under the old name comes in the same transaction as the rename.
                    ops.add(new Operation.CreateView(standing));
                    var views = new ArrayList<>(renamed.views());
                    views.add(standing);
                    renamed = renamed.withViews(views);
                }
            }
        }
        for (Table t : to.tables()) {
            for (Column c : t.columns()) {
                String old = renames.oldColumnName(t.name(), c.name());
                if (old == null) {
                    continue; // looking the table up for every column made the diff quadratic in the tables
                }
                Table before = renamed.table(t.name()).orElse(null);
                if (before != null && before.column(old).isPresent() && before.column(c.name()).isEmpty()
                        && t.column(old).isEmpty()) {
                    renamed.columnSync(t.name(), old).ifPresent(s -> ops.add(new Operation.DropColumnSync(s)));
                    ops.add(new Operation.RenameColumn(t.name(), old, c.name()));
                    renamed = ColumnRename.apply(renamed, t.name(), old, c.name());
                    SchemaModel now = renamed;
                    now.columnSync(t.name(), c.name()).ifPresent(s ->
                            ops.add(sync(s, now.table(t.name()).orElseThrow(), null)));
                }
            }
        }
        ops.addAll(unrenamed(renamed, to));
        return List.copyOf(ops);
    }

    /**
     * The triggers of column syncs carry the names of their table and columns, and their function
     * names the columns in its body: a rename drops them before and creates them again after, in
     * the same transaction, so no write goes unsynced.
     */
    private static void recreateSyncs(List<Operation> ops, SchemaModel renamed, QualifiedName table) {
        renamed.columnSyncs().stream().filter(s -> s.table().equals(table))
                .forEach(s -> ops.add(sync(s, renamed.table(table).orElseThrow(), null)));
    }

    /** A sync of two columns of {@code table}, filling {@code filled} (or nothing when null). */
    private static Operation.CreateColumnSync sync(ColumnSync s, Table table, String filled) {
        Column oldColumn = table.column(s.oldName()).orElseThrow();
        Column newColumn = table.column(s.newName()).orElseThrow();
        return new Operation.CreateColumnSync(s, oldColumn.type(), newColumn.type(), filled,
                oldColumn.volatileDefault() ? null : oldColumn.defaultExpression(),
                newColumn.volatileDefault() ? null : newColumn.defaultExpression());
    }

    /** How a table that stays changed its keys, constraints and indexes. */
    private record KeptTable(
            Table before, Table after, NamedDiff<ForeignKey> foreignKeys, NamedDiff<UniqueConstraint> uniques,
            NamedDiff<Index> indexes, NamedDiff<CheckConstraint> checks, boolean primaryKeyRenamed) {

        static KeptTable of(Table a, Table b) {
            boolean pkRenamed = a.primaryKey() != null && b.primaryKey() != null
                    && !a.primaryKey().name().equals(b.primaryKey().name())
                    && a.primaryKey().columns().equals(b.primaryKey().columns());
            return new KeptTable(a, b,
                    NamedDiff.of(a.foreignKeys(), b.foreignKeys(), ForeignKey::name, (x, y) ->
                            x.columns().equals(y.columns()) && x.target().equals(y.target())
                                    && x.targetColumns().equals(y.targetColumns()) && x.onDelete() == y.onDelete()),
                    NamedDiff.of(a.uniqueConstraints(), b.uniqueConstraints(), UniqueConstraint::name,
                            (x, y) -> x.columns().equals(y.columns())),
                    NamedDiff.of(a.indexes(), b.indexes(), Index::name,
                            (x, y) -> x.columns().equals(y.columns()) && x.unique() == y.unique()),
                    NamedDiff.of(a.checks(), b.checks(), CheckConstraint::name,
                            (x, y) -> x.expression().equals(y.expression())),
                    pkRenamed);
        }

        boolean primaryKeyChanged() {
            return !primaryKeyRenamed && !Objects.equals(before.primaryKey(), after.primaryKey());
        }

        /**
         * Unchanged checks over a column whose type (or collation) changes. PostgreSQL keeps such a check
         * as it was parsed, with casts from the old type, so it is dropped and added again over the new type.
         */
        List<CheckConstraint> retypedChecks() {
            var retyped = new HashSet<String>();
            before.columns().forEach(c -> after.column(c.name())
                    .filter(a -> a.retyped(c))
                    .ifPresent(a -> retyped.add(a.name())));
            return after.checks().stream()
                    .filter(c -> before.checks().contains(c))
                    .filter(c -> ViewDependencies.identifiers(c.expression()).stream().anyMatch(retyped::contains))
                    .toList();
        }

        /** Whether a column the views over this table may read is dropped or changes its type or collation. */
        boolean reshapesColumns() {
            return before.columns().stream().anyMatch(c -> after.column(c.name())
                    .map(a -> a.retyped(c)).orElse(true));
        }
    }

    private static List<Operation> unrenamed(SchemaModel from, SchemaModel to) {
        var tablesFrom = byName(from.tables(), Table::name);
        var tablesTo = byName(to.tables(), Table::name);
        var kept = new LinkedHashMap<QualifiedName, KeptTable>();
        tablesFrom.keySet().stream().filter(tablesTo::containsKey)
                .forEach(n -> kept.put(n, KeptTable.of(tablesFrom.get(n), tablesTo.get(n))));
        var dropped = tablesFrom.values().stream().filter(t -> !tablesTo.containsKey(t.name())).toList();
        var created = tablesTo.values().stream().filter(t -> !tablesFrom.containsKey(t.name())).toList();

        var ops = new ArrayList<Operation>();
        var enums = EnumChanges.of(from, to);

        // Views that go, change, or read a table whose columns change are dropped first (those that
        // read them before the views they read) and created again at the end.
        var affected = new HashSet<QualifiedName>();
        dropped.forEach(t -> affected.add(t.name()));
        kept.forEach((name, k) -> {
            if (k.reshapesColumns() || enums.reshapes(k.before())) {
                affected.add(name);
            }
        });
        List<View> viewsDropped = viewsToDrop(from, to, affected);
        var viewsDroppedNames = new HashSet<QualifiedName>();
        viewsDropped.forEach(v -> viewsDroppedNames.add(v.name()));
        var dropOrder = new ArrayList<>(ViewDependencies.creationOrder(viewsDropped));
        java.util.Collections.reverse(dropOrder);
        dropOrder.forEach(v -> ops.add(new Operation.DropView(v)));

        // 1. Take away what is going: references first, then the things they reference.
        kept.forEach((name, k) -> k.foreignKeys().removed().forEach(f -> ops.add(new DropForeignKey(name, f))));
        for (Table t : dropped) {
            // Foreign keys between dropped tables go first, so the tables can then be dropped in any order.
            t.foreignKeys().stream()
                    .filter(f -> !f.target().equals(t.name()) && !tablesTo.containsKey(f.target())
                            && tablesFrom.containsKey(f.target()))
                    .forEach(f -> ops.add(new DropForeignKey(t.name(), f)));
        }
        var syncsRemoved = from.columnSyncs().stream().filter(s -> !to.columnSyncs().contains(s)).toList();
        var syncsAdded = new ArrayList<>(to.columnSyncs().stream().filter(s -> !from.columnSyncs().contains(s)).toList());
        syncsRemoved.forEach(s -> ops.add(new Operation.DropColumnSync(s)));
        kept.forEach((name, k) -> {
            k.checks().removed().forEach(c -> ops.add(new Operation.DropCheck(name, c)));
            k.retypedChecks().forEach(c -> ops.add(new Operation.DropCheck(name, c)));
            k.indexes().removed().forEach(i -> ops.add(new DropIndex(name, i)));
            k.uniques().removed().forEach(u -> ops.add(new DropUnique(name, u)));
            if (k.before().primaryKey() != null && k.primaryKeyChanged()) {
                ops.add(new DropPrimaryKey(name, k.before().primaryKey()));
            }
            for (Column c : k.before().columns()) {
                if (k.after().column(c.name()).isEmpty()) {
                    // The old column of an online rename that is over: its values are all in the new one.
                    Column keptIn = syncsRemoved.stream()
                            .filter(s -> s.table().equals(name) && s.involves(c.name()))
                            .map(s -> k.after().column(s.other(c.name())).orElse(null))
                            .filter(Objects::nonNull)
                            .findFirst().orElse(null);
                    ops.add(keptIn == null ? new DropColumn(name, c)
                            : new Operation.DropSyncedColumn(name, c, keptIn.name(), keptIn.type()));
                }
            }
        });
        dropped.forEach(t -> ops.add(new Operation.DropTable(t)));

        // What only changed its name is renamed, not dropped and re-created: after the drops, which
        // may free a name an item is renamed to, and before the adds, which may reuse an old name.
        kept.forEach((name, k) -> {
            if (k.primaryKeyRenamed()) {
                ops.add(new Operation.RenameConstraint(name, k.before().primaryKey().name(), k.after().primaryKey().name()));
            }
            k.uniques().renamed().forEach(r -> ops.add(new Operation.RenameConstraint(name, r.from(), r.to())));
            k.foreignKeys().renamed().forEach(r -> ops.add(new Operation.RenameConstraint(name, r.from(), r.to())));
            k.indexes().renamed().forEach(r -> ops.add(new Operation.RenameIndex(name, r.from(), r.to())));
            k.checks().renamed().forEach(r -> ops.add(new Operation.RenameConstraint(name, r.from(), r.to())));
        });

        from.sequences().stream().filter(s -> to.sequences().stream().noneMatch(t -> t.name().equals(s.name())))
                .forEach(s -> ops.add(new DropSequence(s)));

        // 2. Bring in what is new, containers before contents.
        to.schemas().stream().filter(s -> !from.schemas().contains(s) && !BUILT_IN_SCHEMAS.contains(s))
                .forEach(s -> ops.add(new CreateSchema(s)));
        enums.created().forEach(e -> ops.add(new Operation.CreateEnumType(e)));
        ops.addAll(enums.changes(EnumChanges.surviving(tablesFrom, tablesTo::get), tablesTo::get));
        for (var s : to.sequences()) {
            var before = from.sequences().stream().filter(b -> b.name().equals(s.name())).findFirst();
            if (before.isEmpty()) {
                ops.add(new CreateSequence(s));
            } else if (!before.get().equals(s)) {
                // Altered, never dropped and re-created: the sequence keeps the value it has reached.
                ops.add(new Operation.AlterSequence(before.get(), s));
            }
        }
        created.forEach(t -> ops.add(new CreateTable(t)));
        created.forEach(t -> syncsAdded.stream().filter(s -> s.table().equals(t.name())).toList().forEach(s -> {
            ops.add(sync(s, t, null));
            syncsAdded.remove(s);
        }));
        kept.forEach((name, k) -> {
            for (Column c : k.after().columns()) {
                if (k.before().column(c.name()).isEmpty()) {
                    var sync = syncsAdded.stream()
                            .filter(s -> s.table().equals(name) && s.involves(c.name())
                                    && k.before().column(s.other(c.name())).isPresent())
                            .findFirst();
                    if (sync.isEmpty()) {
                        ops.add(new AddColumn(name, c));
                        continue;
                    }
                    // One side of an online rename: added empty (the rows there get no value), given
                    // its default before the trigger, which compares with it, then filled from the
                    // other side in batches, and then made NOT NULL.
                    Column empty = c.withNullable(true).withDefault(null);
                    ops.add(new AddColumn(name, empty));
                    if (c.defaultExpression() != null) {
                        ops.add(new SetDefault(name, c.name(), null, c.defaultExpression()));
                    }
                    ops.add(sync(sync.get(), k.after(), c.name()));
                    syncsAdded.remove(sync.get());
                    alterColumn(ops, name, empty.withDefault(c.defaultExpression()), c);
                }
            }
            syncsAdded.stream().filter(s -> s.table().equals(name)).toList().forEach(s -> {
                // Both columns were there (or are both new): the new one is made equal to the old one.
                boolean existed = k.before().column(s.oldName()).isPresent() && k.before().column(s.newName()).isPresent();
                ops.add(sync(s, k.after(), existed ? s.newName() : null));
                syncsAdded.remove(s);
            });
            for (Column after : k.after().columns()) {
                Column before = k.before().column(after.name()).orElse(null);
                if (before == null) {
                    continue;
                }
                // The trigger of a sync that stays casts to both columns' types: a retyped column gets it anew,
                // in the same transaction as the type change.
                ColumnSync retyped = before.type().equals(after.type()) ? null : to.columnSyncs().stream()
                        .filter(s -> s.table().equals(name) && s.involves(after.name()) && from.columnSyncs().contains(s))
                        .findFirst().orElse(null);
                if (retyped != null) {
                    ops.add(new Operation.DropColumnSync(retyped));
                    ops.add(new AlterColumnType(name, after.name(), before.type(), after.type()));
                    ops.add(sync(retyped, k.after(), null));
                    before = new Column(before.name(), after.type(), before.nullable(), before.defaultExpression(),
                            before.identity(), before.comment());
                }
                // An enum type converts to and from other types only through text.
                alterColumn(ops, name, before, after, !before.type().equals(after.type())
                        && (enumType(from, before.type()) || enumType(to, after.type())));
            }
            if (k.after().primaryKey() != null && k.primaryKeyChanged()) {
                ops.add(new AddPrimaryKey(name, k.after().primaryKey()));
            }
            k.uniques().added().forEach(u -> ops.add(new AddUnique(name, u)));
            k.checks().added().forEach(c -> ops.add(new Operation.AddCheck(name, c)));
            k.retypedChecks().forEach(c -> ops.add(new Operation.AddCheck(name, c)));
        });
        for (Table b : tablesTo.values()) {
            List<Index> indexes = kept.containsKey(b.name()) ? kept.get(b.name()).indexes().added() : b.indexes();
            indexes.forEach(i -> ops.add(new CreateIndex(b.name(), i)));
        }
        for (Table b : tablesTo.values()) {
            List<ForeignKey> fks = kept.containsKey(b.name()) ? kept.get(b.name()).foreignKeys().added() : b.foreignKeys();
            fks.forEach(f -> ops.add(new AddForeignKey(b.name(), f)));
        }
        kept.forEach((name, k) -> {
            if (!Objects.equals(k.before().comment(), k.after().comment())) {
                ops.add(new SetTableComment(name, k.before().comment(), k.after().comment()));
            }
        });

        var fromViews = byName(from.views(), View::name);
        ViewDependencies.creationOrder(to.views()).stream()
                .filter(v -> viewsDroppedNames.contains(v.name()) || !fromViews.containsKey(v.name()))
                .forEach(v -> ops.add(new Operation.CreateView(v)));
        // The indexes of the materialized views that stay: those gone or changed dropped, then the new ones built.
        for (View v : to.views()) {
            View before = fromViews.get(v.name());
            if (before != null && !viewsDroppedNames.contains(v.name())) {
                before.indexes().stream().filter(i -> !v.indexes().contains(i))
                        .forEach(i -> ops.add(new DropIndex(v.name(), i)));
                v.indexes().stream().filter(i -> !before.indexes().contains(i))
                        .forEach(i -> ops.add(new CreateIndex(v.name(), i)));
            }
        }
        enums.dropped().forEach(e -> ops.add(new Operation.DropEnumType(e)));

        // 3. Schemas left empty go last.
        from.schemas().stream().filter(s -> !to.schemas().contains(s) && !BUILT_IN_SCHEMAS.contains(s))
                .forEach(s -> ops.add(new DropSchema(s)));
        return List.copyOf(ops);
    }

    /**
     * The views of {@code from} to drop: those gone from {@code to} or changed there, and every
     * view that reads an affected table or a view being dropped.
     */
    private static List<View> viewsToDrop(SchemaModel from, SchemaModel to, Set<QualifiedName> affectedTables) {
        var relations = new HashSet<QualifiedName>();
        from.tables().forEach(t -> relations.add(t.name()));
        from.views().forEach(v -> relations.add(v.name()));
        var reads = new LinkedHashMap<QualifiedName, Set<QualifiedName>>();
        from.views().forEach(v -> reads.put(v.name(), ViewDependencies.referenced(v, relations)));
        var drop = new HashSet<QualifiedName>();
        for (View v : from.views()) {
            // A materialized view whose indexes alone change keeps its rows: its indexes are changed.
            if (!v.withoutIndexes().equals(to.view(v.name()).map(View::withoutIndexes).orElse(null))) {
                drop.add(v.name());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : from.views()) {
                if (!drop.contains(v.name()) && reads.get(v.name()).stream()
                        .anyMatch(r -> drop.contains(r) || affectedTables.contains(r))) {
                    drop.add(v.name());
                    grew = true;
                }
            }
        }
        return from.views().stream().filter(v -> drop.contains(v.name())).toList();
    }

    private static void alterColumn(List<Operation> ops, QualifiedName table, Column before, Column after) {
        alterColumn(ops, table, before, after, false);
    }

    /** Whether a type is one of the model's enum types. */
    private static boolean enumType(SchemaModel model, dev.driftless.model.ColumnType type) {
        return model.enumTypes().stream().anyMatch(e -> EnumChanges.uses(type, e.name()));
    }

    private static void alterColumn(List<Operation> ops, QualifiedName table, Column before, Column after,
            boolean throughText) {
        String column = after.name();
        // A serial column becoming an identity (or plain) one of any integer type: converted to its own
        // integer type first, then retyped below; the other way, retyped first, then converted.
        if (before.type().serial() && !after.type().serial() && before.identity() == Identity.NONE) {
            ops.add(new Operation.SerialToIdentity(table, column, before.type(), after.identity()));
            before = new Column(before.name(), before.type().plain(), before.nullable(), before.defaultExpression(),
                    after.identity(), before.comment(), before.collation());
        } else if (after.type().serial() && !before.type().serial() && after.identity() == Identity.NONE) {
            ColumnType plain = after.type().plain();
            if (!before.type().equals(plain)) {
                ops.add(new AlterColumnType(table, column, before.type(), plain, before.collation(), before.collation(),
                        false));
            }
            ops.add(new Operation.IdentityToSerial(table, column, after.type(), before.identity()));
            before = new Column(before.name(), after.type(), before.nullable(), before.defaultExpression(),
                    Identity.NONE, before.comment(), before.collation());
        }
        if (before.retyped(after)) {
            if (throughText && before.defaultExpression() != null) {
                // PostgreSQL converts the default along with the column, without going through text.
                ops.add(new SetDefault(table, column, before.defaultExpression(), null));
                before = before.withDefault(null);
            }
            ops.add(new AlterColumnType(table, column, before.type(), after.type(), before.collation(),
                    after.collation(), throughText));
        }
        if (before.identity() != after.identity()) {
            ops.add(new SetIdentity(table, column, before.identity(), after.identity()));
        }
        if (!Objects.equals(before.defaultExpression(), after.defaultExpression())) {
            ops.add(new SetDefault(table, column, before.defaultExpression(), after.defaultExpression()));
        }
        if (before.nullable() != after.nullable()) {
            ops.add(new SetNullable(table, column, after.nullable()));
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            ops.add(new SetColumnComment(table, column, before.comment(), after.comment()));
        }
    }


    private static <K, T> Map<K, T> byName(List<T> items, Function<T, K> name) {
        var map = new LinkedHashMap<K, T>();
        items.forEach(i -> map.put(name.apply(i), i));
        return map;
    }

    /** Whether two models need no operation to go from one to the other. */
    public static boolean same(SchemaModel a, SchemaModel b) {
        return between(a, b).isEmpty();
    }
}
