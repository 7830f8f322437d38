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
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * An {@code @Entity} class as JPA sees it: its entity name, its table, its place in an entity
 * hierarchy and its persistent attributes gathered from its superclasses ({@code @MappedSuperclass}
 * and {@code @Entity}) and itself, read from fields or getters as the hierarchy's access type says.
 * Works the same for classes being compiled and classes on the class path.
 */
final class EntityClass {

    /** How an entity hierarchy maps to tables ({@code @Inheritance}, SINGLE_TABLE by default). */
    enum Strategy { SINGLE_TABLE, JOINED, TABLE_PER_CLASS }

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

    /**
     * The table the entity's own attributes live in: {@code @Table(schema, name)}, the name
     * defaulting to the entity name, folded; a single-table subclass uses its root's table.
     */
    QualifiedName tableName() {
        if (!isRoot() && strategy() == Strategy.SINGLE_TABLE) {
            return root().tableName();
        }
        TableAnnotation table = table();
        String name = table.name().isEmpty() ? entityName() : table.name();
        return new QualifiedName(jpa.naming().physical(table.schema()), jpa.naming().table(name));
    }

    /** The nearest superclass that is itself an entity. */
    Optional<EntityClass> parent() {
        for (TypeElement s = superclass(element); s != null; s = superclass(s)) {
            if (isEntity(s, jpa)) {
                return Optional.of(new EntityClass(s, jpa, types));
            }
        }
        return Optional.empty();
    }

    boolean isRoot() {
        return parent().isEmpty();
    }

    /** The topmost entity of the hierarchy (this one when it has no entity superclass). */
    EntityClass root() {
        EntityClass root = this;
        for (int i = 0; i < 64; i++) {
            Optional<EntityClass> p = root.parent();
            if (p.isEmpty()) {
                return root;
            }
            root = p.get();
        }
        return root;
    }

    /** The root's {@code @Inheritance(strategy)}. */
    Strategy strategy() {
        String s = jpa.find(root().element, "Inheritance").map(i -> i.constant("strategy", "SINGLE_TABLE"))
                .orElse("SINGLE_TABLE");
        return switch (s) {
            case "JOINED" -> Strategy.JOINED;
            case "TABLE_PER_CLASS" -> Strategy.TABLE_PER_CLASS;
            default -> Strategy.SINGLE_TABLE;
        };
    }

    /** Whether the hierarchy has subclasses at all is not known here: whether it is mapped as one. */
    boolean isAbstract() {
        return element.getModifiers().contains(Modifier.ABSTRACT);
    }

    /**
     * Whether this entity has a table of its own: not a single-table subclass (its attributes are in
     * the root's table), and not an abstract class of a table-per-class hierarchy (no rows of its own).
     */
    boolean hasOwnTable() {
        return switch (strategy()) {
            case SINGLE_TABLE -> isRoot();
            case JOINED -> true;
            case TABLE_PER_CLASS -> !isAbstract();
        };
    }

    /**
     * The persistent classes from the top down: mapped superclasses and entities above this one,
     * and this one.
     */
    List<TypeElement> hierarchy() {
        Deque<TypeElement> chain = new ArrayDeque<>();
        chain.push(element);
        for (TypeElement s = superclass(element); s != null; s = superclass(s)) {
            if (jpa.has(s, "MappedSuperclass") || isEntity(s, jpa)) {
                chain.push(s);
            }
        }
        return List.copyOf(chain);
    }

    /** The classes whose attributes are this entity's own: those below its entity superclass. */
    List<TypeElement> ownHierarchy() {
        List<TypeElement> all = hierarchy();
        int start = 0;
        for (int i = 0; i < all.size() - 1; i++) {
            if (isEntity(all.get(i), jpa)) {
                start = i + 1;
            }
        }
        return all.subList(start, all.size());
    }

    /**
     * Whether the hierarchy uses property access: {@code @Access(PROPERTY)} on its topmost class,
     * else an {@code @Id} or {@code @EmbeddedId} on a getter rather than a field (JPA's rule).
     */
    boolean propertyAccess() {
        List<TypeElement> classes = hierarchy();
        for (TypeElement type : classes) {
            Optional<String> access = explicitAccess(type);
            if (access.isPresent()) {
                return access.get().equals("PROPERTY");
            }
        }
        for (TypeElement type : classes) {
            for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (jpa.has(f, "Id") || jpa.has(f, "EmbeddedId")) {
                    return false;
                }
            }
            for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
                if (jpa.has(m, "Id") || jpa.has(m, "EmbeddedId")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<String> explicitAccess(Element e) {
        return jpa.find(e, "Access").map(a -> a.constant("value", "FIELD"));
    }

    /** All persistent attributes, the topmost class's first, each class's in declaration order. */
    List<PersistentAttribute> attributes() {
        return attributesOf(hierarchy(), AttributeOverrides.declaredOn(element, jpa), false);
    }

    /** The attributes of the classes below the entity superclass; nullable when {@code forcedNullable}. */
    List<PersistentAttribute> ownAttributes(boolean forcedNullable) {
        return attributesOf(ownHierarchy(), AttributeOverrides.declaredOn(element, jpa), forcedNullable);
    }

    private List<PersistentAttribute> attributesOf(List<TypeElement> classes, AttributeOverrides overrides,
            boolean forcedNullable) {
        boolean property = propertyAccess();
        var attributes = new ArrayList<PersistentAttribute>();
        for (TypeElement type : classes) {
            boolean classProperty = explicitAccess(type).map(a -> a.equals("PROPERTY")).orElse(property);
            attributes.addAll(declaredAttributes(type, element.asType(), classProperty, jpa, types, overrides, forcedNullable));
        }
        return attributes;
    }

    /**
     * The persistent attributes one class declares: with field access the fields that are not
     * static, not {@code transient} and not {@code @Transient}; with property access the getters
     * ({@code getX()}, {@code isX()} for booleans) that are not static and not {@code @Transient}.
     * Hibernate's {@code @Formula} attributes are computed, not stored, and left out too.
     *
     * @param seenFrom the type the attributes' types are seen from (resolves type variables)
     */
    static List<PersistentAttribute> declaredAttributes(TypeElement type, TypeMirror seenFrom, boolean property,
            JpaAnnotations jpa, Types types, AttributeOverrides overrides, boolean forcedNullable) {
        var attributes = new ArrayList<PersistentAttribute>();
        if (!property) {
            for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (field.getKind() == ElementKind.FIELD
                        && !field.getModifiers().contains(Modifier.STATIC)
                        && !field.getModifiers().contains(Modifier.TRANSIENT)
                        && isStored(field, jpa)) {
                    attributes.add(new PersistentAttribute(field, memberType(seenFrom, field, types),
                            field.getSimpleName().toString(), type, overrides, forcedNullable));
                }
            }
            return attributes;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            Optional<String> name = propertyName(method);
            if (name.isPresent() && !method.getModifiers().contains(Modifier.STATIC) && isStored(method, jpa)) {
                TypeMirror t = memberType(seenFrom, method, types);
                attributes.add(new PersistentAttribute(method,
                        t instanceof ExecutableType e ? e.getReturnType() : method.getReturnType(),
                        name.get(), type, overrides, forcedNullable));
            }
        }
        return attributes;
    }

    private static boolean isStored(Element e, JpaAnnotations jpa) {
        return !jpa.has(e, "Transient") && jpa.findNamed(e, "org.hibernate.annotations.Formula").isEmpty();
    }

    /** The JavaBeans property a getter reads: {@code getMeterId} → {@code meterId}; empty for other methods. */
    private static Optional<String> propertyName(ExecutableElement method) {
        if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) {
            return Optional.empty();
        }
        String n = method.getSimpleName().toString();
        if (n.startsWith("get") && n.length() > 3) {
            return Optional.of(decapitalize(n.substring(3)));
        }
        if (n.startsWith("is") && n.length() > 2 && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
            return Optional.of(decapitalize(n.substring(2)));
        }
        return Optional.empty();
    }

    /** JavaBeans' rule: {@code MeterId} → {@code meterId}, but {@code URL} stays {@code URL}. */
    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static TypeMirror memberType(TypeMirror seenFrom, Element member, Types types) {
        if (seenFrom instanceof DeclaredType declared) {
            try {
                return types.asMemberOf(declared, member);
            } catch (IllegalArgumentException e) {
                return member.asType();
            }
        }
        return member.asType();
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror s = type.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(s) : null;
    }
}
