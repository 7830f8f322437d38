package dev.driftless.processor.jpa;

import dev.driftless.model.QualifiedName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * An {@code @Entity} class as JPA sees it: its entity name, its table, and its persistent
 * attributes gathered from its {@code @MappedSuperclass} ancestors and itself. Works the same for
 * classes being compiled and classes on the class path.
 */
final class EntityClass {

    private final TypeElement element;
    private final JpaAnnotations jpa;
    private final Types types;

    EntityClass(TypeElement element, JpaAnnotations jpa, Types types) {
        this.element = element;
        this.jpa = jpa;
        this.types = types;
    }

    static boolean isEntity(Element element, JpaAnnotations jpa) {
        return element instanceof TypeElement && jpa.has(element, "Entity");
    }

    TypeElement element() {
        return element;
    }

    /** {@code @Entity(name)}, else the simple class name. */
    String entityName() {
        return jpa.find(element, "Entity").map(e -> e.string("name")).filter(s -> !s.isEmpty())
                .orElse(element.getSimpleName().toString());
    }

    TableAnnotation table() {
        return TableAnnotation.on(element, jpa);
    }

    /** {@code @Table(schema, name)}, the name defaulting to the entity name; folded. */
    QualifiedName tableName() {
        TableAnnotation table = table();
        String name = table.name().isEmpty() ? entityName() : table.name();
        return new QualifiedName(jpa.naming().physical(table.schema()), jpa.naming().physical(name));
    }

    /** The classes whose fields are persistent, the topmost {@code @MappedSuperclass} first, this entity last. */
    List<TypeElement> hierarchy() {
        Deque<TypeElement> chain = new ArrayDeque<>();
        chain.push(element);
        for (TypeElement s = superclass(element); s != null; s = superclass(s)) {
            if (jpa.has(s, "MappedSuperclass")) {
                chain.push(s);
            }
        }
        return List.copyOf(chain);
    }

    /** The nearest superclass that is itself an entity: entity inheritance, which this version does not map. */
    Optional<TypeElement> entitySuperclass() {
        for (TypeElement s = superclass(element); s != null; s = superclass(s)) {
            if (isEntity(s, jpa)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The element that asks for property access, if one does: {@code @Access(PROPERTY)} on a class or
     * a method, or an {@code @Id} on a getter while no field has one.
     */
    Optional<Element> propertyAccess() {
        boolean idOnField = false;
        Element idOnMethod = null;
        for (TypeElement type : hierarchy()) {
            if (accessIsProperty(type)) {
                return Optional.of(type);
            }
            for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                idOnField |= jpa.has(f, "Id") || jpa.has(f, "EmbeddedId");
            }
            for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
                if (accessIsProperty(m)) {
                    return Optional.of(m);
                }
                if (idOnMethod == null && (jpa.has(m, "Id") || jpa.has(m, "EmbeddedId"))) {
                    idOnMethod = m;
                }
            }
        }
        return idOnField ? Optional.empty() : Optional.ofNullable(idOnMethod);
    }

    private boolean accessIsProperty(Element e) {
        return jpa.find(e, "Access").map(a -> a.constant("value", "")).orElse("").equals("PROPERTY");
    }

    /**
     * The persistent attributes, superclasses' first, each class's in declaration order: fields
     * that are not static, not {@code transient} and not {@code @Transient}.
     */
    List<PersistentAttribute> attributes() {
        var attributes = new ArrayList<PersistentAttribute>();
        for (TypeElement type : hierarchy()) {
            for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (field.getKind() == ElementKind.FIELD
                        && !field.getModifiers().contains(Modifier.STATIC)
                        && !field.getModifiers().contains(Modifier.TRANSIENT)
                        && !jpa.has(field, "Transient")) {
                    attributes.add(new PersistentAttribute(field, typeOf(field)));
                }
            }
        }
        return attributes;
    }

    /** The field's type as a member of this entity: type variables of generic superclasses resolved. */
    private TypeMirror typeOf(VariableElement field) {
        if (element.asType() instanceof DeclaredType entityType) {
            try {
                return types.asMemberOf(entityType, field);
            } catch (IllegalArgumentException e) {
                return field.asType();
            }
        }
        return field.asType();
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror s = type.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(s) : null;
    }
}
