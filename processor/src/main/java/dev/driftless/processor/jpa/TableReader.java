package dev.driftless.processor.jpa;

import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.Diagnostics;
import dev.driftless.processor.Message;
import dev.driftless.processor.jpa.BasicTypes.Basic;
import dev.driftless.processor.jpa.BasicTypes.Kind;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import dev.driftless.processor.jpa.EntityTable.DeclaredSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Reads one entity into its table, as Hibernate 6 maps it on PostgreSQL. Every problem is reported
 * on its element; a table with a problem is not returned, so no half-read table reaches the model.
 * One instance reads one entity.
 */
final class TableReader {

    /** Attribute mappings this version does not read yet: an error beats a silently wrong schema. */
    private static final List<String> NOT_YET_ON_FIELD = List.of("ManyToMany", "ElementCollection", "Embedded",
            "EmbeddedId", "Lob", "Convert", "Temporal", "MapsId", "JoinColumns", "JoinTable",
            "PrimaryKeyJoinColumn", "OrderColumn", "CollectionTable");
    /** Entity-level mappings this version does not read yet. */
    private static final List<String> NOT_YET_ON_CLASS = List.of("Inheritance", "DiscriminatorColumn",
            "SecondaryTable", "SecondaryTables", "AttributeOverride", "AttributeOverrides",
            "AssociationOverride", "AssociationOverrides");
    private static final String FIELD_HINT = "mark the field @Transient or map it another way for now";
    private static final String CLASS_HINT =
            "map the entity another way for now (this version reads field-mapped entities without entity inheritance)";

    /** A column read from an attribute, with what comes with it. */
    private record Mapped(Column column, AnnotationMirror mirror, boolean unique, ForeignKey foreignKey) {}

    /** A constraint or index with the element it is declared on. */
    private record Placed<T>(T value, Element element, AnnotationMirror mirror) {}

    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;
    private final SequenceGenerators generators;
    private final EntityClass entity;
    private final TypeElement element;
    private final QualifiedName tableName;

    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, PersistentAttribute> columnOwners = new HashMap<>();
    /** Columns of attributes that failed to read: an index naming one reports nothing more. */
    private final Set<String> unreadColumns = new HashSet<>();
    private final List<String> primaryKey = new ArrayList<>();
    private boolean declaresId;
    private final List<Placed<UniqueConstraint>> columnUniques = new ArrayList<>();
    private final List<Placed<ForeignKey>> columnForeignKeys = new ArrayList<>();
    private final List<UniqueConstraint> uniques = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    /** The names of the table's constraints and indexes, which must differ. */
    private final Map<String, Declaration> tableNames = new HashMap<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<DeclaredSequence> sequences = new ArrayList<>();
    private final Map<String, Element> columnElements = new HashMap<>();
    private final Map<String, String> renames = new HashMap<>();

    TableReader(JpaAnnotations jpa, Diagnostics diagnostics, EntityKeys keys, SequenceGenerators generators,
            EntityClass entity) {
        this.jpa = jpa;
        this.diagnostics = diagnostics;
        this.keys = keys;
        this.generators = generators;
        this.entity = entity;
        this.element = entity.element();
        this.tableName = entity.tableName();
    }

    Optional<EntityTable> read() {
        int errorsBefore = diagnostics.errorCount();
        TableAnnotation table = entity.table();
        declarations.add(new Declaration(Declaration.Kind.TABLE, tableName, element, table.mirror()));
        if (tableName.hasSchema()) {
            declarations.add(new Declaration(Declaration.Kind.SCHEMA,
                    new QualifiedName("", tableName.schema()), element, table.mirror()));
        }
        if (!isSupported(table)) {
            return Optional.empty();
        }
        for (PersistentAttribute attribute : entity.attributes()) {
            readAttribute(attribute);
        }
        if (!declaresId) {
            diagnostics.report(Message.NO_ID, element, element.getQualifiedName());
        }
        PrimaryKey key = null;
        if (!primaryKey.isEmpty()) {
            String name = PostgresNames.derived(tableName.name(), List.of(), "pkey");
            claim(Declaration.Kind.PRIMARY_KEY, name, element, null);
            key = new PrimaryKey(name, primaryKey);
        }
        for (Placed<UniqueConstraint> u : columnUniques) {
            if (!u.value().columns().equals(primaryKey)) {
                addUnique(u.value(), u.element(), u.mirror());
            }
        }
        for (Placed<ForeignKey> f : columnForeignKeys) {
            if (claim(Declaration.Kind.FOREIGN_KEY, f.value().name(), f.element(), f.mirror())) {
                foreignKeys.add(f.value());
            }
        }
        readUniqueConstraints(table);
        readIndexes(table);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new EntityTable(element,
                new Table(tableName, List.copyOf(columns.values()), key, uniques, indexes, foreignKeys,
                        comment(table.comment())),
                declarations, sequences, columnElements, renames));
    }

    /** Reports the entity-level mappings this version cannot read; false if there is one. */
    private boolean isSupported(TableAnnotation table) {
        boolean supported = true;
        Optional<TypeElement> parent = entity.entitySuperclass();
        if (parent.isPresent()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, element,
                    "Entity inheritance (extending the @Entity " + parent.get().getQualifiedName() + ")",
                    element.getQualifiedName(), CLASS_HINT);
            supported = false;
        }
        for (String annotation : NOT_YET_ON_CLASS) {
            Optional<AnnotationValues> found = jpa.find(element, annotation);
            if (found.isPresent()) {
                diagnostics.report(Message.NOT_SUPPORTED_YET, element, found.get().mirror(), found.get().display(),
                        element.getQualifiedName(), CLASS_HINT);
                supported = false;
            }
        }
        if (!table.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, element, table.mirror(), String.join(", ", table.unsupported()),
                    element.getQualifiedName(), "leave it out for now");
            supported = false;
        }
        Optional<Element> property = entity.propertyAccess();
        if (property.isPresent()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, property.get(),
                    "Property access (mapping annotations on getters)", element.getQualifiedName(),
                    "annotate the fields instead, for now");
            supported = false;
        }
        return supported;
    }

    private void readAttribute(PersistentAttribute attribute) {
        Element field = attribute.element();
        boolean id = jpa.has(field, "Id");
        declaresId |= id || jpa.has(field, "EmbeddedId");
        Optional<AnnotationValues> blocked = jpa.findAny(field, NOT_YET_ON_FIELD);
        if (blocked.isPresent()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, blocked.get().mirror(), blocked.get().display(),
                    attribute.display(), FIELD_HINT);
            return;
        }
        Optional<RelationAnnotation> relation = RelationAnnotation.on(field, jpa);
        Optional<Mapped> mapped;
        if (relation.isPresent()) {
            RelationAnnotation r = relation.get();
            if (r.kind().equals("OneToMany")) {
                if (r.mappedBy().isEmpty()) {
                    diagnostics.report(Message.NOT_SUPPORTED_YET, field, r.mirror(), "@OneToMany without mappedBy",
                            attribute.display(), "map the other side with @ManyToOne and use mappedBy, for now");
                }
                return;
            }
            if (!r.ownsJoinColumn()) {
                return;
            }
            mapped = joinColumn(attribute, r, id);
        } else {
            mapped = basicColumn(attribute, id);
        }
        if (mapped.isEmpty()) {
            unreadColumns.add(relation.isPresent()
                    ? jpa.naming().physical(JoinColumnAnnotation.on(field, jpa).name())
                    : attribute.columnName(ColumnAnnotation.on(field, jpa), jpa.naming()));
            return;
        }
        add(attribute, mapped.get(), id);
    }

    private void add(PersistentAttribute attribute, Mapped mapped, boolean id) {
        String name = mapped.column().name();
        PersistentAttribute previous = columnOwners.putIfAbsent(name, attribute);
        if (previous != null) {
            diagnostics.report(Message.DUPLICATE_COLUMN, attribute.element(), mapped.mirror(), name, tableName,
                    previous.display());
            return;
        }
        columns.put(name, mapped.column());
        columnElements.put(name, attribute.element());
        RenamedFromAnnotation.on(attribute.element()).ifPresent(r -> renames.put(name, r.oldName()));
        declarations.add(new Declaration(Declaration.Kind.COLUMN, new QualifiedName(tableName.schema(), name),
                attribute.element(), mapped.mirror()));
        if (id) {
            primaryKey.add(name);
        }
        if (mapped.unique()) {
            columnUniques.add(new Placed<>(new UniqueConstraint(
                    PostgresNames.derived(tableName.name(), List.of(name), "key"), List.of(name)),
                    attribute.element(), mapped.mirror()));
        }
        if (mapped.foreignKey() != null) {
            columnForeignKeys.add(new Placed<>(mapped.foreignKey(), attribute.element(), mapped.mirror()));
        }
    }

    private static final String COLUMN_DEFAULT = "org.hibernate.annotations.ColumnDefault";

    private Optional<Mapped> basicColumn(PersistentAttribute attribute, boolean id) {
        Element field = attribute.element();
        ColumnAnnotation column = ColumnAnnotation.on(field, jpa);
        if (!column.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, column.mirror(), String.join(", ", column.unsupported()),
                    attribute.display(), "leave it out, or mark the field @Transient, for now");
            return Optional.empty();
        }
        if (attribute.type() instanceof DeclaredType declared) {
            if (jpa.has(declared.asElement(), "Embeddable")) {
                diagnostics.report(Message.NOT_SUPPORTED_YET, field,
                        "The @Embeddable type " + declared.asElement().getSimpleName(), attribute.display(), FIELD_HINT);
                return Optional.empty();
            }
            if (EntityClass.isEntity(declared.asElement(), jpa)) {
                diagnostics.report(Message.MISSING_RELATION, field, attribute.display(), attribute.type());
                return Optional.empty();
            }
        }
        Optional<Basic> basic = BasicTypes.of(attribute.type());
        if (basic.isEmpty()) {
            diagnostics.report(Message.UNMAPPABLE_TYPE, field, attribute.display(), attribute.type());
            return Optional.empty();
        }
        boolean enumAsString = BasicTypes.isEnumAsString(attribute, jpa);
        if (!hasValidSize(attribute, column, basic.get(), enumAsString)) {
            return Optional.empty();
        }
        Optional<Identity> identity = id ? generation(attribute, basic.get()) : Optional.of(Identity.NONE);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        boolean optional = jpa.find(field, "Basic").map(b -> b.bool("optional", true)).orElse(true);
        boolean nullable = !id && !attribute.type().getKind().isPrimitive() && column.nullable() && optional;
        // Hibernate's @ColumnDefault: the SQL expression, as written, becomes the column default.
        String defaultExpression = jpa.findNamed(field, COLUMN_DEFAULT).map(d -> d.string("value"))
                .filter(v -> !v.isBlank()).orElse(null);
        return Optional.of(new Mapped(
                new Column(attribute.columnName(column, jpa.naming()), BasicTypes.columnType(basic.get(), column, enumAsString),
                        nullable, defaultExpression, identity.get(), comment(column.comment())),
                column.mirror(), column.unique(), null));
    }

    /** Checks length, precision and scale where the type uses them; false after an error. */
    private boolean hasValidSize(PersistentAttribute attribute, ColumnAnnotation column, Basic basic,
            boolean enumAsString) {
        Element field = attribute.element();
        if (BasicTypes.usesLength(basic, enumAsString) && column.length() <= 0) {
            diagnostics.report(Message.BAD_LENGTH, field, column.mirror(), column.length(), attribute.display());
            return false;
        }
        if (!BasicTypes.usesPrecision(basic)) {
            return true;
        }
        int precision = column.precision();
        int scale = column.scale();
        if (precision < 0 || precision > BasicTypes.MAX_NUMERIC_PRECISION || scale < 0) {
            diagnostics.report(Message.BAD_PRECISION, field, column.mirror(), precision, scale, attribute.display());
            return false;
        }
        if (precision > 0 && scale > precision) {
            diagnostics.report(Message.SCALE_OVER_PRECISION, field, column.mirror(), precision, scale,
                    attribute.display());
            return false;
        }
        if (precision == 0 && scale != 0) {
            diagnostics.report(Message.SCALE_IGNORED, field, column.mirror(), scale, attribute.display(), scale);
        }
        return true;
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
     * a sequence named like the generator, else Hibernate's default {@code <table>_seq}, starting at
     * 1 with an increment of 50. Hibernate puts it in the default schema, not the table's, unless
     * the generator names a schema. False after an error.
     */
    private boolean sequence(PersistentAttribute attribute, GeneratedValueAnnotation generated) {
        Optional<SequenceGeneratorAnnotation> declared = generators.find(generated.generator(), attribute, entity);
        String defaultName = PostgresNames.derived(tableName.name(), List.of(), "seq");
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
     * The join column of a {@code @ManyToOne} or owning {@code @OneToOne}: typed as the column it
     * references, with a foreign key to it, unique for a one-to-one.
     */
    private Optional<Mapped> joinColumn(PersistentAttribute attribute, RelationAnnotation relation, boolean id) {
        Element field = attribute.element();
        Optional<TypeElement> target = keys.target(attribute, relation);
        if (target.isEmpty()) {
            diagnostics.report(Message.NOT_AN_ENTITY, field, relation.mirror(), relation.display(), attribute.display(),
                    relation.targetEntity().orElse(attribute.type()));
            return Optional.empty();
        }
        JoinColumnAnnotation join = JoinColumnAnnotation.on(field, jpa);
        if (!join.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), String.join(", ", join.unsupported()),
                    attribute.display(), "leave it out, or mark the field @Transient, for now");
            return Optional.empty();
        }
        AnnotationMirror mirror = join.mirror() != null ? join.mirror() : relation.mirror();
        QualifiedName targetTable = keys.tableName(target.get());
        KeyColumn referenced;
        if (!join.referencedColumnName().isEmpty()) {
            String name = jpa.naming().physical(join.referencedColumnName());
            Optional<KeyColumn> found = keys.column(target.get(), name);
            if (found.isEmpty()) {
                diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, mirror, join.referencedColumnName(),
                        attribute.display(), targetTable);
                return Optional.empty();
            }
            if (!keys.isUnique(target.get(), name)) {
                diagnostics.report(Message.REFERENCED_NOT_UNIQUE, field, mirror, join.referencedColumnName(),
                        attribute.display(), name, targetTable);
                return Optional.empty();
            }
            referenced = found.get();
        } else {
            List<KeyColumn> key = keys.primaryKey(target.get());
            if (key.size() != 1) {
                diagnostics.report(Message.COMPOSITE_REFERENCE, field, relation.mirror(), attribute.display(),
                        target.get().getQualifiedName(), key.size());
                return Optional.empty();
            }
            referenced = key.get(0);
        }
        String name = attribute.joinColumnName(join, referenced.name(), jpa.naming());
        boolean nullable = !id && relation.optional() && join.nullable();
        ForeignKey foreignKey = join.noConstraint() ? null : new ForeignKey(
                join.foreignKeyName().isEmpty()
                        ? PostgresNames.derived(tableName.name(), List.of(name), "fkey")
                        : PostgresNames.fold(join.foreignKeyName()),
                List.of(name), targetTable, List.of(referenced.name()), ReferentialAction.NO_ACTION);
        return Optional.of(new Mapped(
                new Column(name, referenced.type(), nullable, null, Identity.NONE, comment(join.comment())),
                mirror, relation.isOneToOne() || join.unique(), foreignKey));
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
                        ? PostgresNames.derived(tableName.name(), u.columnNames(), "key")
                        : PostgresNames.fold(u.name());
                addUnique(new UniqueConstraint(name, u.columnNames()), element, u.mirror());
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
                        ? PostgresNames.derived(tableName.name(), names, "idx")
                        : PostgresNames.fold(i.name());
                if (claim(Declaration.Kind.INDEX, name, element, i.mirror())) {
                    indexes.add(new Index(name, i.columns(), i.unique()));
                }
            }
        }
    }

    /** Reports the names the table does not have; true if it has them all. */
    private boolean hasColumns(AnnotationMirror mirror, String what, List<String> names) {
        boolean all = true;
        for (String name : names) {
            if (!columns.containsKey(name)) {
                all = false;
                if (!unreadColumns.contains(name)) {
                    diagnostics.report(Message.MISSING_COLUMN, element, mirror, what, name, tableName,
                            String.join(", ", columns.keySet()));
                }
            }
        }
        return all;
    }

    /** Adds a unique constraint; the same constraint declared twice (by column and by table) is kept once. */
    private void addUnique(UniqueConstraint unique, Element on, AnnotationMirror mirror) {
        if (uniques.contains(unique)) {
            return;
        }
        if (claim(Declaration.Kind.UNIQUE_CONSTRAINT, unique.name(), on, mirror)) {
            uniques.add(unique);
        }
    }

    /** Takes a name among the table's constraints and indexes; reports and refuses a name already taken. */
    private boolean claim(Declaration.Kind kind, String name, Element on, AnnotationMirror mirror) {
        var declaration = new Declaration(kind, new QualifiedName(tableName.schema(), name), on, mirror);
        Declaration other = tableNames.putIfAbsent(name, declaration);
        if (other != null) {
            diagnostics.report(Message.DUPLICATE_NAME, on, mirror, kind.label(), name, other.origin());
            return false;
        }
        declarations.add(declaration);
        return true;
    }

    private static String comment(String comment) {
        return comment.isEmpty() ? null : comment;
    }
}
