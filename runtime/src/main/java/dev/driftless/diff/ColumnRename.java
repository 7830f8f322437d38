package dev.driftless.diff;

import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.List;

/** A model with one column renamed everywhere it is named: its table, its keys and the keys pointing at it. */
final class ColumnRename {

    private ColumnRename() {}

    static SchemaModel apply(SchemaModel model, QualifiedName table, String from, String to) {
        List<Table> tables = model.tables().stream().map(t -> {
            List<ForeignKey> fks = t.foreignKeys().stream()
                    .map(f -> new ForeignKey(f.name(),
                            t.name().equals(table) ? rename(f.columns(), from, to) : f.columns(),
                            f.target(),
                            f.target().equals(table) ? rename(f.targetColumns(), from, to) : f.targetColumns(),
                            f.onDelete()))
                    .toList();
            if (!t.name().equals(table)) {
                return new Table(t.name(), t.columns(), t.primaryKey(), t.uniqueConstraints(), t.indexes(), fks,
                        t.checks(), t.comment());
            }
            List<Column> columns = t.columns().stream()
                    .map(c -> c.name().equals(from)
                            ? new Column(to, c.type(), c.nullable(), c.defaultExpression(), c.identity(), c.comment(), c.collation())
                            : c)
                    .toList();
            PrimaryKey pk = t.primaryKey() == null ? null
                    : new PrimaryKey(t.primaryKey().name(), rename(t.primaryKey().columns(), from, to));
            List<UniqueConstraint> uniques = t.uniqueConstraints().stream()
                    .map(u -> new UniqueConstraint(u.name(), rename(u.columns(), from, to)))
                    .toList();
            List<Index> indexes = t.indexes().stream()
                    .map(i -> new Index(i.name(), i.columns().stream()
                            .map(c -> c.name().equals(from) ? new IndexColumn(to, c.descending()) : c)
                            .toList(), i.unique()))
                    .toList();
            return new Table(t.name(), columns, pk, uniques, indexes, fks, t.checks(), t.comment());
        }).toList();
        List<ColumnSync> syncs = model.columnSyncs().stream()
                .map(s -> !s.table().equals(table) ? s
                        : new ColumnSync(table, s.oldName().equals(from) ? to : s.oldName(),
                                s.newName().equals(from) ? to : s.newName()))
                .toList();
        return new SchemaModel(tables, model.sequences(), model.enumTypes(), model.views(), syncs);
    }

    private static List<String> rename(List<String> names, String from, String to) {
        return names.stream().map(n -> n.equals(from) ? to : n).toList();
    }
}
