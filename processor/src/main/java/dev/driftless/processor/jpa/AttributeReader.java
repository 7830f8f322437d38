package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.EnumType;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The persistent attributes of one entity, each into the table it belongs in: basic columns (typed
 * by {@link ColumnTypes}, with their nullability, default, comment and checks), embedded values
 * expanded with their overrides, {@code @MapsId} relations, and what relations and collections ask
 * for, handed to {@link JoinColumns} and {@link CollectionTables}.
 */
final class AttributeReader {

    /** Attribute mappings this version does not read: an error beats a silently wrong schema. */
    private static final String FIELD_HINT = "map the attribute another way, or mark it @Transient";
    /** Deepest nesting of embeddables followed: deeper is a cycle. */
    private static final int MAX_EMBEDDING = 16;

    private final ReadingContext context;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final Types types;
    private final EntityClass entity;
    private final TypeElement element;
    private final TableParts main;
    private final HierarchyTables hierarchy;
    private final IdGeneration generation;
    private final JoinColumns joinColumns;
    private final TableConstraints constraints;
    private final CollectionTables collections;
    private final EmbeddingPath embedding = new EmbeddingPath();
    private final Map<QualifiedName, EnumType> enumTypes = new HashMap<>();
    private boolean declaresId;
    /** The relations that carry the id ({@code @MapsId}), by the id attribute they map ("" for a simple id). */
    private Map<String, PersistentAttribute> derivedIds = Map.of();

    AttributeReader(ReadingContext context, HierarchyTables hierarchy, IdGeneration generation, JoinColumns joinColumns,
            TableConstraints constraints) {
        this.context = context;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.types = context.types();
        this.entity = context.entity();
        this.reading = entity;
        this.element = context.element();
        this.main = context.main();
        this.hierarchy = hierarchy;
        this.generation = generation;
        this.joinColumns = joinColumns;
        this.constraints = constraints;
        this.collections = new CollectionTables(context, this, constraints);
    }

    /** Reads the entity's attributes into its tables (its {@code @MapsId} relations checked first). */
    void readEntity(List<PersistentAttribute> attributes) {
        derivedIds = checkedDerivedIds(attributes);
        for (PersistentAttribute attribute : attributes) {
            read(attribute, AttributeScope.of(main));
        }
    }

    /**
     * Reads a single-table subclass's own attributes into the root's table: a column its type
     * makes required (a primitive) allows null, with a check that rows of this class have a value.
     */
    void readSubclass(EntityClass sub, String discriminatorValue) {
        reading = sub;
        try {
            for (PersistentAttribute attribute : sub.ownAttributes(true)) {
                read(attribute, new AttributeScope(main, false, true, discriminatorValue, 0));
            }
        } finally {
            reading = entity;
        }
    }

    /** The class whose attributes are being read: the entity, or one of its single-table subclasses. */
    private EntityClass reading;

    /** Whether an attribute read into the entity's own table is (part of) its id. */
    boolean declaresId() {
        return declaresId;
    }

    /** The enum types the columns use, by name. */
    List<EnumType> enumTypes() {
        return List.copyOf(enumTypes.values());
    }

    /** The collection and join tables, and the columns put in other entities' tables. */
    CollectionTables collections() {
        return collections;
    }

    /**
     * The {@code @MapsId} relations, each checked: a many-to-one or one-to-one that maps the simple
     * {@code @Id} (no value) or an attribute of the {@code @EmbeddedId} (its name).
     */
    private Map<String, PersistentAttribute> checkedDerivedIds(List<PersistentAttribute> attributes) {
        var derived = new HashMap<>(EntityKeys.derivedIds(attributes, jpa));
        for (var entry : List.copyOf(derived.entrySet())) {
            PersistentAttribute relation = entry.getValue();
            String kind = RelationAnnotation.on(relation.element(), jpa).map(RelationAnnotation::kind).orElse("");
            String problem = null;
            if (!kind.equals("ManyToOne") && !kind.equals("OneToOne")) {
                problem = "it belongs on a @ManyToOne or @OneToOne whose key is (part of) this entity's id";
            } else if (entry.getKey().isEmpty() && attributes.stream().noneMatch(a -> jpa.has(a.element(), "Id"))) {
                problem = "without a value it maps the entity's @Id attribute, and there is none; add one, or name"
                        + " the attribute of the @EmbeddedId it maps";
            } else if (!entry.getKey().isEmpty() && attributes.stream().filter(a -> jpa.has(a.element(), "EmbeddedId"))
                    .flatMap(a -> embeddable(a).stream().flatMap(t -> embeddedAttributes(t, a.type(),
                            AttributeOverrides.declaredOn(a.element(), jpa), false).stream()))
                    .noneMatch(a -> a.name().equals(entry.getKey()))) {
                problem = "the @EmbeddedId has no attribute '" + entry.getKey() + "'; name one of its attributes";
            }
            if (problem != null) {
                diagnostics.report(Message.MAPS_ID_INVALID, relation.element(), relation.display(), problem);
                derived.remove(entry.getKey());
            }
        }
        return derived;
    }

    private void read(PersistentAttribute attribute, AttributeScope scope) {
        Element field = attribute.element();
        jpa.ddlOptions().check(field, attribute.display(), diagnostics);
        boolean id = scope.id() || jpa.has(field, "Id");
        if (scope.into() == main) {
            declaresId |= id || jpa.has(field, "EmbeddedId");
        }
        if (scope.into() == main && !derivedIds.isEmpty()) {
            // An id attribute that a @MapsId relation maps has no column of its own: the join column is it.
            boolean simpleId = !scope.id() && jpa.has(field, "Id") && derivedIds.containsKey("");
            boolean partOfId = scope.id() && scope.depth() == 1 && derivedIds.containsKey(attribute.name());
            if (simpleId || partOfId) {
                return;
            }
            if (jpa.has(field, "MapsId")) {
                id = true;
                declaresId = true;
            }
        }
        if (columnless(attribute)) {
            return;
        }
        if (!Cardinality.fits(attribute, jpa, types, diagnostics) || !RelationMappings.fit(attribute, jpa, types, diagnostics)) {
            return;
        }
        if (jpa.has(field, "ElementCollection")) {
            collections.elementCollection(attribute);
            return;
        }
        Optional<RelationAnnotation> relation = RelationAnnotation.on(field, jpa);
        if (relation.isPresent()) {
            RelationAnnotation r = relation.get();
            switch (r.kind()) {
                case "OneToMany" -> {
                    if (r.mappedBy().isEmpty()) {
                        collections.oneToMany(attribute, r);
                    }
                }
                case "ManyToMany" -> {
                    if (r.mappedBy().isEmpty()) {
                        collections.manyToMany(attribute, r);
                    }
                }
                default -> {
                    if (r.ownsJoinColumn() && jpa.has(field, "JoinTable")) {
                        collections.toOne(attribute, r, id, scope);
                    } else if (r.ownsJoinColumn()) {
                        boolean asId = id;
                        joinScope(attribute, scope).ifPresent(s -> joinColumns.read(attribute, r, asId, s));
                    }
                }
            }
            return;
        }
        Optional<TypeElement> embeddable = embeddable(attribute);
        if (embeddable.isPresent()) {
            embedded(attribute, embeddable.get(), scope.deeper(), id || jpa.has(field, "EmbeddedId"));
            return;
        }
        if (jpa.has(field, "Embedded") || jpa.has(field, "EmbeddedId")) {
            diagnostics.report(Message.EMBEDDED_NOT_EMBEDDABLE, field, attribute.display(), attribute.type());
            return;
        }
        ColumnAnnotation annotation = attribute.column(jpa);
        if (!annotation.table().isEmpty() && scope.into() == main) {
            Optional<TableParts> other = hierarchy.secondaryTable(jpa.naming().physical(annotation.table()), reading);
            if (other.isEmpty()) {
                diagnostics.report(Message.NO_SUCH_SECONDARY_TABLE, field, annotation.mirror(), annotation.table(),
                        attribute.display(), reading.element().getQualifiedName());
                return;
            }
            scope = scope.in(other.get());
        }
        Optional<Column> column = basicColumn(attribute, id, scope);
        if (column.isEmpty()) {
            context.unread(attribute.columnName(annotation, jpa.naming()));
            return;
        }
        add(attribute, column.get(), annotation, id, scope.into());
    }

    /**
     * Where a to-one's join columns (and their foreign key) go: the {@code @SecondaryTable} their
     * {@code table} names, else the scope's table. Empty after reporting a table that is no
     * secondary table of the entity, or {@code @JoinColumns} whose columns name different tables.
     */
    private Optional<AttributeScope> joinScope(PersistentAttribute attribute, AttributeScope scope) {
        List<JoinColumnAnnotation> joins = JoinColumns.written(attribute, jpa);
        List<String> tables = joins.stream().map(j -> jpa.naming().physical(j.table())).distinct().toList();
        if (tables.size() > 1) {
            String named = String.join(", ", joins.stream()
                    .map(j -> j.table().isEmpty() ? "the entity's table" : j.table()).distinct().toList());
            diagnostics.report(Message.NOT_SUPPORTED_YET, attribute.element(),
                    jpa.find(attribute.element(), "JoinColumns").map(AnnotationValues::mirror).orElse(null),
                    "@JoinColumns(table)", attribute.display(), "its join columns name different tables (" + named
                            + "), and one foreign key cannot span tables; give every @JoinColumn the same table");
            return Optional.empty();
        }
        String table = joins.get(0).table();
        if (table.isEmpty() || scope.into() != main) {
            return Optional.of(scope);
        }
        Optional<TableParts> other = hierarchy.secondaryTable(tables.get(0), reading);
        if (other.isEmpty()) {
            diagnostics.report(Message.JOIN_COLUMN_NO_SUCH_SECONDARY_TABLE, attribute.element(),
                    joins.stream().filter(j -> !j.table().isEmpty()).findFirst().map(JoinColumnAnnotation::mirror).orElse(null),
                    table, attribute.display(), reading.element().getQualifiedName());
            return Optional.empty();
        }
        return Optional.of(scope.in(other.get()));
    }

    /** The {@code @Embeddable} class of an attribute's type, if it has one. */
    Optional<TypeElement> embeddable(PersistentAttribute attribute) {
        return attribute.type() instanceof DeclaredType d && jpa.has(d.asElement(), "Embeddable")
                ? Optional.of((TypeElement) d.asElement()) : Optional.empty();
    }

    /** The attributes of an embedded value, with the overrides of the levels around it. */
    private void embedded(PersistentAttribute attribute, TypeElement embeddable, AttributeScope scope, boolean id) {
        Optional<List<String>> cycle = embedding.cycle(attribute, types);
        if (cycle.isPresent()) {
            diagnostics.report(Message.EMBEDDING_CYCLE, attribute.element(), cycle.get().get(0), cycle.get().get(1));
            return;
        }
        if (scope.depth() > MAX_EMBEDDING) {
            diagnostics.report(Message.EMBEDDING_CYCLE, attribute.element(), attribute.display(),
                    embeddable.getQualifiedName());
            return;
        }
        AttributeOverrides overrides = AttributeOverrides.declaredOn(attribute.element(), jpa)
                .under(attribute.overrides().inside(attribute.name()));
        var inner = scope.asId(id);
        embedding.enter(attribute);
        try {
            for (PersistentAttribute a : embeddedAttributes(embeddable, attribute.type(), overrides, scope.forcedNullable())) {
                read(a, inner);
            }
        } finally {
            embedding.leave();
        }
    }

    /** The persistent attributes of an embeddable class and its mapped superclasses, accessed as the entity is. */
    List<PersistentAttribute> embeddedAttributes(TypeElement embeddable, TypeMirror seenFrom, AttributeOverrides overrides,
            boolean forcedNullable) {
        var classes = new java.util.ArrayDeque<TypeElement>();
        for (TypeElement t = embeddable; t != null; ) {
            classes.push(t);
            TypeMirror s = t.getSuperclass();
            t = s instanceof DeclaredType d && jpa.has(d.asElement(), "MappedSuperclass") ? (TypeElement) d.asElement() : null;
        }
        boolean property = jpa.find(embeddable, "Access").map(a -> a.constant("value", "FIELD").equals("PROPERTY"))
                .orElse(entity.propertyAccess());
        var all = new ArrayList<PersistentAttribute>();
        for (TypeElement t : classes) {
            all.addAll(EntityClass.declaredAttributes(t, seenFrom, property, jpa, types, overrides, forcedNullable));
        }
        return all;
    }

    private void add(PersistentAttribute attribute, Column column, ColumnAnnotation annotation, boolean id, TableParts into) {
        if (!into.addColumn(column, attribute.display(), attribute.element(), annotation.mirror(), diagnostics)) {
            return;
        }
        if (into == main) {
            RenamedFromAnnotation.on(attribute.element()).ifPresent(r -> context.rename(column.name(), r.oldName()));
        }
        if (id) {
            into.primaryKey.add(column.name());
        }
        if (annotation.unique()) {
            into.addUnique(new UniqueConstraint(into.derived(List.of(column.name()), "key"),
                    List.of(column.name())), attribute.element(), annotation.mirror(), diagnostics);
        }
        constraints.columnChecks(attribute, column, annotation, into);
    }

    /** A basic attribute's column, in the table the scope reads into. Empty after an error. */
    private Optional<Column> basicColumn(PersistentAttribute attribute, boolean id, AttributeScope scope) {
        TableParts into = scope.into();
        Element field = attribute.element();
        ColumnAnnotation column = attribute.column(jpa);
        if (attribute.type() instanceof DeclaredType declared && EntityClass.isEntity(declared.asElement(), jpa)) {
            diagnostics.report(Message.MISSING_RELATION, field, attribute.display(), attribute.type());
            return Optional.empty();
        }
        if (!BasicAnnotations.fit(attribute, id, scope.depth() > 0, jpa, diagnostics)) {
            return Optional.empty();
        }
        Optional<TypedColumn> typed = new ColumnTypes(jpa, types).of(attribute, column).reportTo(diagnostics);
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        TypedColumn t = typed.get();
        Optional<Identity> identity = id && t.basic() != null ? generation.of(attribute, t.basic()) : Optional.of(Identity.NONE);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        boolean optional = jpa.find(field, "Basic").map(b -> b.bool("optional", true)).orElse(true);
        boolean primitive = attribute.type().getKind().isPrimitive() && scope.depth() == 0;
        // Hibernate makes NOT NULL the column it derives for a primitive, but not one an @Column
        // (or @AttributeOverride) declares, nor one inside an embeddable (nor, on 6.6, one with
        // @Basic); @Basic(optional = false) makes any column NOT NULL.
        boolean declared = column.present() || jpa.has(field, "Basic") && jpa.hibernate().basicKeepsPrimitiveNullable();
        boolean implied = primitive && !declared || !optional;
        // A single-table subclass keeps an explicit nullable = false, and checks per discriminator
        // value each of its own (not its embeddables') primitive or @Basic(optional = false)
        // attributes, with an @Column or without.
        boolean requiredInSubclass = scope.depth() == 0 && (primitive || !optional);
        boolean explicit = !column.nullable() || BeanValidation.notNull(field) || jpa.hibernate().requiresColumn(field, jpa);
        // PostgreSQL makes every serial column NOT NULL, whatever the mapping says.
        boolean serial = t.type().serial();
        boolean nullable = !id && !serial && !explicit && (!implied || scope.forcedNullable());
        String name = attribute.columnName(column, jpa.naming());
        // The check is on the entity's table: a column of a secondary table is in none.
        if (!id && !serial && !explicit && requiredInSubclass && scope.forcedNullable() && scope.subclassValue() != null
                && scope.into() == main) {
            context.requireInSubclass(scope.subclassValue(), name, field);
        }
        // Hibernate's @ColumnDefault: the SQL expression, as written, becomes the column default.
        String defaultExpression = jpa.findNamed(field, ReadingContext.HIBERNATE + "ColumnDefault").map(d -> d.string("value"))
                .filter(v -> !v.isBlank()).orElse(null);
        String comment = !column.comment().isEmpty() ? column.comment() : context.hibernateComment(field);
        t.check().ifPresent(expression -> into.addCheck(new CheckConstraint(
                into.derived(List.of(name), "check"),
                expression.replace("{column}", Identifiers.quote(name))),
                field, column.mirror(), diagnostics));
        t.enumType().ifPresent(e -> enumTypes.putIfAbsent(e.name(), e));
        return Optional.of(new Column(name, t.type(), nullable, defaultExpression, identity.get(), comment));
    }

    /**
     * A to-one relation that has no column of its own: {@code @PrimaryKeyJoinColumn} (the two rows
     * share their key; Hibernate makes no constraint for it) or Hibernate's {@code @JoinFormula}
     * (the join is computed). True when the attribute has either, so that nothing more is read of
     * it; reports an error when one is on anything but a to-one relation, or a formula is beside a
     * join column.
     */
    private boolean columnless(PersistentAttribute attribute) {
        Element field = attribute.element();
        Optional<AnnotationValues> shared = jpa.find(field, "PrimaryKeyJoinColumn")
                .or(() -> jpa.find(field, "PrimaryKeyJoinColumns"));
        Optional<AnnotationValues> formula = jpa.findNamed(field, ReadingContext.HIBERNATE + "JoinFormula");
        Optional<AnnotationValues> found = shared.or(() -> formula);
        if (found.isEmpty()) {
            return false;
        }
        Optional<RelationAnnotation> relation = RelationAnnotation.on(field, jpa);
        boolean toOne = relation.isPresent() && List.of("OneToOne", "ManyToOne").contains(relation.get().kind());
        if (!toOne || formula.isPresent() && (jpa.has(field, "JoinColumn") || jpa.has(field, "JoinColumns"))) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, found.get().mirror(), found.get().display(),
                    attribute.display(), toOne ? "use the formula or the join column, not both" : FIELD_HINT);
        }
        return true;
    }

    /** Declares a named enum type a column of a collection table uses. */
    void declareEnumType(EnumType type) {
        enumTypes.putIfAbsent(type.name(), type);
    }

    /** Reads an attribute's value (basic, embedded or a relation) into a collection or join table. */
    void readInto(PersistentAttribute attribute, TableParts table, boolean key) {
        read(attribute, AttributeScope.of(table).asId(key));
    }

    /** Reads an element of a collection as a basic column; empty after an error. */
    Optional<Column> elementColumn(PersistentAttribute attribute, TableParts into) {
        return basicColumn(attribute, false, AttributeScope.of(into));
    }
}
