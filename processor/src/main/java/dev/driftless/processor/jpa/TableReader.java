package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.BasicTypes.Basic;
import dev.driftless.processor.jpa.BasicTypes.Kind;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import dev.driftless.processor.jpa.EntityTable.DeclaredSequence;
import dev.driftless.processor.jpa.EntityTable.ForeignColumn;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.Literals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Reads one entity into its table and the tables its attributes ask for, as Hibernate 7 maps them
 * on PostgreSQL. Every problem is reported on its element; an entity with a problem gives no table,
 * so no half-read table reaches the model. One instance reads one entity.
 */
final class TableReader {

    /** Attribute mappings this version does not read: an error beats a silently wrong schema. */
    private static final List<String> NOT_ON_FIELD = List.of("PrimaryKeyJoinColumn",
            "MapKeyJoinColumn", "MapKeyClass", "MapKeyEnumerated", "MapKeyTemporal", "JoinFormula");
    /** Entity-level mappings this version does not read. */
    private static final List<String> NOT_ON_CLASS = List.of("PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns");
    private static final String FIELD_HINT = "map the attribute another way, or mark it @Transient";
    private static final String CLASS_HINT = "map the entity another way";
    private static final String HIBERNATE = "org.hibernate.annotations.";
    /** Deepest nesting of embeddables followed: deeper is a cycle. */
    private static final int MAX_EMBEDDING = 16;

    /** How one attribute is read: as part of the key, and whether its columns are forced nullable. */
    /**
     * How one attribute is read: into which table, as part of the key, whether its columns must
     * allow null whatever they say (a single-table subclass: {@code subclassValue} is its
     * discriminator value), and how deep in embeddables (where a primitive does not make a column
     * NOT NULL, as in Hibernate).
     */
    private record Context(TableParts into, boolean id, boolean forcedNullable, String subclassValue, int depth) {
        Context deeper() {
            return new Context(into, id, forcedNullable, subclassValue, depth + 1);
        }
    }

    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;
    private final SequenceGenerators generators;
    private final Types types;
    private final EntityClass entity;
    private final List<EntityClass> subclasses;
    private final TypeElement element;
    private final TableParts main;

    private final List<TableParts> extra = new ArrayList<>();
    /** The entity's {@code @SecondaryTable}s by physical name, with their primary-key join column names. */
    private final Map<String, TableParts> secondary = new java.util.LinkedHashMap<>();
    private final Map<String, List<String>> secondaryKeyNames = new HashMap<>();
    private final List<ForeignColumn> foreignColumns = new ArrayList<>();
    private final EmbeddingPath embedding = new EmbeddingPath();
    /** Columns of attributes that failed to read: an index naming one reports nothing more. */
    private final Set<String> unreadColumns = new HashSet<>();
    private boolean declaresId;
    /** The relations that carry the id ({@code @MapsId}), by the id attribute they map ("" for a simple id). */
    private Map<String, PersistentAttribute> derivedIds = Map.of();
    private final List<DeclaredSequence> sequences = new ArrayList<>();
    private final Map<QualifiedName, EnumType> enumTypes = new HashMap<>();
    private final Map<String, String> renames = new HashMap<>();
    /** Discriminator value to the columns (and their elements) its rows must fill, in a single table. */
    private final Map<String, Map<String, Element>> subclassRequired = new java.util.TreeMap<>();

    /** @param subclasses for the root of a single-table hierarchy, its subclass entities, whose columns it holds */
    TableReader(JpaAnnotations jpa, Diagnostics diagnostics, EntityKeys keys, SequenceGenerators generators,
            Types types, EntityClass entity, List<EntityClass> subclasses) {
        this.jpa = jpa;
        this.diagnostics = diagnostics;
        this.keys = keys;
        this.generators = generators;
        this.types = types;
        this.entity = entity;
        this.subclasses = subclasses;
        this.element = entity.element();
        this.main = new TableParts(entity.tableName(), element, entity.table().mirror());
    }

    Optional<EntityTable> read() {
        int errorsBefore = diagnostics.errorCount();
        TableAnnotation table = entity.table();
        if (!isSupported(table)) {
            return Optional.empty();
        }
        declareSecondaryTables();
        EntityClass.Strategy strategy = entity.strategy();
        List<PersistentAttribute> attributes;
        if (!entity.isRoot() && strategy == EntityClass.Strategy.JOINED) {
            joinedKey();
            declaresId = true;
            attributes = entity.ownAttributes(false);
        } else {
            attributes = entity.attributes();
        }
        derivedIds = checkedDerivedIds(attributes);
        for (PersistentAttribute attribute : attributes) {
            readAttribute(attribute, new Context(main, false, false, null, 0));
        }
        if (strategy == EntityClass.Strategy.SINGLE_TABLE && !subclasses.isEmpty()
                || jpa.has(element, "DiscriminatorColumn")) {
            discriminator();
        }
        for (EntityClass sub : subclasses) {
            // A single-table subclass's columns are in the root's table: a column its type makes
            // required (a primitive) allows null, with a check that rows of this class have a value.
            for (PersistentAttribute attribute : sub.ownAttributes(true)) {
                readAttribute(attribute, new Context(main, false, true, discriminatorValue(sub), 0));
            }
            checks(sub.element(), main);
        }
        subclassChecks();
        keySecondaryTables();
        if (!declaresId) {
            diagnostics.report(Message.NO_ID, element, element.getQualifiedName());
        }
        readUniqueConstraints(table);
        readIndexes(table);
        checks(element, main);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        var tables = new ArrayList<Table>();
        var declarations = new ArrayList<Declaration>();
        var columnElements = new HashMap<QualifiedName, Map<String, Element>>();
        String comment = !table.comment().isEmpty() ? table.comment() : hibernateComment(element);
        tables.add(main.build(comment, diagnostics));
        for (TableParts t : extra) {
            tables.add(t.build(null, diagnostics));
        }
        for (TableParts t : concat(List.of(main), extra)) {
            declarations.addAll(t.declarations);
            columnElements.put(t.name, Map.copyOf(t.columnElements));
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new EntityTable(element, tables, declarations, sequences, List.copyOf(enumTypes.values()),
                columnElements, renames, foreignColumns));
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

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new ArrayList<T>(a);
        all.addAll(b);
        return all;
    }

    /** Reports the entity-level mappings this version cannot read; false if there is one. */
    private boolean isSupported(TableAnnotation table) {
        boolean supported = true;
        for (String annotation : NOT_ON_CLASS) {
            Optional<AnnotationValues> found = jpa.find(element, annotation);
            if (found.isPresent()) {
                diagnostics.report(Message.NOT_SUPPORTED_YET, element, found.get().mirror(), found.get().display(),
                        element.getQualifiedName(), CLASS_HINT);
                supported = false;
            }
        }
        if (!table.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, element, table.mirror(), String.join(", ", table.unsupported()),
                    element.getQualifiedName(), "leave it out");
            supported = false;
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

    private void declareSecondaryTables() {
        for (AnnotationValues t : AttributeOverrides.repeated(element, jpa, "SecondaryTable", "SecondaryTables")) {
            String name = jpa.naming().physical(t.string("name"));
            if (name.isEmpty()) {
                continue;
            }
            var parts = new TableParts(new QualifiedName(jpa.naming().physical(t.string("schema")), name), element, t.mirror());
            secondary.put(name, parts);
            secondaryKeyNames.put(name, t.annotations("pkJoinColumns").stream().map(j -> j.string("name")).toList());
        }
    }

    /**
     * A secondary table is keyed by the entity's key (the same column names unless its
     * {@code pkJoinColumns} name them), which references the entity's table.
     */
    private void keySecondaryTables() {
        for (var entry : secondary.entrySet()) {
            TableParts t = entry.getValue();
            List<String> written = secondaryKeyNames.get(entry.getKey());
            var names = new ArrayList<String>();
            var existing = new java.util.LinkedHashMap<>(t.columns);
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
            if (!names.isEmpty()) {
                t.addForeignKey(new ForeignKey(PostgresNames.derived(t.name.name(), names, "fkey"), names, main.name,
                        List.copyOf(main.primaryKey), ReferentialAction.NO_ACTION), element, t.mirror, diagnostics);
            }
            extra.add(0, t);
        }
    }

    /** The discriminator column of a single-table hierarchy (or one a joined root declares): {@code dtype varchar(31)}. */
    private void discriminator() {
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
        if (!kind.equals("INTEGER") && entity.strategy() == EntityClass.Strategy.SINGLE_TABLE
                && jpa.hibernate().checksSingleTableRows()) {
            // Hibernate checks that the discriminator holds one of the hierarchy's values.
            var values = new ArrayList<String>();
            if (!entity.isAbstract()) {
                values.add(discriminatorValue(entity));
            }
            subclasses.stream().filter(c -> !c.isAbstract()).forEach(c -> values.add(discriminatorValue(c)));
            if (!values.isEmpty()) {
                main.addCheck(new CheckConstraint(PostgresNames.derived(main.name.name(), List.of(column.name()), "check"),
                        Identifiers.quote(column.name()) + " in (" + String.join(",", values.stream().map(Literals::standard).toList()) + ")"),
                        element, null, diagnostics);
            }
        }
    }

    /** A column a single-table subclass requires: checked for the rows of that class. */
    private void subclassRequired(String discriminatorValue, String column, Element on) {
        if (!jpa.hibernate().checksSingleTableRows()) {
            return;
        }
        subclassRequired.computeIfAbsent(discriminatorValue, v -> new java.util.TreeMap<>()).put(column, on);
    }

    /**
     * One check per single-table subclass with required columns, as Hibernate writes it:
     * {@code dtype <> 'Cat' or (a is not null and b is not null)}.
     */
    private void subclassChecks() {
        subclassRequired.forEach((value, columns) -> {
            String required = String.join(" and ",
                    columns.keySet().stream().map(c -> Identifiers.quote(c) + " is not null").toList());
            main.addCheck(new CheckConstraint(
                    PostgresNames.derived(main.name.name(), List.of(PostgresNames.fold(value)), "check"),
                    Identifiers.quote(discriminatorColumn()) + " <> " + Literals.standard(value) + " or (" + required + ")"),
                    columns.values().iterator().next(), null, diagnostics);
        });
    }

    /** {@code @DiscriminatorValue}, else the entity name. */
    private String discriminatorValue(EntityClass c) {
        return jpa.find(c.element(), "DiscriminatorValue").map(v -> v.string("value")).filter(s -> !s.isEmpty())
                .orElse(c.entityName());
    }

    private String discriminatorColumn() {
        return jpa.naming().physical(jpa.find(element, "DiscriminatorColumn").map(v -> v.string("name"))
                .filter(s -> !s.isEmpty()).orElse("DTYPE"));
    }

    /** A joined subclass's table: keyed by its parent's key, which it references. */
    private void joinedKey() {
        EntityClass parent = entity.parent().orElseThrow();
        List<KeyColumn> key = keys.primaryKey(parent.element());
        if (key.isEmpty()) {
            return; // the parent reports its missing or unreadable id
        }
        QualifiedName parentTable = keys.tableName(parent.element());
        var names = new ArrayList<String>();
        for (KeyColumn k : key) {
            Column column = new Column(k.name(), k.type(), false, null, Identity.NONE, null);
            if (main.addColumn(column, "the key of " + element.getSimpleName(), element, null, diagnostics)) {
                main.primaryKey.add(k.name());
                names.add(k.name());
            }
        }
        main.addForeignKey(new ForeignKey(PostgresNames.derived(main.name.name(), names, "fkey"), names, parentTable,
                key.stream().map(KeyColumn::name).toList(), onDelete(element)), element, null, diagnostics);
    }

    private void readAttribute(PersistentAttribute attribute, Context context) {
        Element field = attribute.element();
        boolean id = context.id() || jpa.has(field, "Id");
        if (context.into() == main) {
            declaresId |= id || jpa.has(field, "EmbeddedId");
        }
        if (context.into() == main && !derivedIds.isEmpty()) {
            // An id attribute that a @MapsId relation maps has no column of its own: the join column is it.
            boolean simpleId = !context.id() && jpa.has(field, "Id") && derivedIds.containsKey("");
            boolean partOfId = context.id() && context.depth() == 1 && derivedIds.containsKey(attribute.name());
            if (simpleId || partOfId) {
                return;
            }
            if (jpa.has(field, "MapsId")) {
                id = true;
                declaresId = true;
            }
        }
        Optional<AnnotationValues> blocked = jpa.findAny(field, NOT_ON_FIELD);
        if (blocked.isPresent()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, blocked.get().mirror(), blocked.get().display(),
                    attribute.display(), FIELD_HINT);
            return;
        }
        if (!Cardinality.fits(attribute, jpa, types, diagnostics) || !RelationMappings.fit(attribute, jpa, types, diagnostics)) {
            return;
        }
        if (jpa.has(field, "ElementCollection")) {
            new CollectionTables(this).elementCollection(attribute);
            return;
        }
        Optional<RelationAnnotation> relation = RelationAnnotation.on(field, jpa);
        if (relation.isPresent()) {
            RelationAnnotation r = relation.get();
            switch (r.kind()) {
                case "OneToMany" -> {
                    if (r.mappedBy().isEmpty()) {
                        new CollectionTables(this).oneToMany(attribute, r);
                    }
                }
                case "ManyToMany" -> {
                    if (r.mappedBy().isEmpty()) {
                        new CollectionTables(this).manyToMany(attribute, r);
                    }
                }
                default -> {
                    if (r.ownsJoinColumn()) {
                        joinColumns(attribute, r, id, context);
                    }
                }
            }
            return;
        }
        Optional<TypeElement> embeddable = embeddable(attribute);
        if (embeddable.isPresent()) {
            embedded(attribute, embeddable.get(), context.deeper(), id || jpa.has(field, "EmbeddedId"));
            return;
        }
        if (jpa.has(field, "Embedded") || jpa.has(field, "EmbeddedId")) {
            diagnostics.report(Message.EMBEDDED_NOT_EMBEDDABLE, field, attribute.display(), attribute.type());
            return;
        }
        ColumnAnnotation annotation = attribute.column(jpa);
        if (!annotation.table().isEmpty() && context.into() == main) {
            TableParts other = secondary.get(jpa.naming().physical(annotation.table()));
            if (other == null) {
                diagnostics.report(Message.NO_SUCH_SECONDARY_TABLE, field, annotation.mirror(), annotation.table(),
                        attribute.display(), element.getQualifiedName());
                return;
            }
            context = new Context(other, false, context.forcedNullable(), context.subclassValue(), context.depth());
        }
        Optional<Column> column = basicColumn(attribute, id, context);
        if (column.isEmpty()) {
            unreadColumns.add(attribute.columnName(annotation, jpa.naming()));
            return;
        }
        add(attribute, column.get(), annotation, id, context.into());
    }

    /** The {@code @Embeddable} class of an attribute's type, if it has one. */
    Optional<TypeElement> embeddable(PersistentAttribute attribute) {
        return attribute.type() instanceof DeclaredType d && jpa.has(d.asElement(), "Embeddable")
                ? Optional.of((TypeElement) d.asElement()) : Optional.empty();
    }

    /** The attributes of an embedded value, with the overrides of the levels around it. */
    private void embedded(PersistentAttribute attribute, TypeElement embeddable, Context context, boolean id) {
        Optional<List<String>> cycle = embedding.cycle(attribute, types);
        if (cycle.isPresent()) {
            diagnostics.report(Message.EMBEDDING_CYCLE, attribute.element(), cycle.get().get(0), cycle.get().get(1));
            return;
        }
        if (context.depth() > MAX_EMBEDDING) {
            diagnostics.report(Message.EMBEDDING_CYCLE, attribute.element(), attribute.display(),
                    embeddable.getQualifiedName());
            return;
        }
        AttributeOverrides overrides = AttributeOverrides.declaredOn(attribute.element(), jpa)
                .under(attribute.overrides().inside(attribute.name()));
        var inner = new Context(context.into(), id, context.forcedNullable(), context.subclassValue(), context.depth());
        embedding.enter(attribute);
        try {
            for (PersistentAttribute a : embeddedAttributes(embeddable, attribute.type(), overrides, context.forcedNullable())) {
                readAttribute(a, inner);
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
            RenamedFromAnnotation.on(attribute.element()).ifPresent(r -> renames.put(column.name(), r.oldName()));
        }
        if (id) {
            into.primaryKey.add(column.name());
        }
        if (annotation.unique()) {
            into.addUnique(new UniqueConstraint(PostgresNames.derived(into.name.name(), List.of(column.name()), "key"),
                    List.of(column.name())), attribute.element(), annotation.mirror(), diagnostics);
        }
        columnChecks(attribute, column, into);
    }

    /** Hibernate's {@code @Check} on an attribute: a check constraint naming its column. */
    private void columnChecks(PersistentAttribute attribute, Column column, TableParts into) {
        for (AnnotationValues check : hibernateChecks(attribute.element())) {
            String name = check.string("name").isEmpty()
                    ? PostgresNames.derived(into.name.name(), List.of(column.name()), "check")
                    : PostgresNames.fold(check.string("name"));
            into.addCheck(new CheckConstraint(name, check.string("constraints")), attribute.element(), check.mirror(),
                    diagnostics);
        }
    }

    /** Hibernate's {@code @Check}s on a class: table check constraints. */
    private void checks(Element on, TableParts into) {
        for (AnnotationValues check : hibernateChecks(on)) {
            String name = check.string("name").isEmpty()
                    ? PostgresNames.derived(into.name.name(), List.of(), "check")
                    : PostgresNames.fold(check.string("name"));
            into.addCheck(new CheckConstraint(name, check.string("constraints")), on, check.mirror(), diagnostics);
        }
    }

    private List<AnnotationValues> hibernateChecks(Element on) {
        var all = new ArrayList<AnnotationValues>();
        jpa.findNamed(on, HIBERNATE + "Check").ifPresent(all::add);
        jpa.findNamed(on, HIBERNATE + "Checks").ifPresent(c -> all.addAll(c.annotations("value")));
        return all;
    }

    private String hibernateComment(Element on) {
        return jpa.findNamed(on, HIBERNATE + "Comment").map(c -> c.string("value")).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A basic attribute's column, in a table being read. Empty after an error. */
    Optional<Column> basicColumn(PersistentAttribute attribute, boolean id, Context context) {
        return basicColumn(attribute, id, context, context.into());
    }

    private Optional<Column> basicColumn(PersistentAttribute attribute, boolean id, Context context, TableParts into) {
        Element field = attribute.element();
        ColumnAnnotation column = attribute.column(jpa);
        if (!column.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, column.mirror(), String.join(", ", column.unsupported()),
                    attribute.display(), "leave it out");
            return Optional.empty();
        }
        if (attribute.type() instanceof DeclaredType declared && EntityClass.isEntity(declared.asElement(), jpa)) {
            diagnostics.report(Message.MISSING_RELATION, field, attribute.display(), attribute.type());
            return Optional.empty();
        }
        if (!BasicAnnotations.fit(attribute, id, context.depth() > 0, jpa, diagnostics)) {
            return Optional.empty();
        }
        Optional<TypedColumn> typed = new ColumnTypes(jpa, diagnostics, types).of(attribute, column);
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        TypedColumn t = typed.get();
        Optional<Identity> identity = id && t.basic() != null ? generation(attribute, t.basic()) : Optional.of(Identity.NONE);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        boolean optional = jpa.find(field, "Basic").map(b -> b.bool("optional", true)).orElse(true);
        // Hibernate: a primitive is NOT NULL, but not inside an embeddable; a single-table subclass
        // keeps an explicit nullable = false, and checks an implied one per discriminator value.
        boolean implied = attribute.type().getKind().isPrimitive() && context.depth() == 0 || !optional;
        boolean explicit = !column.nullable() || BeanValidation.notNull(field) || jpa.hibernate().requiresColumn(field, jpa);
        boolean nullable = !id && !explicit && (!implied || context.forcedNullable());
        String name = attribute.columnName(column, jpa.naming());
        if (!id && !explicit && implied && context.forcedNullable() && context.subclassValue() != null) {
            subclassRequired(context.subclassValue(), name, field);
        }
        // Hibernate's @ColumnDefault: the SQL expression, as written, becomes the column default.
        String defaultExpression = jpa.findNamed(field, HIBERNATE + "ColumnDefault").map(d -> d.string("value"))
                .filter(v -> !v.isBlank()).orElse(null);
        String comment = !column.comment().isEmpty() ? column.comment() : hibernateComment(field);
        t.check().ifPresent(expression -> into.addCheck(new CheckConstraint(
                PostgresNames.derived(into.name.name(), List.of(name), "check"),
                expression.replace("{column}", Identifiers.quote(name))),
                field, column.mirror(), diagnostics));
        t.enumType().ifPresent(e -> enumTypes.putIfAbsent(e.name(), e));
        return Optional.of(new Column(name, t.type(), nullable, defaultExpression, identity.get(), comment));
    }

    /**
     * What {@code @GeneratedValue} on an id asks of the database: an identity column, a sequence
     * (recorded), or nothing (UUIDs are made by Hibernate). Empty after an error.
     */
    private Optional<Identity> generation(PersistentAttribute attribute, Basic basic) {
        Optional<GeneratedValueAnnotation> generated = GeneratedValueAnnotation.on(attribute.element(), jpa);
        if (generated.isEmpty()) {
            return Optional.of(Identity.NONE);
        }
        GeneratedValueAnnotation g = generated.get();
        boolean sequenceNumber = BasicTypes.isSequenceNumber(basic);
        boolean possible = switch (g.strategy()) {
            case "IDENTITY" -> basic.kind() == Kind.INTEGER;
            case "SEQUENCE" -> sequenceNumber;
            case "AUTO" -> sequenceNumber || basic.kind() == Kind.UUID;
            case "UUID" -> basic.kind() == Kind.UUID || basic.kind() == Kind.STRING;
            default -> true;
        };
        if (!possible) {
            if (g.strategy().equals("IDENTITY")) {
                diagnostics.report(Message.IDENTITY_NOT_INTEGER, attribute.element(), g.mirror(), attribute.display(),
                        attribute.type());
            } else {
                diagnostics.report(Message.GENERATION_NOT_POSSIBLE, attribute.element(), g.mirror(), g.strategy(),
                        attribute.type(), attribute.display());
            }
            return Optional.empty();
        }
        if (g.strategy().equals("IDENTITY") && entity.strategy() == EntityClass.Strategy.TABLE_PER_CLASS) {
            diagnostics.report(Message.IDENTITY_IN_TABLE_PER_CLASS, attribute.element(), g.mirror(), attribute.display());
            return Optional.empty();
        }
        switch (g.strategy()) {
            case "IDENTITY":
                return Optional.of(Identity.BY_DEFAULT);
            case "TABLE":
                diagnostics.report(Message.NOT_SUPPORTED_YET, attribute.element(), g.mirror(),
                        "@GeneratedValue(strategy = TABLE)", attribute.display(), "use SEQUENCE or IDENTITY");
                return Optional.empty();
            case "SEQUENCE":
            case "AUTO":
                if (sequenceNumber) {
                    return sequence(attribute, g) ? Optional.of(Identity.NONE) : Optional.empty();
                }
                return Optional.of(Identity.NONE);
            default:
                return Optional.of(Identity.NONE);
        }
    }

    /**
     * Records the sequence behind a SEQUENCE or AUTO id: the named {@code @SequenceGenerator}, else
     * a sequence named like the generator, else Hibernate's default {@code <table>_seq} (the root's
     * table in a hierarchy), starting at 1 with an increment of 50. Hibernate puts it in the default
     * schema, not the table's, unless the generator names a schema. False after an error.
     */
    private boolean sequence(PersistentAttribute attribute, GeneratedValueAnnotation generated) {
        Optional<SequenceGeneratorAnnotation> declared = generators.find(generated.generator(), attribute, entity);
        String defaultName = jpa.naming().physical(entity.root().tableName().name() + "_SEQ");
        if (declared.isEmpty()) {
            String name = generated.generator().isEmpty() ? defaultName : jpa.naming().physical(generated.generator());
            sequences.add(new DeclaredSequence(new Sequence(QualifiedName.of(name), 1, 50),
                    attribute.element(), generated.mirror()));
            return true;
        }
        SequenceGeneratorAnnotation g = declared.get();
        String written = !g.sequenceName().isEmpty() ? g.sequenceName() : g.name();
        String name = written.isEmpty() ? defaultName : jpa.naming().physical(written);
        String schema = g.schema().isEmpty() ? "" : jpa.naming().physical(g.schema());
        if (g.allocationSize() == 0) {
            diagnostics.report(Message.BAD_ALLOCATION_SIZE, g.holder(), g.mirror(), name);
            return false;
        }
        sequences.add(new DeclaredSequence(
                new Sequence(new QualifiedName(schema, name), g.initialValue(), g.allocationSize()),
                g.holder(), g.mirror()));
        return true;
    }

    /**
     * The join columns of a {@code @ManyToOne} or owning {@code @OneToOne}: typed as the columns they
     * reference (the target's key, or {@code referencedColumnName}), with a foreign key to them,
     * unique for a one-to-one. A composite key gives one column per key column,
     * {@code <attribute>_<key column>}.
     */
    private void joinColumns(PersistentAttribute attribute, RelationAnnotation relation, boolean id, Context context) {
        Element field = attribute.element();
        TableParts into = context.into();
        Optional<TypeElement> target = keys.target(attribute, relation);
        if (target.isEmpty()) {
            diagnostics.report(Message.NOT_AN_ENTITY, field, relation.mirror(), relation.display(), attribute.display(),
                    relation.targetEntity().orElse(attribute.type()));
            unreadColumns.add(jpa.naming().physical(attribute.joinColumn(jpa).name()));
            return;
        }
        List<JoinColumnAnnotation> joins = jpa.find(field, "JoinColumns")
                .map(v -> v.annotations("value").stream().map(JoinColumnAnnotation::of).toList()).orElse(List.of());
        if (!joins.isEmpty()) {
            compositeJoinColumns(attribute, relation, joins, target.get(), id, context);
            return;
        }
        JoinColumnAnnotation join = attribute.joinColumn(jpa);
        if (!join.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), String.join(", ", join.unsupported()),
                    attribute.display(), "leave it out");
            return;
        }
        AnnotationMirror mirror = join.mirror() != null ? join.mirror() : relation.mirror();
        Optional<List<KeyColumn>> referenced = referenced(attribute, relation, join, target.get(), mirror);
        if (referenced.isEmpty()) {
            unreadColumns.add(jpa.naming().physical(join.name()));
            return;
        }
        List<KeyColumn> targetColumns = referenced.get();
        boolean explicit = !join.nullable() || BeanValidation.notNull(field);
        // Hibernate 6.6 keeps a required association NOT NULL in a single-table subclass too.
        boolean nullable = !id && !explicit && (relation.optional()
                || context.forcedNullable() && jpa.hibernate().checksSingleTableRows());
        var names = new ArrayList<String>();
        for (KeyColumn k : targetColumns) {
            String name = targetColumns.size() == 1 ? attribute.joinColumnName(join, k.name(), jpa.naming())
                    : jpa.naming().physical(attribute.name() + "_" + k.name());
            var column = new Column(name, k.type(), nullable, null, Identity.NONE, comment(join.comment()));
            if (!into.addColumn(column, attribute.display(), field, mirror, diagnostics)) {
                return;
            }
            if (into == main && targetColumns.size() == 1) {
                // @RenamedFrom on a relation names the join column's previous name.
                RenamedFromAnnotation.on(field).ifPresent(r -> renames.put(name, r.oldName()));
            }
            if (id) {
                into.primaryKey.add(name);
            }
            if (!id && !explicit && !relation.optional() && context.subclassValue() != null) {
                subclassRequired(context.subclassValue(), name, field);
            }
            names.add(name);
        }
        // A primary key is unique already: a one-to-one that is the id gets no unique constraint of its own.
        if ((relation.isOneToOne() || join.unique()) && !id) {
            into.addUnique(new UniqueConstraint(PostgresNames.derived(into.name.name(), names, "key"), names),
                    field, mirror, diagnostics);
        }
        if (!join.noConstraint() && keys.isReferenceable(target.get())) {
            String fkName = join.foreignKeyName().isEmpty()
                    ? PostgresNames.derived(into.name.name(), names, "fkey")
                    : PostgresNames.fold(join.foreignKeyName());
            into.addForeignKey(new ForeignKey(fkName, names, keys.tableName(target.get()),
                    targetColumns.stream().map(KeyColumn::name).toList(), onDelete(field)), field, mirror, diagnostics);
        }
    }

    /**
     * {@code @JoinColumns}: one column per column of the target's key (or per
     * {@code referencedColumnName}), named as written, with one foreign key over them all.
     */
    private void compositeJoinColumns(PersistentAttribute attribute, RelationAnnotation relation,
            List<JoinColumnAnnotation> joins, TypeElement target, boolean id, Context context) {
        Element field = attribute.element();
        TableParts into = context.into();
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            diagnostics.report(Message.TARGET_WITHOUT_KEY, field, relation.mirror(), attribute.display(),
                    target.getQualifiedName());
            return;
        }
        var names = new ArrayList<String>();
        var referenced = new ArrayList<String>();
        boolean nullable = !id && relation.optional() && joins.stream().allMatch(JoinColumnAnnotation::nullable);
        for (int i = 0; i < joins.size(); i++) {
            JoinColumnAnnotation join = joins.get(i);
            KeyColumn k;
            if (!join.referencedColumnName().isEmpty()) {
                String name = jpa.naming().physical(join.referencedColumnName());
                Optional<KeyColumn> found = key.stream().filter(c -> c.name().equals(name)).findFirst();
                if (found.isEmpty()) {
                    diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, join.mirror(),
                            join.referencedColumnName(), attribute.display(), keys.tableName(target));
                    return;
                }
                k = found.get();
            } else if (i < key.size()) {
                k = key.get(i);
            } else {
                break;
            }
            String name = join.name().isEmpty() ? jpa.naming().physical(attribute.name() + "_" + k.name())
                    : jpa.naming().physical(join.name());
            if (!into.addColumn(new Column(name, k.type(), nullable, null, Identity.NONE, comment(join.comment())),
                    attribute.display(), field, join.mirror(), diagnostics)) {
                return;
            }
            if (id) {
                into.primaryKey.add(name);
            }
            names.add(name);
            referenced.add(k.name());
        }
        if (referenced.size() != key.size() || !new HashSet<>(referenced).containsAll(key.stream().map(KeyColumn::name).toList())) {
            diagnostics.report(Message.JOIN_COLUMNS_INCOMPLETE, field, relation.mirror(), attribute.display(),
                    keys.tableName(target), String.join(", ", key.stream().map(KeyColumn::name).toList()));
            return;
        }
        if (relation.isOneToOne()) {
            into.addUnique(new UniqueConstraint(PostgresNames.derived(into.name.name(), names, "key"), names),
                    field, relation.mirror(), diagnostics);
        }
        if (joins.stream().noneMatch(JoinColumnAnnotation::noConstraint) && keys.isReferenceable(target)) {
            String fkName = joins.stream().map(JoinColumnAnnotation::foreignKeyName).filter(n -> !n.isEmpty()).findFirst()
                    .map(PostgresNames::fold).orElse(PostgresNames.derived(into.name.name(), names, "fkey"));
            into.addForeignKey(new ForeignKey(fkName, names, keys.tableName(target), referenced, onDelete(field)),
                    field, relation.mirror(), diagnostics);
        }
    }

    /** The columns a join column references; empty after an error. */
    Optional<List<KeyColumn>> referenced(PersistentAttribute attribute, RelationAnnotation relation,
            JoinColumnAnnotation join, TypeElement target, AnnotationMirror mirror) {
        Element field = attribute.element();
        QualifiedName targetTable = keys.tableName(target);
        if (!join.referencedColumnName().isEmpty()) {
            String name = jpa.naming().physical(join.referencedColumnName());
            Optional<KeyColumn> found = keys.column(target, name);
            if (found.isEmpty()) {
                diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, mirror, join.referencedColumnName(),
                        attribute.display(), targetTable);
                return Optional.empty();
            }
            if (!keys.isUnique(target, name)) {
                diagnostics.report(Message.REFERENCED_NOT_UNIQUE, field, mirror, join.referencedColumnName(),
                        attribute.display(), name, targetTable);
                return Optional.empty();
            }
            return Optional.of(List.of(found.get()));
        }
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            diagnostics.report(Message.TARGET_WITHOUT_KEY, field, relation.mirror(), attribute.display(),
                    target.getQualifiedName());
            return Optional.empty();
        }
        if (key.size() > 1 && !join.name().isEmpty()) {
            diagnostics.report(Message.COMPOSITE_REFERENCE, field, mirror, attribute.display(),
                    target.getQualifiedName(), key.size());
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Hibernate's {@code @OnDelete(action)} on the element: the foreign key's ON DELETE. */
    ReferentialAction onDelete(Element on) {
        return jpa.findNamed(on, HIBERNATE + "OnDelete").map(d -> switch (d.constant("action", "NO_ACTION")) {
            case "CASCADE" -> ReferentialAction.CASCADE;
            case "SET_NULL" -> ReferentialAction.SET_NULL;
            case "SET_DEFAULT" -> ReferentialAction.SET_DEFAULT;
            case "RESTRICT" -> ReferentialAction.RESTRICT;
            default -> ReferentialAction.NO_ACTION;
        }).orElse(ReferentialAction.NO_ACTION);
    }

    private void readUniqueConstraints(TableAnnotation table) {
        for (UniqueConstraintAnnotation u : table.uniqueConstraints()) {
            if (u.columnNames().isEmpty() || u.columnNames().contains("")) {
                diagnostics.report(Message.BAD_COLUMN_LIST, element, u.mirror(), "@UniqueConstraint",
                        "columnNames is empty or has an empty name");
                continue;
            }
            if (hasColumns(u.mirror(), "@UniqueConstraint", u.columnNames())) {
                String name = u.name().isEmpty()
                        ? PostgresNames.derived(main.name.name(), u.columnNames(), "key")
                        : PostgresNames.fold(u.name());
                main.addUnique(new UniqueConstraint(name, u.columnNames()), element, u.mirror(), diagnostics);
            }
        }
    }

    private void readIndexes(TableAnnotation table) {
        for (IndexAnnotation i : table.indexes()) {
            Optional<String> problem = i.columnListProblem();
            if (problem.isPresent()) {
                diagnostics.report(Message.BAD_COLUMN_LIST, element, i.mirror(),
                        "@Index(columnList = \"" + i.columnList() + "\")", problem.get());
                continue;
            }
            List<String> names = i.columns().stream().map(IndexColumn::name).toList();
            if (hasColumns(i.mirror(), "@Index", names)) {
                String name = i.name().isEmpty()
                        ? PostgresNames.derived(main.name.name(), names, "idx")
                        : PostgresNames.fold(i.name());
                if (main.claim(Declaration.Kind.INDEX, name, element, i.mirror(), diagnostics)) {
                    main.indexes.add(new Index(name, i.columns(), i.unique()));
                }
            }
        }
    }

    /** Reports the names the table does not have; true if it has them all. */
    private boolean hasColumns(AnnotationMirror mirror, String what, List<String> names) {
        boolean all = true;
        for (String name : names) {
            if (!main.columns.containsKey(name)) {
                all = false;
                if (!unreadColumns.contains(name)) {
                    diagnostics.report(Message.MISSING_COLUMN, element, mirror, what, name, main.name,
                            String.join(", ", main.columns.keySet()));
                }
            }
        }
        return all;
    }

    static String comment(String comment) {
        return comment.isEmpty() ? null : comment;
    }

    // For CollectionTables, which reads the tables an entity's collections ask for.

    JpaAnnotations jpa() {
        return jpa;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    EntityKeys keys() {
        return keys;
    }

    EntityClass entity() {
        return entity;
    }

    Types types() {
        return types;
    }

    TableParts mainTable() {
        return main;
    }

    void addTable(TableParts table) {
        extra.add(table);
    }

    void addForeignColumn(ForeignColumn column) {
        foreignColumns.add(column);
    }

    /** Reads an attribute's value (basic, embedded or a relation) into a collection or join table. */
    void readInto(PersistentAttribute attribute, TableParts table, boolean key) {
        readAttribute(attribute, new Context(table, key, false, null, 0));
    }

    /** Reads an element of a collection as a basic column; empty after an error. */
    Optional<Column> elementColumn(PersistentAttribute attribute, TableParts into) {
        return basicColumn(attribute, false, new Context(into, false, false, null, 0), into);
    }
}
