package dev.driftless.processor.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The {@code @SequenceGenerator}s, {@code @TableGenerator}s and Hibernate {@code @GenericGenerator}s a {@code @GeneratedValue} can name. A generator on the id field
 * or on the entity (or its mapped superclasses) comes first; JPA's generator names are global to
 * the persistence unit, so one declared on another entity is found too. One declared on a package
 * ({@code package-info.java}) is found for the entities of that package before the others'. Javac
 * reads a package's annotations from its {@code package-info} source or, when only the entities are
 * recompiled, from its compiled {@code package-info.class} (the JPA annotations are kept at run time).
 */
final class SequenceGenerators {

    private final JpaAnnotations jpa;
    private final Map<String, SequenceGeneratorAnnotation> global = new HashMap<>();
    private final Map<String, TableGeneratorAnnotation> globalTables = new HashMap<>();
    private final Map<String, GenericGeneratorAnnotation> globalGeneric = new HashMap<>();

    /** @param entities all entities read, in a stable order: the first declaration of a name wins */
    SequenceGenerators(JpaAnnotations jpa, List<TypeElement> entities) {
        this.jpa = jpa;
        for (TypeElement entity : entities) {
            try {
                declare(entity);
                declare(packageOf(entity));
                ElementFilter.fieldsIn(entity.getEnclosedElements()).forEach(this::declare);
            } catch (RuntimeException e) {
                // Reading the entity itself will report what is wrong with it.
            }
        }
    }

    private void declare(Element holder) {
        SequenceGeneratorAnnotation.on(holder, jpa)
                .filter(g -> !g.name().isEmpty())
                .ifPresent(g -> global.putIfAbsent(g.name(), g));
        TableGeneratorAnnotation.on(holder, jpa)
                .filter(g -> !g.name().isEmpty())
                .ifPresent(g -> globalTables.putIfAbsent(g.name(), g));
        GenericGeneratorAnnotation.on(holder, jpa).stream()
                .filter(g -> !g.name().isEmpty())
                .forEach(g -> globalGeneric.putIfAbsent(g.name(), g));
    }

    /**
     * The Hibernate {@code @GenericGenerator} a {@code @GeneratedValue(generator)} names, found where
     * {@link #find} finds a sequence's: the id, the entity and its superclasses, their packages, then
     * any entity's.
     */
    Optional<GenericGeneratorAnnotation> findGeneric(String name, PersistentAttribute id, EntityClass entity) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<GenericGeneratorAnnotation> local = named(id.element(), name);
        if (local.isPresent()) {
            return local;
        }
        List<TypeElement> hierarchy = entity.hierarchy();
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = named(hierarchy.get(i), name);
            if (local.isPresent()) {
                return local;
            }
        }
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = named(packageOf(hierarchy.get(i)), name);
            if (local.isPresent()) {
                return local;
            }
        }
        return Optional.ofNullable(globalGeneric.get(name));
    }

    private Optional<GenericGeneratorAnnotation> named(Element holder, String name) {
        return GenericGeneratorAnnotation.on(holder, jpa).stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * The {@code @TableGenerator} a {@code @GeneratedValue(generator)} names, found as {@link #find} finds a
     * sequence's: an empty name finds an unnamed one on the field or the entity, and on Hibernate 7 the one of
     * the field, the entity or its package, whatever its name ({@link HibernateLine#defaultsToPackageGenerator}).
     */
    Optional<TableGeneratorAnnotation> findTable(String name, PersistentAttribute id, EntityClass entity) {
        Optional<TableGeneratorAnnotation> local = TableGeneratorAnnotation.on(id.element(), jpa)
                .filter(g -> names(g.name(), name));
        if (local.isPresent()) {
            return local;
        }
        List<TypeElement> hierarchy = entity.hierarchy();
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = TableGeneratorAnnotation.on(hierarchy.get(i), jpa).filter(g -> names(g.name(), name));
            if (local.isPresent()) {
                return local;
            }
        }
        if (name.isEmpty() && !jpa.hibernate().defaultsToPackageGenerator()) {
            return Optional.empty();
        }
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = TableGeneratorAnnotation.on(packageOf(hierarchy.get(i)), jpa)
                    .filter(g -> name.isEmpty() || g.name().equals(name));
            if (local.isPresent()) {
                return local;
            }
        }
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(globalTables.get(name));
    }

    /**
     * The generator a {@code @GeneratedValue(generator)} names. An empty name finds an unnamed
     * {@code @SequenceGenerator} on the field or the entity (JPA 3.2's defaulting), and on Hibernate
     * 7 the one of the field, the entity or its package, whatever its name
     * ({@link HibernateLine#defaultsToPackageGenerator}).
     */
    Optional<SequenceGeneratorAnnotation> find(String name, PersistentAttribute id, EntityClass entity) {
        Optional<SequenceGeneratorAnnotation> local = SequenceGeneratorAnnotation.on(id.element(), jpa)
                .filter(g -> names(g.name(), name));
        if (local.isPresent()) {
            return local;
        }
        List<TypeElement> hierarchy = entity.hierarchy();
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = SequenceGeneratorAnnotation.on(hierarchy.get(i), jpa).filter(g -> names(g.name(), name));
            if (local.isPresent()) {
                return local;
            }
        }
        if (name.isEmpty() && !jpa.hibernate().defaultsToPackageGenerator()) {
            return Optional.empty();
        }
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            local = SequenceGeneratorAnnotation.on(packageOf(hierarchy.get(i)), jpa)
                    .filter(g -> name.isEmpty() || g.name().equals(name));
            if (local.isPresent()) {
                return local;
            }
        }
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(global.get(name));
    }

    /**
     * Whether a generator of the id or its class called {@code declared} is the one a
     * {@code @GeneratedValue(generator = wanted)} asks for: the one of that name; with no name, an
     * unnamed one, and on Hibernate 7 any ({@link HibernateLine#defaultsToPackageGenerator}).
     */
    private boolean names(String declared, String wanted) {
        return declared.equals(wanted) || wanted.isEmpty() && jpa.hibernate().defaultsToPackageGenerator();
    }

    /** The package a class is declared in, whose {@code package-info} may declare generators. */
    private static PackageElement packageOf(Element type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return (PackageElement) e;
    }
}
