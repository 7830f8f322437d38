package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks that a relation or an embedded value fits whether its attribute's type is a collection:
 * {@code @OneToMany} and {@code @ManyToMany} need one (Hibernate 7 refuses them on a single
 * entity), {@code @ManyToOne}, {@code @OneToOne} and {@code @Embedded} need a single value
 * (Hibernate maps them on a collection as if the type were its element, and fails when it loads a
 * row into the field).
 */
final class Cardinality {

    private static final Set<String> COLLECTIONS = Set.of("java.util.Collection", "java.util.Map");

    private Cardinality() {}

    /** Whether the attribute's mapping fits its type; reports it if not. */
    static boolean fits(PersistentAttribute attribute, JpaAnnotations jpa, Types types, Diagnostics diagnostics) {
        boolean collection = isCollection(attribute.type(), types);
        Optional<RelationAnnotation> relation = RelationAnnotation.on(attribute.element(), jpa);
        String annotation;
        String hint;
        if (relation.isPresent()) {
            String kind = relation.get().kind();
            boolean toMany = kind.equals("OneToMany") || kind.equals("ManyToMany");
            if (toMany == collection) {
                return true;
            }
            annotation = "@" + kind;
            hint = toMany ? "map one entity with @ManyToOne or @OneToOne"
                    : "map a collection of entities with @OneToMany or @ManyToMany";
            diagnostics.report(Message.CARDINALITY_MISMATCH, attribute.element(), relation.get().mirror(), annotation,
                    attribute.display(), attribute.type(),
                    toMany ? "which is one entity, not a collection" : "which is a collection", hint);
            return false;
        }
        Optional<AnnotationValues> embedded = jpa.find(attribute.element(), "Embedded");
        if (embedded.isPresent() && collection) {
            diagnostics.report(Message.CARDINALITY_MISMATCH, attribute.element(), embedded.get().mirror(), "@Embedded",
                    attribute.display(), attribute.type(), "which is a collection",
                    "map a collection of embeddables with @ElementCollection");
            return false;
        }
        return true;
    }

    /** Whether the type is an array, a {@code java.util.Collection} or a {@code java.util.Map}. */
    static boolean isCollection(TypeMirror type, Types types) {
        if (type instanceof ArrayType) {
            return true;
        }
        if (!(type instanceof DeclaredType d)) {
            return false;
        }
        if (COLLECTIONS.contains(((TypeElement) d.asElement()).getQualifiedName().toString())) {
            return true;
        }
        for (TypeMirror s : types.directSupertypes(type)) {
            if (isCollection(s, types)) {
                return true;
            }
        }
        return false;
    }
}
