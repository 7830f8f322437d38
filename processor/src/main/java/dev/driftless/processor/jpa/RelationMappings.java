package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks of a relation that Hibernate 7 makes when it boots, made here at compile time: an inverse
 * side's {@code mappedBy} names an attribute of the target entity that refers back to this one,
 * and a to-one relation names its columns with {@code @JoinColumn}, not {@code @Column}.
 */
final class RelationMappings {

    private RelationMappings() {}

    /** Whether the relation's mapping holds (true for an attribute that is no relation); reports it if not. */
    static boolean fit(PersistentAttribute attribute, JpaAnnotations jpa, Types types, Diagnostics diagnostics) {
        Optional<RelationAnnotation> found = RelationAnnotation.on(attribute.element(), jpa);
        if (found.isEmpty()) {
            return true;
        }
        RelationAnnotation relation = found.get();
        Optional<AnnotationValues> column = jpa.find(attribute.element(), "Column");
        boolean toOne = relation.kind().equals("ManyToOne") || relation.isOneToOne();
        if (toOne && column.isPresent()) {
            diagnostics.report(Message.COLUMN_ON_RELATION, attribute.element(), column.get().mirror(), attribute.display(),
                    relation.kind());
            return false;
        }
        // A path into an embeddable ("address.owner") is left to Hibernate.
        if (relation.mappedBy().isEmpty() || relation.mappedBy().contains(".")) {
            return true;
        }
        Optional<TypeElement> target = entity(relation.targetEntity().orElseGet(() -> element(attribute.type(), toOne)), jpa);
        if (target.isEmpty()) {
            return true; // not an entity: reported where the relation is read
        }
        TypeMirror owner = attribute.owner().asType();
        String problem = null;
        PersistentAttribute inverse = new EntityClass(target.get(), jpa, types).attributes().stream()
                .filter(a -> a.name().equals(relation.mappedBy())).findFirst().orElse(null);
        if (inverse == null) {
            problem = "the target entity " + target.get().getQualifiedName() + " has no attribute '" + relation.mappedBy() + "'";
        } else {
            Optional<RelationAnnotation> back = RelationAnnotation.on(inverse.element(), jpa);
            Optional<TypeElement> refers = back.flatMap(b -> entity(
                    b.targetEntity().orElseGet(() -> element(inverse.type(), !b.kind().endsWith("ToMany"))), jpa));
            if (refers.isPresent() && !related(refers.get().asType(), owner, types)) {
                problem = inverse.display() + " refers to " + refers.get().getQualifiedName() + ", not to "
                        + ((TypeElement) types.asElement(owner)).getQualifiedName();
            }
        }
        if (problem == null) {
            return true;
        }
        diagnostics.report(Message.MAPPED_BY_UNKNOWN, attribute.element(), relation.mirror(), relation.kind(),
                relation.mappedBy(), attribute.display(), problem, target.get().getQualifiedName(),
                ((TypeElement) types.asElement(owner)).getQualifiedName());
        return false;
    }

    /** The type itself for a to-one, else the element type of a collection (a map's value). */
    private static TypeMirror element(TypeMirror type, boolean toOne) {
        if (toOne || !(type instanceof DeclaredType d) || d.getTypeArguments().isEmpty()) {
            return type;
        }
        return d.getTypeArguments().get(d.getTypeArguments().size() - 1);
    }

    private static Optional<TypeElement> entity(TypeMirror type, JpaAnnotations jpa) {
        return type instanceof DeclaredType d && EntityClass.isEntity(d.asElement(), jpa)
                ? Optional.of((TypeElement) d.asElement()) : Optional.empty();
    }

    /** Whether one type is a subtype of the other (an inverse side may refer to a superclass or a subclass). */
    private static boolean related(TypeMirror a, TypeMirror b, Types types) {
        TypeMirror x = types.erasure(a);
        TypeMirror y = types.erasure(b);
        return types.isAssignable(x, y) || types.isAssignable(y, x);
    }
}
