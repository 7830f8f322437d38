package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Checks of how an entity is declared, before its attributes are read: an {@code @Entity} must be
 * a class, and an entity hierarchy has one id, declared at its root. Hibernate 7 refuses both
 * (an interface with a MappingException, a subclass's id with a ClassCastException while binding;
 * a record maps, but its rows cannot be loaded: it has no no-argument constructor).
 */
final class EntityDeclarations {

    private EntityDeclarations() {}

    /** Whether the {@code @Entity} type is a class; reports it on the type if not. */
    static boolean isClass(TypeElement type, Diagnostics diagnostics) {
        String hint = "only a class can be an entity: declare the entity as a class";
        String kind = switch (type.getKind()) {
            case CLASS -> null;
            case RECORD -> {
                hint = "Hibernate cannot load its rows, as a record has no no-argument constructor and its fields are "
                        + "final: make it a class, or map the record as an @Embeddable";
                yield "a record";
            }
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + type.getKind().name().toLowerCase(java.util.Locale.ROOT);
        };
        if (kind == null) {
            return true;
        }
        diagnostics.report(Message.ENTITY_NOT_A_CLASS, type, type.getQualifiedName(), kind, hint);
        return false;
    }

    /**
     * Whether the entity, when it is a subclass, declares no {@code @Id} or {@code @EmbeddedId} of
     * its own (on itself or a mapped superclass below its entity superclass); reports each one.
     */
    static boolean hasNoIdBelowRoot(EntityClass entity, JpaAnnotations jpa, Diagnostics diagnostics) {
        if (entity.isRoot()) {
            return true;
        }
        boolean none = true;
        for (TypeElement type : entity.ownHierarchy()) {
            for (Element member : type.getEnclosedElements()) {
                boolean attribute = member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.METHOD;
                if (attribute && (jpa.has(member, "Id") || jpa.has(member, "EmbeddedId"))) {
                    diagnostics.report(Message.ID_BELOW_ROOT, member, type.getSimpleName() + "." + member.getSimpleName(),
                            entity.element().getQualifiedName(), entity.root().element().getQualifiedName());
                    none = false;
                }
            }
        }
        return none;
    }
}
