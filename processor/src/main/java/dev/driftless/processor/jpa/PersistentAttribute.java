package dev.driftless.processor.jpa;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One persistent attribute: a field (field access) or a getter (property access), with its type as
 * seen from the entity (type variables of generic superclasses resolved), the overrides in force
 * at its level, and whether its column must be nullable whatever it says (an attribute of a
 * single-table subclass).
 *
 * @param name the attribute's name: the field's, or the property's for a getter
 * @param owner the class that declares it, for messages
 */
record PersistentAttribute(Element element, TypeMirror type, String name, TypeElement owner,
        AttributeOverrides overrides, boolean forcedNullable) {

    PersistentAttribute with(AttributeOverrides newOverrides, boolean nullable) {
        return new PersistentAttribute(element, type, name, owner, newOverrides, nullable);
    }

    /** The {@code @Column} in force: an {@code @AttributeOverride} of this attribute, else its own. */
    ColumnAnnotation column(JpaAnnotations jpa) {
        return overrides.column(name).map(ColumnAnnotation::of).orElseGet(() -> ColumnAnnotation.on(element, jpa));
    }

    /** The {@code @JoinColumn} in force: an {@code @AssociationOverride} of this attribute, else its own. */
    JoinColumnAnnotation joinColumn(JpaAnnotations jpa) {
        return overrides.joinColumn(name).map(JoinColumnAnnotation::of).orElseGet(() -> JoinColumnAnnotation.on(element, jpa));
    }

    /** The column of a basic attribute: {@code @Column(name)}, else the attribute's name, as named physically. */
    String columnName(ColumnAnnotation column, PhysicalNames naming) {
        return naming.physical(column.name().isEmpty() ? name : column.name());
    }

    /** The column of a relation: {@code @JoinColumn(name)}, else {@code <attribute>_<referenced column>}. */
    String joinColumnName(JoinColumnAnnotation join, String referencedColumn, PhysicalNames naming) {
        return naming.physical(join.name().isEmpty() ? name + "_" + referencedColumn : join.name());
    }

    /** Where a message about this attribute says it is, e.g. {@code Meter.serial}. */
    String display() {
        return owner.getSimpleName() + "." + name;
    }
}
