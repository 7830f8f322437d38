package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.Literals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * An entity's place in its hierarchy and the tables it is kept in besides its own: the mappings of
 * the class this version cannot read, a joined subclass's key, a single-table hierarchy's
 * discriminator and the checks of what its subclasses require, and the {@code @SecondaryTable}s
 * with their keys.
 */
final class HierarchyTables {


    private final ReadingContext context;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityClass entity;
    private final TypeElement element;
    private final TableParts main;
    /** The entity's {@code @SecondaryTable}s by physical name, with their primary-key join column names. */
    private final Map<String, TableParts> secondary = new LinkedHashMap<>();
    private final Map<String, List<String>> secondaryKeyNames = new HashMap<>();
    /** The {@code @SecondaryTable} annotations by physical name, for their constraints and indexes. */
    private final Map<String, AnnotationValues> secondaryAnnotations = new HashMap<>();
    /** The secondary tables once keyed, in the order they are given to the model. */
    private final List<TableParts> keyed = new ArrayList<>();

    HierarchyTables(ReadingContext context) {
        this.context = context;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.entity = context.entity();
        this.element = context.element();
        this.main = context.main();
    }

    /** Reports the entity-level mappings this version cannot read; false if there is one. */
    boolean isSupported() {
        boolean supported = true;
        boolean joinedSubclass = !entity.isRoot() && entity.strategy() == EntityClass.Strategy.JOINED;
        for (String annotation : List.of("PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns")) {
            Optional<AnnotationValues> found = jpa.find(element, annotation);
            if (found.isPresent() && !joinedSubclass) {
                diagnostics.report(Message.KEY_JOIN_NOT_ON_JOINED_SUBCLASS, element, found.get().mirror(),
                        found.get().display(), element.getQualifiedName());
                supported = false;
            }
        }
        for (EntityClass c = entity; c.parent().isPresent(); c = c.parent().get()) {
            Optional<AnnotationValues> inheritance = jpa.find(c.element(), "Inheritance");
            if (inheritance.isPresent()) {
                diagnostics.report(Message.INHERITANCE_NOT_ON_ROOT, c.element(), inheritance.get().mirror(),
                        c.element().getQualifiedName(), entity.root().element().getQualifiedName());
                supported = false;
            }
        }
        return supported;
    }

    void declareSecondaryTables() {
        declareSecondaryTables(element);
    }

    /**
     * Declares the {@code @SecondaryTable}s of the entity or of one of its single-table subclasses
     * (whose rows the entity's table holds): either is keyed by the entity's key. A name declared
     * twice in the hierarchy is reported (DL165).
     */
    void declareSecondaryTables(TypeElement declaring) {
        for (AnnotationValues t : AttributeOverrides.repeated(declaring, jpa, "SecondaryTable", "SecondaryTables")) {
            String name = jpa.naming().table(t.string("name"));
            if (name.isEmpty()) {
                continue;
            }
            var parts = new TableParts(new QualifiedName(jpa.naming().physical(t.string("schema")), name), declaring, t.mirror(), jpa.naming());
            TableParts other = secondary.putIfAbsent(name, parts);
            if (other != null) {
                diagnostics.report(Message.SECONDARY_TABLE_TWICE, declaring, t.mirror(),
                        ((TypeElement) other.element).getQualifiedName(), declaring.getQualifiedName(), parts.name);
                continue;
            }
            secondaryKeyNames.put(name, t.annotations("pkJoinColumns").stream().map(j -> j.string("name")).toList());
            secondaryAnnotations.put(name, t);
        }
    }

    /**
     * The {@code @SecondaryTable} of this physical name that the class's attributes may name: one
     * the class declares or a class it extends does.
     */
    Optional<TableParts> secondaryTable(String physicalName, EntityClass of) {
        TableParts t = secondary.get(physicalName);
        for (Optional<EntityClass> c = Optional.of(of); t != null && c.isPresent(); c = c.get().parent()) {
            if (c.get().element().equals(t.element)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * A secondary table is keyed by the entity's key (the same column names unless its
     * {@code pkJoinColumns} name them), which references the entity's table: through a foreign key
     * its {@code foreignKey} names, or none with {@code NO_CONSTRAINT}, as Hibernate reads it: only when
     * the table's name as Hibernate renders it is the name as written (not under quoted names, nor
     * when snake case changes it), and never the {@code foreignKey} of a {@code pkJoinColumns} entry.
     */
    void keySecondaryTables() {
        for (var entry : secondary.entrySet()) {
            TableParts t = entry.getValue();
            List<String> written = secondaryKeyNames.get(entry.getKey());
            var names = new ArrayList<String>();
            var existing = new LinkedHashMap<>(t.columns);
            t.columns.clear();
            for (int i = 0; i < main.primaryKey.size(); i++) {
                Column key = main.columns.get(main.primaryKey.get(i));
                String name = i < written.size() && !written.get(i).isEmpty() ? jpa.naming().physical(written.get(i)) : key.name();
                t.columns.put(name, new Column(name, key.type(), false, null, Identity.NONE, null));
                t.columnOwners.put(name, "the key of " + t.name);
                names.add(name);
            }
            existing.forEach((n, c) -> {
                if (t.columns.putIfAbsent(n, c) != null) {
                    diagnostics.report(Message.DUPLICATE_COLUMN, t.columnElements.get(n), null, n, t.name, "the key of " + t.name);
                }
            });
            t.primaryKey.addAll(0, names);
            AnnotationValues annotation = secondaryAnnotations.get(entry.getKey());
            // Hibernate finds the @SecondaryTable of its table by the name as it renders it, which must equal
            // the name as written: under quoted names or snake case another name's foreignKey is passed over.
            Optional<AnnotationValues> foreignKey = jpa.naming().renderedTable(entry.getKey()).equals(annotation.string("name"))
                    ? annotation.annotation("foreignKey") : Optional.empty();
            String given = foreignKey.map(f -> f.string("name")).orElse("");
            boolean noConstraint = foreignKey.map(f -> f.constant("value", "PROVIDER_DEFAULT")).orElse("").equals("NO_CONSTRAINT");
            if (!names.isEmpty() && !noConstraint) {
                t.addForeignKey(new ForeignKey(given.isEmpty() ? t.derived(names, "fkey") : PostgresNames.fold(given), names,
                        main.name, List.copyOf(main.primaryKey), ReferentialAction.NO_ACTION), element, t.mirror, diagnostics);
            }
            keyed.add(0, t);
        }
    }

    /**
     * The {@code uniqueConstraints} and {@code indexes} of each {@code @SecondaryTable}, on that
     * table as {@code @Table}'s are on the entity's (Hibernate creates them); once the tables are keyed.
     */
    void secondaryConstraints(TableConstraints constraints) {
        for (var entry : secondary.entrySet()) {
            AnnotationValues a = secondaryAnnotations.get(entry.getKey());
            TableParts t = entry.getValue();
            constraints.uniqueConstraints(a.annotations("uniqueConstraints").stream()
                    .map(u -> UniqueConstraintAnnotation.of(u, jpa.naming())).toList(), t.element, t);
            constraints.indexes(a.annotations("indexes").stream()
                    .map(i -> IndexAnnotation.of(i, jpa.naming())).toList(), t.element, t);
        }
    }

    /** The keyed secondary tables, to come first after the entity's own. */
    List<TableParts> secondaryTables() {
        return List.copyOf(keyed);
    }

    /**
     * A joined subclass's table: keyed by its parent's key, which it references. The key columns are
     * named like the parent's unless {@code @PrimaryKeyJoinColumn(s)} name them (matched to the
     * parent's columns by {@code referencedColumnName}, else in order), and the foreign key takes
     * the name its {@code foreignKey} gives.
     */
    void joinedKey() {
        EntityClass parent = entity.parent().orElseThrow();
        EntityKeys keys = context.keys();
        List<KeyColumn> key = keys.primaryKey(parent.element());
        if (key.isEmpty()) {
            return; // the parent reports its missing or unreadable id
        }
        List<AnnotationValues> written = KeyJoinColumns.written(element, jpa);
        List<String> keyNames = key.stream().map(KeyColumn::name).toList();
        for (AnnotationValues j : written) {
            String ref = j.string("referencedColumnName");
            if (!ref.isEmpty() && !keyNames.contains(jpa.naming().physical(ref))) {
                diagnostics.report(Message.KEY_JOIN_REFERENCES_NO_KEY, element, j.mirror(), ref,
                        element.getQualifiedName(), parent.element().getQualifiedName(), String.join(", ", keyNames));
                return;
            }
        }
        Optional<AnnotationValues> container = jpa.find(element, "PrimaryKeyJoinColumns");
        QualifiedName parentTable = keys.tableName(parent.element());
        var names = new ArrayList<String>();
        var referenced = new ArrayList<String>();
        for (KeyJoinColumns.KeyJoin join : KeyJoinColumns.of(key, written, jpa)) {
            Column column = new Column(join.column().name(), join.column().type(), false, null, Identity.NONE, null);
            if (main.addColumn(column, "the key of " + element.getSimpleName(), element,
                    join.annotation().map(AnnotationValues::mirror).orElse(null), diagnostics)) {
                main.primaryKey.add(column.name());
                names.add(column.name());
                referenced.add(join.referenced());
            }
        }
        Optional<AnnotationValues> foreignKey = container.flatMap(c -> c.annotation("foreignKey"))
                .or(() -> written.stream().map(j -> j.annotation("foreignKey")).flatMap(Optional::stream).findFirst());
        var definitions = new java.util.LinkedHashSet<>(JoinColumnAnnotation.foreignKeyDefinition(foreignKey));
        written.forEach(j -> definitions.addAll(JoinColumnAnnotation.foreignKeyDefinition(j.annotation("foreignKey"))));
        if (!definitions.isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, element, foreignKey.map(AnnotationValues::mirror).orElse(null),
                    String.join(", ", definitions), element.getQualifiedName(),
                    JoinTables.FOREIGN_KEY_DEFINITION_FIX);
            return;
        }
        if (foreignKey.map(f -> f.constant("value", "PROVIDER_DEFAULT")).orElse("").equals("NO_CONSTRAINT")) {
            return;
        }
        String given = foreignKey.map(f -> f.string("name")).orElse("");
        String fkName = given.isEmpty() ? main.derived(names, "fkey") : PostgresNames.fold(given);
        main.addForeignKey(new ForeignKey(fkName, names, parentTable, referenced, JoinColumns.onDelete(element, jpa)),
                element, foreignKey.map(AnnotationValues::mirror).orElse(null), diagnostics);
    }

    /**
     * The discriminator column of a single-table hierarchy (or one a joined root declares):
     * {@code dtype varchar(31)}.
     *
     * @param subclasses the single-table subclasses whose rows the root's table holds
     */
    void discriminator(List<EntityClass> subclasses) {
        Optional<AnnotationValues> d = jpa.find(element, "DiscriminatorColumn");
        String name = d.map(v -> v.string("name")).filter(s -> !s.isEmpty()).orElse("DTYPE");
        String kind = d.map(v -> v.constant("discriminatorType", "STRING")).orElse("STRING");
        int length = d.map(v -> v.integer("length", 31)).orElse(31);
        String type = switch (kind) {
            case "INTEGER" -> "integer";
            case "CHAR" -> "character(1)";
            default -> "character varying(" + length + ")";
        };
        String definition = d.map(v -> v.string("columnDefinition")).orElse("");
        var column = new Column(jpa.naming().physical(name), ColumnType.of(definition.isEmpty() ? type : definition),
                false, null, Identity.NONE, null);
        if (!main.addColumn(column, "the discriminator of " + element.getSimpleName(), element,
                d.map(AnnotationValues::mirror).orElse(null), diagnostics)) {
            return;
        }
        if (kind.equals("INTEGER")) {
            // Hibernate reads each value as a number; only a class that gives none takes its entity name's hash.
            var classes = new ArrayList<EntityClass>(List.of(entity));
            classes.addAll(subclasses);
            for (EntityClass c : classes) {
                Optional<AnnotationValues> given = jpa.find(c.element(), "DiscriminatorValue");
                String value = given.map(v -> v.string("value").strip()).orElse("");
                if (!value.isEmpty() && !value.matches("-?\\d+")) {
                    diagnostics.report(Message.DISCRIMINATOR_NOT_INTEGER, c.element(), given.get().mirror(), value,
                            c.element().getQualifiedName(), element.getQualifiedName());
                }
            }
        }
        if (entity.strategy() == EntityClass.Strategy.SINGLE_TABLE && jpa.hibernate().checksSingleTableRows()) {
            // Hibernate checks that the discriminator holds one of the hierarchy's values.
            var values = new ArrayList<String>();
            if (!entity.isAbstract()) {
                values.add(discriminatorValue(entity));
            }
            subclasses.stream().filter(c -> !c.isAbstract()).forEach(c -> values.add(discriminatorValue(c)));
            if (!values.isEmpty()) {
                main.addCheck(new CheckConstraint(main.derived(List.of(column.name()), "check"),
                        Identifiers.quote(column.name()) + " in (" + String.join(",", values.stream().map(this::literal).toList()) + ")"),
                        element, null, diagnostics);
            }
        }
    }

    /**
     * The single-table subclasses in the order Hibernate binds them, which is the order it adds
     * their checks to the table in. Hibernate binds the classes in the order they are given to it
     * (its {@code MetadataSources}), unsorted, each after the classes it extends; Driftless takes
     * them by class name, as the processor lists them, each after the subclasses it extends.
     */
    static List<EntityClass> bindingOrder(List<EntityClass> subclasses) {
        var ordered = new LinkedHashMap<TypeElement, EntityClass>();
        var byElement = new HashMap<TypeElement, EntityClass>();
        subclasses.forEach(c -> byElement.put(c.element(), c));
        for (EntityClass c : subclasses) {
            var chain = new ArrayList<EntityClass>();
            for (Optional<EntityClass> p = Optional.of(c); p.isPresent(); p = p.get().parent()) {
                EntityClass known = byElement.get(p.get().element());
                if (known != null) {
                    chain.add(0, known);
                }
            }
            chain.forEach(k -> ordered.putIfAbsent(k.element(), k));
        }
        return List.copyOf(ordered.values());
    }

    /**
     * The check of a single-table subclass with required columns, as Hibernate writes it:
     * {@code dtype <> 'Cat' or (a is not null and b is not null)}. Hibernate leaves it unnamed, and
     * since it references the discriminator and the subclass's columns PostgreSQL names it
     * {@code <table>_check}, numbered in the order the checks are created.
     */
    void subclassCheck(EntityClass subclass) {
        if (subclass.isAbstract()) {
            return; // no row is of an abstract class
        }
        // What the class requires, after what the subclass it extends requires (not the root's,
        // whose columns are NOT NULL); each sorted, as Hibernate lists them.
        var columns = new LinkedHashMap<String, Element>();
        var classes = new ArrayList<EntityClass>();
        subclass.parent().filter(p -> !p.isRoot()).ifPresent(classes::add);
        classes.add(subclass);
        for (EntityClass c : classes) {
            Map<String, Element> declared = context.subclassRequired().getOrDefault(discriminatorValue(c), Map.of());
            declared.forEach((column, on) -> {
                // A check is on one table: a column of a secondary table has none on the root's.
                if (main.columns.containsKey(column)) {
                    columns.putIfAbsent(column, on);
                }
            });
        }
        if (columns.isEmpty()) {
            return;
        }
        String required = String.join(" and ", columns.keySet().stream().map(c -> Identifiers.quote(c) + " is not null").toList());
        String value = discriminatorValue(subclass);
        main.addUnnamedCheck(Identifiers.quote(discriminatorColumn()) + " <> " + literal(value) + " or (" + required + ")",
                columns.values().iterator().next(), null);
    }

    /**
     * A discriminator value as SQL: for an INTEGER discriminator a number, the entity name's Java
     * {@code hashCode()} when no {@code @DiscriminatorValue} gives one (as Hibernate does); else a
     * string literal.
     */
    private String literal(String value) {
        boolean integer = jpa.find(element, "DiscriminatorColumn").map(v -> v.constant("discriminatorType", "STRING"))
                .orElse("STRING").equals("INTEGER");
        if (!integer) {
            return Literals.standard(value);
        }
        return value.strip().matches("-?\\d+") ? value.strip() : String.valueOf(value.hashCode());
    }

    /** {@code @DiscriminatorValue}, else the entity name. */
    String discriminatorValue(EntityClass c) {
        return jpa.find(c.element(), "DiscriminatorValue").map(v -> v.string("value")).filter(s -> !s.isEmpty())
                .orElse(c.entityName());
    }

    private String discriminatorColumn() {
        return jpa.naming().physical(jpa.find(element, "DiscriminatorColumn").map(v -> v.string("name"))
                .filter(s -> !s.isEmpty()).orElse("DTYPE"));
    }
}
