package dev.driftless.processor.jpa;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One persistent attribute of an entity: for now a field (field access), with its type as seen from
 * the entity, so that a {@code @MappedSuperclass} field typed by a type variable has its actual type.
 */
record PersistentAttribute(VariableElement element, TypeMirror type) {

    String name() {
        return element.getSimpleName().toString();
    }

    /** The column of a basic attribute: {@code @Column(name)}, else the attribute's name, as named physically. */
    String columnName(ColumnAnnotation column, Naming naming) {
        return naming.physical(column.name().isEmpty() ? name() : column.name());
    }

    /** The column of a relation: {@code @JoinColumn(name)}, else {@code <attribute>_<referenced column>}. */
    String joinColumnName(JoinColumnAnnotation join, String referencedColumn, Naming naming) {
        return naming.physical(join.name().isEmpty() ? name() + "_" + referencedColumn : join.name());
    }

    /** Where a message about this attribute says it is, e.g. {@code Meter.serial}. */
    String display() {
        return element.getEnclosingElement().getSimpleName() + "." + name();
    }
}
