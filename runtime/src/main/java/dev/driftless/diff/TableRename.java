package dev.driftless.diff;

import dev.driftless.model.ColumnSync;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import java.util.List;

/** A model with one table renamed, and the foreign keys that point at it following. */
final class TableRename {

    private TableRename() {}

    static SchemaModel apply(SchemaModel model, QualifiedName from, QualifiedName to) {
        List<Table> tables = model.tables().stream().map(t -> {
            List<ForeignKey> fks = t.foreignKeys().stream()
                    .map(f -> f.target().equals(from)
                            ? new ForeignKey(f.name(), f.columns(), to, f.targetColumns(), f.onDelete())
                            : f)
                    .toList();
            QualifiedName name = t.name().equals(from) ? to : t.name();
            return new Table(name, t.columns(), t.primaryKey(), t.uniqueConstraints(), t.indexes(), fks, t.checks(),
                    t.comment());
        }).toList();
        List<ColumnSync> syncs = model.columnSyncs().stream()
                .map(s -> s.table().equals(from) ? new ColumnSync(to, s.oldName(), s.newName()) : s)
                .toList();
        return new SchemaModel(tables, model.sequences(), model.enumTypes(), model.views(), syncs);
    }
}
