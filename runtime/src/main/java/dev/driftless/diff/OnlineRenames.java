package dev.driftless.diff;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.NameLimit;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import dev.driftless.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Renames declared online, done by expand and contract so that the application version that uses
 * the old name and the one that uses the new name can run side by side during a deploy.
 *
 * <p>A column renamed online is <em>expanded</em> by the next version: the new column is added,
 * a trigger keeps the two equal on every insert and update ({@link ColumnSync}), the rows already
 * there are copied in batches, and the new column then gets the model's keys, indexes and
 * constraints; the old column keeps its own. While the rename stays declared online, later versions
 * keep both. Once the declaration says it is over ({@code online} dropped, or the annotation
 * removed), the next version <em>contracts</em>: it drops the trigger and the old column, whose
 * values are all in the new one, so that version is not data loss and its down rebuilds the old
 * column the same way.
 *
 * <p>A table renamed online is renamed, and a view under the old name that reads every column of
 * it ({@code SELECT *}, which PostgreSQL can insert, update and delete through) stands in for it
 * until the rename is no longer declared online.
 *
 * <p>All of this is in the model a version reaches ({@link #target}), so snapshots, drift checks
 * and downs see the transition like any other schema.
 */
public final class OnlineRenames {

    /** What an index, key or constraint of the old column is renamed to when the new column's takes its name. */
    static final String OLD_SUFFIX = "_old";

    private OnlineRenames() {}

    /** A rename declared online that cannot be done online; the message says why and what to do. */
    public static final class Refused extends IllegalArgumentException {
        private final transient QualifiedName table;
        private final String column;

        Refused(QualifiedName table, String column, String message) {
            super(message);
            this.table = table;
            this.column = column;
        }

        public QualifiedName table() {
            return table;
        }

        /** The column's new name. */
        public String column() {
            return column;
        }
    }

    /**
     * The model a version from {@code before} should reach: {@code model}, plus for each rename
     * declared online that is starting or under way the old column and its sync, or the view under
     * the old table name.
     *
     * @throws Refused when a rename declared online cannot be done online (a primary key or
     *     identity column), with the reason
     */
    public static SchemaModel target(SchemaModel before, SchemaModel model, Renames renames) {
        if (renames.onlineTables().isEmpty() && renames.onlineColumns().isEmpty()) {
            return model;
        }
        var tables = new ArrayList<Table>();
        var syncs = new ArrayList<>(model.columnSyncs());
        for (Table t : model.tables()) {
            Set<String> online = renames.onlineColumns().getOrDefault(t.name(), Set.of());
            QualifiedName oldTableName = renames.tables().getOrDefault(t.name(), t.name());
            Table previous = before.table(t.name()).or(() -> before.table(oldTableName)).orElse(null);
            Table table = t;
            if (previous != null) {
                for (String newName : online.stream().sorted().toList()) {
                    String oldName = renames.oldColumnName(t.name(), newName);
                    ColumnSync sync = new ColumnSync(t.name(), oldName, newName);
                    if (starting(previous, table, oldName, newName) || underWay(before, previous, sync)) {
                        table = expanded(table, previous, oldName, newName);
                        syncs.add(sync);
                    }
                }
            }
            tables.add(table);
        }
        var views = new ArrayList<>(model.views());
        for (QualifiedName newName : renames.onlineTables().stream().sorted().toList()) {
            QualifiedName oldName = renames.tables().get(newName);
            View stand = standIn(oldName, newName);
            boolean starting = before.table(oldName).isPresent() && before.table(newName).isEmpty();
            boolean underWay = before.table(newName).isPresent() && stand.equals(before.view(oldName).orElse(null));
            if (model.table(newName).isPresent() && model.table(oldName).isEmpty() && model.view(oldName).isEmpty()
                    && (starting || underWay)) {
                views.add(stand);
            }
        }
        return new SchemaModel(tables, model.sequences(), model.enumTypes(), views, syncs);
    }

    /** The view that stands in for a table renamed online, under its old name. */
    public static View standIn(QualifiedName oldName, QualifiedName newName) {
        return new View(oldName, "SELECT * FROM " + (newName.hasSchema() ? Identifiers.delimited(newName.schema()) + "." : "")
                + Identifiers.delimited(newName.name()), false);
    }

    private static boolean starting(Table previous, Table model, String oldName, String newName) {
        return previous.column(oldName).isPresent() && previous.column(newName).isEmpty()
                && model.column(oldName).isEmpty();
    }

    private static boolean underWay(SchemaModel before, Table previous, ColumnSync sync) {
        return before.columnSync(previous.name(), sync.oldName()).filter(s -> s.equals(
                new ColumnSync(previous.name(), sync.oldName(), sync.newName()))).isPresent();
    }

    /**
     * The model's table with the old column back beside the new one, the old column's keys and
     * indexes kept (renamed with {@value #OLD_SUFFIX} when the new column's take their names). A
     * volatile default of the new column waits for the contract: the trigger fills it from the old one.
     */
    private static Table expanded(Table table, Table previous, String oldName, String newName) {
        Column oldColumn = previous.column(oldName).orElseThrow();
        Column newColumn = table.column(newName).orElseThrow();
        String where = "column " + table.name() + "." + newName + " (renamed online from " + oldName + ")";
        if (newColumn.identity() != Identity.NONE || oldColumn.identity() != Identity.NONE) {
            throw new Refused(table.name(), newName, where + " is an identity column, which cannot be renamed online:"
                    + " rename it in place (without online = true)");
        }
        if (previous.primaryKey() != null && previous.primaryKey().columns().contains(oldName)
                || table.primaryKey() != null && table.primaryKey().columns().contains(newName)) {
            throw new Refused(table.name(), newName, where + " is in the primary key, which cannot be renamed online:"
                    + " rename it in place (without online = true)");
        }
        var columns = new ArrayList<Column>();
        for (Column c : table.columns()) {
            if (c.name().equals(newName)) {
                columns.add(oldColumn);
                // A default that differs per row cannot tell the trigger whether a writer set the column.
                columns.add(c.volatileDefault() ? c.withDefault(null) : c);
            } else {
                columns.add(c);
            }
        }
        Set<String> taken = new HashSet<>();
        table.uniqueConstraints().forEach(u -> taken.add(u.name()));
        table.foreignKeys().forEach(f -> taken.add(f.name()));
        table.checks().forEach(c -> taken.add(c.name()));
        if (table.primaryKey() != null) {
            taken.add(table.primaryKey().name());
        }
        Set<String> indexNames = new HashSet<>();
        table.indexes().forEach(i -> indexNames.add(i.name()));
        // Unique constraints own an index of their name: constraint and index names share one namespace.
        indexNames.addAll(taken);
        taken.addAll(indexNames);

        // Only what names columns the table has: another column of it the version drops or renames
        // takes it away (a second online rename keeps it once its own old column is back).
        Set<String> present = new HashSet<>();
        columns.forEach(c -> present.add(c.name()));
        var uniques = new ArrayList<>(table.uniqueConstraints());
        kept(previous.uniqueConstraints(), u -> u.columns().contains(oldName) && present.containsAll(u.columns()),
                UniqueConstraint::name, taken, (u, n) -> new UniqueConstraint(n, u.columns()), uniques);
        var indexes = new ArrayList<>(table.indexes());
        kept(previous.indexes(), i -> i.columns().stream().map(IndexColumn::name).anyMatch(oldName::equals)
                        && i.columns().stream().map(IndexColumn::name).allMatch(present::contains),
                Index::name, taken, (i, n) -> new Index(n, i.columns(), i.unique()), indexes);
        var foreignKeys = new ArrayList<>(table.foreignKeys());
        kept(previous.foreignKeys(), f -> f.columns().contains(oldName) && present.containsAll(f.columns()),
                ForeignKey::name, taken,
                (f, n) -> new ForeignKey(n, f.columns(), f.target(), f.targetColumns(), f.onDelete()), foreignKeys);
        var checks = new ArrayList<>(table.checks());
        kept(previous.checks(), c -> ViewDependencies.identifiers(c.expression()).contains(oldName),
                CheckConstraint::name, taken, (c, n) -> new CheckConstraint(n, c.expression()), checks);
        return new Table(table.name(), columns, table.primaryKey(), uniques, indexes, foreignKeys, checks,
                table.comment());
    }

    /** Adds the old column's items to {@code out}, each under its name or, when that is taken, a free one. */
    private static <T> void kept(List<T> previous, java.util.function.Predicate<T> overOldColumn,
            Function<T, String> name, Set<String> taken, java.util.function.BiFunction<T, String, T> renamed,
            List<T> out) {
        for (T item : previous) {
            if (!overOldColumn.test(item)) {
                continue;
            }
            String n = name.apply(item);
            if (taken.add(n)) {
                out.add(item);
                continue;
            }
            String free = NameLimit.fit(n + OLD_SUFFIX);
            for (int k = 2; taken.contains(free); k++) {
                free = NameLimit.fit(n + OLD_SUFFIX + k);
            }
            taken.add(free);
            out.add(renamed.apply(item, free));
        }
    }
}
