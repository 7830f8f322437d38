package dev.driftless.processor.jpa;

import dev.driftless.model.Column;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The tables read from one entity — its own table first, then the collection and join tables its
 * attributes ask for — with every name they declare and the sequences and enum types they use (for
 * the checks that span tables), the element behind each column, the renames its fields declare,
 * and the columns it adds to other entities' tables (a one-to-many's join column).
 *
 * @param renames new column name to old in the entity's own table, from {@code @RenamedFrom}
 */
record EntityTable(
        TypeElement entity,
        List<Table> tables,
        List<Declaration> declarations,
        List<DeclaredSequence> sequences,
        List<DeclaredIdTable> idTables,
        List<EnumType> enumTypes,
        Map<QualifiedName, Map<String, Element>> columnElements,
        Map<String, String> renames,
        List<ForeignColumn> foreignColumns) {

    Table table() {
        return tables.get(0);
    }

    /** A table ids are drawn from ({@code @GeneratedValue(strategy = TABLE)}), with the element that asks for it. */
    record DeclaredIdTable(Table table, Element element, AnnotationMirror mirror) {}

    /** A sequence with the element that asks for it. */
    record DeclaredSequence(Sequence sequence, Element element, AnnotationMirror mirror) {}

    /**
     * A column (with its foreign key, if any) that belongs in another entity's table.
     *
     * @param foreignKey the constraint to create, or null under {@code @ForeignKey(NO_CONSTRAINT)}
     * @param reference what the column references, as that constraint would say it, whether or not it is created
     * @param unique the column's unique constraint ({@code @JoinColumn(unique = true)}), or null
     */
    record ForeignColumn(QualifiedName table, Column column, ForeignKey foreignKey, ForeignKey reference,
            UniqueConstraint unique, String owner, Element element, AnnotationMirror mirror) {}
}
