package dev.driftless.processor.jpa;

import dev.driftless.diff.Renames;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.Diagnostics;
import dev.driftless.processor.Message;
import dev.driftless.processor.jpa.Annotations.Annotation;
import dev.driftless.processor.jpa.BasicTypes.Basic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads {@code @Entity} classes into the schema model, as Hibernate 6 maps them on PostgreSQL with
 * its default (non-quoting) naming: PostgreSQL folds the unquoted names to lower case, and so does
 * the model. Every problem is reported on its element with a code; the model returned after an
 * error is incomplete and must not be used.
 */
public final class JpaModelReader {

    public static final Set<String> ENTITY_ANNOTATIONS = Set.of("jakarta.persistence.Entity", "javax.persistence.Entity");

    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final String RENAMED_FROM = "dev.driftless.annotations.RenamedFrom";
    /** Relations that have no column on the owning table, or are mapped on the other side. */
    private static final List<String> NO_COLUMN = List.of("OneToMany");
    /** Mappings this version does not read yet; an error beats a silently wrong schema. */
    private static final List<String> NOT_YET = List.of("ManyToMany", "ElementCollection", "Embedded", "EmbeddedId");

    private final ProcessingEnvironment env;
    private final Diagnostics diagnostics;
    private final Annotations annotations;
    private final Map<String, List<IdColumn>> idColumns = new HashMap<>();
    /** Declared renames found while reading: table, new column name, old column name. */
    private final Map<QualifiedName, Map<String, String>> renames = new HashMap<>();
    /** The field behind each column read. */
    private final Map<QualifiedName, Map<String, Element>> columnElements = new HashMap<>();

    /** A primary-key column, as a foreign key pointing at it needs it. */
    private record IdColumn(String name, ColumnType type) {}

    public JpaModelReader(ProcessingEnvironment env, Diagnostics diagnostics) {
        this.env = env;
        this.diagnostics = diagnostics;
        this.annotations = new Annotations(env.getElementUtils());
    }

    public JpaModel read(Collection<? extends TypeElement> entities) {
        var sorted = entities.stream()
                .sorted(Comparator.comparing(e -> e.getQualifiedName().toString()))
                .toList();
        var tables = new ArrayList<Table>();
        var sequences = new TreeMap<String, Sequence>();
        var owners = new HashMap<QualifiedName, TypeElement>();
        renames.clear();
        columnElements.clear();
        for (TypeElement entity : sorted) {
            try {
                QualifiedName name = tableName(entity);
                TypeElement other = owners.putIfAbsent(name, entity);
                if (other != null) {
                    diagnostics.report(Message.DUPLICATE_TABLE, entity, other.getQualifiedName(), entity.getQualifiedName(), name);
                    continue;
                }
                readTable(entity, name, sequences).ifPresent(tables::add);
            } catch (RuntimeException e) {
                diagnostics.report(Message.READ_FAILED, entity, entity.getQualifiedName(), e);
            }
        }
        var tableElements = new HashMap<QualifiedName, Element>(owners);
        return new JpaModel(new SchemaModel(tables, List.copyOf(sequences.values())), new Renames(renames),
                tableElements, new HashMap<>(columnElements));
    }

    private Optional<Table> readTable(TypeElement entity, QualifiedName name, Map<String, Sequence> sequences) {
        int errorsBefore = diagnostics.errorCount();
        checkLength(entity, "Table", name.name());
        var columns = new LinkedHashMap<String, Column>();
        var columnOwners = new HashMap<String, VariableElement>();
        var pk = new ArrayList<String>();
        var uniques = new ArrayList<UniqueConstraint>();
        var foreignKeys = new ArrayList<ForeignKey>();

        for (VariableElement field : persistentFields(entity)) {
            String blocked = NOT_YET.stream().filter(a -> annotations.has(field, a)).findFirst().orElse(null);
            if (blocked != null) {
                diagnostics.report(Message.NOT_SUPPORTED_YET, field, "@" + blocked, field.getSimpleName());
                continue;
            }
            if (NO_COLUMN.stream().anyMatch(a -> annotations.has(field, a))
                    || isInverseOneToOne(field)) {
                continue;
            }
            Optional<Annotation> manyToOne = annotations.find(field, "ManyToOne")
                    .or(() -> annotations.find(field, "OneToOne"));
            Optional<Column> column = manyToOne.isPresent()
                    ? joinColumn(entity, name, field, manyToOne.get(), uniques, foreignKeys)
                    : basicColumn(entity, name, field, sequences);
            if (column.isEmpty()) {
                continue;
            }
            Column c = column.get();
            checkLength(field, "Column", c.name());
            VariableElement previous = columnOwners.putIfAbsent(c.name(), field);
            if (previous != null) {
                diagnostics.report(Message.DUPLICATE_COLUMN, field, c.name(), name, previous.getSimpleName());
                continue;
            }
            columns.put(c.name(), c);
            columnElements.computeIfAbsent(name, k -> new HashMap<>()).put(c.name(), field);
            renamedFrom(field).ifPresent(old -> renames.computeIfAbsent(name, k -> new HashMap<>()).put(c.name(), old));
            if (annotations.has(field, "Id")) {
                pk.add(c.name());
            }
            Optional<Annotation> columnAnnotation = annotations.find(field, "Column");
            if (columnAnnotation.isPresent() && columnAnnotation.get().bool("unique", false) && !pk.contains(c.name())) {
                uniques.add(new UniqueConstraint(defaultName(name, List.of(c.name()), "key"), List.of(c.name())));
            }
        }
        if (pk.isEmpty()) {
            diagnostics.report(Message.NO_ID, entity, entity.getQualifiedName());
        }

        Optional<Annotation> table = annotations.find(entity, "Table");
        var indexes = new ArrayList<Index>();
        if (table.isPresent()) {
            for (Annotation u : table.get().annotations("uniqueConstraints")) {
                List<String> cols = u.strings("columnNames").stream().map(JpaModelReader::fold).toList();
                if (requireColumns(entity, table.get(), "@UniqueConstraint", cols, columns.keySet(), name)) {
                    String uname = u.string("name").isEmpty() ? defaultName(name, cols, "key") : fold(u.string("name"));
                    checkLength(entity, "Unique constraint", uname);
                    uniques.add(new UniqueConstraint(uname, cols));
                }
            }
            for (Annotation i : table.get().annotations("indexes")) {
                List<IndexColumn> cols = indexColumns(i.string("columnList"));
                List<String> names = cols.stream().map(IndexColumn::name).toList();
                if (requireColumns(entity, table.get(), "@Index", names, columns.keySet(), name)) {
                    String iname = i.string("name").isEmpty() ? defaultName(name, names, "idx") : fold(i.string("name"));
                    checkLength(entity, "Index", iname);
                    indexes.add(new Index(iname, cols, i.bool("unique", false)));
                }
            }
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        var primaryKey = pk.isEmpty() ? null : new PrimaryKey(defaultName(name, List.of(), "pkey"), pk);
        return Optional.of(new Table(name, List.copyOf(columns.values()), primaryKey,
                dedupe(uniques), indexes, foreignKeys, null));
    }

    private Optional<Column> basicColumn(TypeElement entity, QualifiedName table, VariableElement field,
            Map<String, Sequence> sequences) {
        TypeMirror type = field.asType();
        Optional<Annotation> column = annotations.find(field, "Column");
        String name = column.map(c -> c.string("name")).filter(s -> !s.isEmpty()).orElse(field.getSimpleName().toString());
        Optional<Basic> basic = BasicTypes.of(type);
        if (basic.isEmpty()) {
            diagnostics.report(Message.UNMAPPABLE_TYPE, field, field.getSimpleName(), type);
            return Optional.empty();
        }
        int length = column.map(c -> c.integer("length", 255)).orElse(255);
        int precision = column.map(c -> c.integer("precision", 0)).orElse(0);
        int scale = column.map(c -> c.integer("scale", 0)).orElse(0);
        if (length <= 0) {
            diagnostics.report(Message.BAD_LENGTH, field, column.get().mirror(), length, field.getSimpleName());
            return Optional.empty();
        }
        if (precision > 0 && scale > precision) {
            diagnostics.report(Message.SCALE_OVER_PRECISION, field, column.get().mirror(), precision, scale,
                    field.getSimpleName());
            return Optional.empty();
        }
        boolean id = annotations.has(field, "Id");
        boolean nullable = !id && !type.getKind().isPrimitive()
                && column.map(c -> c.bool("nullable", true)).orElse(true);
        Identity identity = Identity.NONE;
        Optional<Annotation> generated = annotations.find(field, "GeneratedValue");
        if (id && generated.isPresent()) {
            String strategy = generated.get().constant("strategy");
            boolean integer = BasicTypes.isInteger(type);
            if (strategy.equals("IDENTITY")) {
                if (!integer) {
                    diagnostics.report(Message.IDENTITY_NOT_INTEGER, field, generated.get().mirror(),
                            field.getSimpleName(), type);
                    return Optional.empty();
                }
                identity = Identity.BY_DEFAULT;
            } else if (integer && (strategy.equals("SEQUENCE") || strategy.equals("AUTO"))) {
                Sequence sequence = sequence(entity, table, field, generated.get().string("generator"));
                checkLength(field, "Sequence", sequence.name().name());
                sequences.put(sequence.name().toString(), sequence);
            }
        }
        return Optional.of(new Column(fold(name), sqlType(field, basic.get()), nullable, null, identity, null));
    }

    /**
     * The sequence behind a SEQUENCE or AUTO id: the named {@code @SequenceGenerator} on the field or
     * the class, else Hibernate 6's default {@code <entity name>_seq} with an increment of 50.
     */
    private Sequence sequence(TypeElement entity, QualifiedName table, VariableElement field, String generator) {
        for (Element holder : List.of(field, entity)) {
            Optional<Annotation> g = annotations.find(holder, "SequenceGenerator");
            if (g.isPresent() && !generator.isEmpty() && g.get().string("name").equals(generator)) {
                String name = g.get().string("sequenceName").isEmpty() ? generator : g.get().string("sequenceName");
                String schema = g.get().string("schema").isEmpty() ? table.schema() : fold(g.get().string("schema"));
                return new Sequence(new QualifiedName(schema, fold(name)), g.get().integer("initialValue", 1),
                        g.get().integer("allocationSize", 50));
            }
        }
        return new Sequence(new QualifiedName(table.schema(), fold(entityName(entity) + "_seq")), 1, 50);
    }

    private Optional<Column> joinColumn(TypeElement entity, QualifiedName table, VariableElement field,
            Annotation relation, List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys) {
        TypeMirror type = field.asType();
        TypeElement target = type instanceof DeclaredType d ? (TypeElement) d.asElement() : null;
        if (target == null || annotations.find(target, "Entity").isEmpty()) {
            diagnostics.report(Message.NOT_AN_ENTITY, field, relation.mirror(),
                    "@" + relation.mirror().getAnnotationType().asElement().getSimpleName(), field.getSimpleName(), type);
            return Optional.empty();
        }
        List<IdColumn> targetIds = idColumns(target);
        Optional<Annotation> join = annotations.find(field, "JoinColumn");
        String referenced = join.map(j -> j.string("referencedColumnName")).filter(s -> !s.isEmpty())
                .map(JpaModelReader::fold).orElse(null);
        IdColumn targetColumn;
        if (referenced != null) {
            Optional<IdColumn> found = targetColumn(target, referenced);
            if (found.isEmpty()) {
                diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, join.get().mirror(), referenced,
                        field.getSimpleName(), tableName(target));
                return Optional.empty();
            }
            targetColumn = found.get();
        } else if (targetIds.size() == 1) {
            targetColumn = targetIds.get(0);
        } else {
            diagnostics.report(Message.COMPOSITE_REFERENCE, field, field.getSimpleName(), target.getQualifiedName(),
                    targetIds.size());
            return Optional.empty();
        }
        String name = join.map(j -> j.string("name")).filter(s -> !s.isEmpty())
                .orElse(field.getSimpleName() + "_" + targetColumn.name());
        String column = fold(name);
        boolean nullable = relation.bool("optional", true) && join.map(j -> j.bool("nullable", true)).orElse(true)
                && !annotations.has(field, "Id");
        boolean oneToOne = relation.mirror().getAnnotationType().asElement().getSimpleName().contentEquals("OneToOne");
        if (oneToOne || join.map(j -> j.bool("unique", false)).orElse(false)) {
            uniques.add(new UniqueConstraint(defaultName(table, List.of(column), "key"), List.of(column)));
        }
        String fkName = defaultName(table, List.of(column), "fkey");
        checkLength(field, "Foreign key", fkName);
        foreignKeys.add(new ForeignKey(fkName, List.of(column), tableName(target), List.of(targetColumn.name()),
                ReferentialAction.NO_ACTION));
        return Optional.of(new Column(column, targetColumn.type(), nullable, null, Identity.NONE, null));
    }

    private Optional<IdColumn> targetColumn(TypeElement target, String column) {
        for (VariableElement f : persistentFields(target)) {
            if (annotations.has(f, "ManyToOne") || annotations.has(f, "OneToOne")) {
                continue;
            }
            String name = annotations.find(f, "Column").map(c -> c.string("name")).filter(s -> !s.isEmpty())
                    .orElse(f.getSimpleName().toString());
            if (fold(name).equals(column)) {
                return columnType(f).map(t -> new IdColumn(column, t));
            }
        }
        return Optional.empty();
    }

    /** The primary-key columns of an entity, which may be outside the compiled set (on the class path). */
    private List<IdColumn> idColumns(TypeElement entity) {
        String key = entity.getQualifiedName().toString();
        List<IdColumn> known = idColumns.get(key);
        if (known != null) {
            return known;
        }
        var ids = new ArrayList<IdColumn>();
        for (VariableElement f : persistentFields(entity)) {
            if (annotations.has(f, "Id") && !annotations.has(f, "ManyToOne") && !annotations.has(f, "OneToOne")) {
                String name = annotations.find(f, "Column").map(c -> c.string("name")).filter(s -> !s.isEmpty())
                        .orElse(f.getSimpleName().toString());
                columnType(f).ifPresent(t -> ids.add(new IdColumn(fold(name), t)));
            }
        }
        idColumns.put(key, List.copyOf(ids));
        return ids;
    }

    /** A basic field's type as a referencing column has it (an identity is not inherited). */
    private Optional<ColumnType> columnType(VariableElement field) {
        return BasicTypes.of(field.asType()).map(b -> sqlType(field, b));
    }

    /**
     * Hibernate 6's PostgreSQL type for a basic field: strings and STRING enums take the length
     * (default 255), BigDecimal the precision and scale (default numeric(38,2)), ORDINAL enums smallint.
     */
    private ColumnType sqlType(VariableElement field, Basic basic) {
        Optional<Annotation> column = annotations.find(field, "Column");
        int length = column.map(c -> c.integer("length", 255)).orElse(255);
        int precision = column.map(c -> c.integer("precision", 0)).orElse(0);
        int scale = column.map(c -> c.integer("scale", 0)).orElse(0);
        return ColumnType.of(switch (basic.kind()) {
            case FIXED, BYTES -> basic.fixedSql();
            case STRING -> "character varying(" + length + ")";
            case DECIMAL -> precision == 0 ? "numeric(38," + (scale == 0 ? 2 : scale) + ")"
                    : "numeric(" + precision + "," + scale + ")";
            case ENUM -> annotations.find(field, "Enumerated").map(e -> e.constant("value")).orElse("ORDINAL")
                    .equals("STRING") ? "character varying(" + length + ")" : "smallint";
        });
    }

    /** Driftless's own {@code @RenamedFrom}, read by name like the JPA annotations. */
    private Optional<String> renamedFrom(VariableElement field) {
        return field.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(RENAMED_FROM))
                .flatMap(m -> m.getElementValues().values().stream())
                .map(v -> fold(String.valueOf(v.getValue())))
                .findFirst();
    }

    private boolean isInverseOneToOne(VariableElement field) {
        return annotations.find(field, "OneToOne").map(o -> !o.string("mappedBy").isEmpty()).orElse(false);
    }

    /**
     * The persistent fields, superclasses' first: fields of {@code @MappedSuperclass} ancestors and
     * of the entity, without static, transient and {@code @Transient} ones.
     */
    private List<VariableElement> persistentFields(TypeElement entity) {
        Deque<TypeElement> chain = new ArrayDeque<>();
        chain.push(entity);
        TypeMirror superclass = entity.getSuperclass();
        while (superclass.getKind() == TypeKind.DECLARED) {
            TypeElement s = (TypeElement) env.getTypeUtils().asElement(superclass);
            if (annotations.has(s, "MappedSuperclass")) {
                chain.push(s);
            }
            superclass = s.getSuperclass();
        }
        var fields = new ArrayList<VariableElement>();
        for (TypeElement type : chain) {
            for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                if (f.getKind() == ElementKind.FIELD
                        && !f.getModifiers().contains(Modifier.STATIC)
                        && !f.getModifiers().contains(Modifier.TRANSIENT)
                        && !annotations.has(f, "Transient")) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private QualifiedName tableName(TypeElement entity) {
        Optional<Annotation> table = annotations.find(entity, "Table");
        String name = table.map(t -> t.string("name")).filter(s -> !s.isEmpty()).orElse(entityName(entity));
        String schema = table.map(t -> t.string("schema")).orElse("");
        return new QualifiedName(fold(schema), fold(name));
    }

    private String entityName(TypeElement entity) {
        return annotations.find(entity, "Entity").map(e -> e.string("name")).filter(s -> !s.isEmpty())
                .orElse(entity.getSimpleName().toString());
    }

    private boolean requireColumns(TypeElement entity, Annotation on, String what, List<String> names,
            Set<String> columns, QualifiedName table) {
        boolean ok = true;
        for (String n : names) {
            if (!columns.contains(n)) {
                diagnostics.report(Message.MISSING_COLUMN, entity, on.mirror(), what, n, table, String.join(", ", columns));
                ok = false;
            }
        }
        return ok && !names.isEmpty();
    }

    /** {@code "a, b DESC"} → a ascending, b descending. */
    private static List<IndexColumn> indexColumns(String columnList) {
        var out = new ArrayList<IndexColumn>();
        for (String part : columnList.split(",")) {
            String[] words = part.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
            out.add(new IndexColumn(fold(words[0]), desc));
        }
        return out;
    }

    private void checkLength(Element element, String what, String identifier) {
        int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            diagnostics.report(Message.NAME_TOO_LONG, element, what, identifier, bytes);
        }
    }

    /** PostgreSQL's own default names: {@code <table>_<columns>_<suffix>}. */
    private static String defaultName(QualifiedName table, List<String> columns, String suffix) {
        var parts = new ArrayList<String>();
        parts.add(table.name());
        parts.addAll(columns);
        parts.add(suffix);
        return String.join("_", parts);
    }

    private static List<UniqueConstraint> dedupe(List<UniqueConstraint> uniques) {
        var byName = new LinkedHashMap<String, UniqueConstraint>();
        uniques.forEach(u -> byName.putIfAbsent(u.name(), u));
        return List.copyOf(byName.values());
    }

    /** What PostgreSQL makes of an unquoted name. */
    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
