package dev.driftless.processor.jpa;

import dev.driftless.model.Index;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * PostgreSQL's limits on the size of a table and of its keys, which a table must keep to be
 * created at all (a default build of PostgreSQL refuses more, whatever the column types).
 */
final class PostgresLimits {

    /** Columns per table (MaxHeapAttributeNumber), counting the columns dropped since the table was created. */
    static final int MAX_COLUMNS = 1600;
    /** Columns per index, primary key or unique constraint (INDEX_MAX_KEYS in a default build). */
    static final int MAX_KEY_COLUMNS = 32;

    private PostgresLimits() {}

    /**
     * Reports what of the table PostgreSQL would refuse: on the table's element for its columns and
     * primary key, on the declaring element for an index or a unique constraint.
     */
    static void check(Table table, TableParts parts, Diagnostics diagnostics) {
        if (table.columns().size() > MAX_COLUMNS) {
            diagnostics.report(Message.TOO_MANY_COLUMNS, parts.element, parts.mirror, table.name(), table.columns().size(),
                    MAX_COLUMNS);
        }
        if (table.primaryKey() != null && table.primaryKey().columns().size() > MAX_KEY_COLUMNS) {
            diagnostics.report(Message.TOO_MANY_KEY_COLUMNS, parts.element, parts.mirror, "Primary key",
                    table.primaryKey().name(), table.name(), table.primaryKey().columns().size(), MAX_KEY_COLUMNS,
                    "use fewer key columns (a Set's collection table is keyed by all of its columns; a List with an "
                            + "@OrderColumn is keyed by the owner and the order)");
        }
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            if (unique.columns().size() > MAX_KEY_COLUMNS) {
                report(parts, Declaration.Kind.UNIQUE_CONSTRAINT, "Unique constraint", unique.name(), table,
                        unique.columns().size(), diagnostics);
            }
        }
        for (Index index : table.indexes()) {
            if (index.columns().size() > MAX_KEY_COLUMNS) {
                report(parts, Declaration.Kind.INDEX, "Index", index.name(), table, index.columns().size(), diagnostics);
            }
        }
    }

    private static void report(TableParts parts, Declaration.Kind kind, String label, String name, Table table,
            int columns, Diagnostics diagnostics) {
        Element on = parts.element;
        AnnotationMirror at = parts.mirror;
        for (Declaration d : parts.declarations) {
            if (d.kind() == kind && d.name().name().equals(name)) {
                on = d.element();
                at = d.mirror();
                break;
            }
        }
        diagnostics.report(Message.TOO_MANY_KEY_COLUMNS, on, at, label, name, table.name(), columns, MAX_KEY_COLUMNS,
                "list at most " + MAX_KEY_COLUMNS + " columns");
    }
}
