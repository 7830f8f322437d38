package dev.driftless.processor.jpa;

import dev.driftless.model.Column;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.BasicTypes.Basic;
import dev.driftless.processor.jpa.BasicTypes.Kind;
import dev.driftless.processor.jpa.EntityTable.DeclaredIdTable;
import dev.driftless.processor.jpa.EntityTable.DeclaredSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * What {@code @GeneratedValue} on an id asks of the database — an identity column, a sequence, or
 * nothing — with the sequences one entity's ids use.
 */
final class IdGeneration {

    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final SequenceGenerators generators;
    private final EntityClass entity;
    private final List<DeclaredSequence> sequences = new ArrayList<>();
    private final List<DeclaredIdTable> idTables = new ArrayList<>();

    IdGeneration(ReadingContext context, SequenceGenerators generators) {
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.generators = generators;
        this.entity = context.entity();
    }

    /**
     * The identity of an id's column: an identity column, or none (a sequence, recorded, or UUIDs
     * made by Hibernate). Empty after an error.
     */
    Optional<Identity> of(PersistentAttribute attribute, Basic basic) {
        Optional<GeneratedValueAnnotation> generated = GeneratedValueAnnotation.on(attribute.element(), jpa);
        if (generated.isEmpty()) {
            return Optional.of(Identity.NONE);
        }
        GeneratedValueAnnotation g = generated.get();
        Optional<GenericGeneratorAnnotation> generic = generators.findGeneric(g.generator(), attribute, entity);
        if (generic.isPresent() && !keepsAuto(g, generic.get())) {
            return generic(attribute, basic, g, generic.get());
        }
        boolean sequenceNumber = BasicTypes.isSequenceNumber(basic);
        boolean possible = switch (g.strategy()) {
            case "IDENTITY" -> basic.kind() == Kind.INTEGER;
            case "SEQUENCE" -> sequenceNumber;
            case "AUTO" -> sequenceNumber || basic.kind() == Kind.UUID;
            case "UUID" -> basic.kind() == Kind.UUID || basic.kind() == Kind.STRING;
            case "TABLE" -> sequenceNumber;
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
                return idTable(attribute, g) ? Optional.of(Identity.NONE) : Optional.empty();
            case "SEQUENCE":
            case "AUTO":
                if (sequenceNumber) {
                    Optional<TableGeneratorAnnotation> table = autoTable(attribute, g);
                    if (table.isPresent()) {
                        return idTable(attribute, g, table.get()) ? Optional.of(Identity.NONE) : Optional.empty();
                    }
                    return sequence(attribute, g) ? Optional.of(Identity.NONE) : Optional.empty();
                }
                return Optional.of(Identity.NONE);
            default:
                return Optional.of(Identity.NONE);
        }
    }

    /**
     * The {@code @TableGenerator} an AUTO id draws from: the one its {@code @GeneratedValue} names when no
     * {@code @SequenceGenerator} has that name; with no name, on Hibernate 7, the one found where no
     * {@code @SequenceGenerator} is (its package's, say: Hibernate looks for a sequence generator first,
     * then for a table generator). Empty for a sequence.
     */
    private Optional<TableGeneratorAnnotation> autoTable(PersistentAttribute attribute, GeneratedValueAnnotation generated) {
        if (!generated.strategy().equals("AUTO")
                || generated.generator().isEmpty() && !jpa.hibernate().defaultsToPackageGenerator()
                || generators.find(generated.generator(), attribute, entity).isPresent()) {
            return Optional.empty();
        }
        return generators.findTable(generated.generator(), attribute, entity);
    }

    /** The id tables recorded, in the order the ids asked for them. */
    List<DeclaredIdTable> idTables() {
        return List.copyOf(idTables);
    }

    /**
     * Records the table behind a TABLE id: the named {@code @TableGenerator}, else Hibernate's
     * {@code hibernate_sequences}; its key is the segment column ({@code varchar(255) NOT NULL}), the
     * value column a nullable {@code bigint}. Hibernate adds a segment's row when it first draws an id
     * and finds none, so the table is all the schema holds. False after an error.
     */
    private boolean idTable(PersistentAttribute attribute, GeneratedValueAnnotation generated) {
        TableGeneratorAnnotation g = generators.findTable(generated.generator(), attribute, entity)
                .orElse(TableGeneratorAnnotation.defaults(attribute.element(), generated.mirror()));
        return idTable(attribute, generated, g);
    }

    private boolean idTable(PersistentAttribute attribute, GeneratedValueAnnotation generated, TableGeneratorAnnotation g) {
        if (!g.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, g.holder(), g.mirror(), String.join(", ", g.unsupported()),
                    attribute.display(), "leave it out");
            return false;
        }
        if (g.mirror() != null && g.mirror() != generated.mirror() && !jpa.values(g.mirror()).display().equals("@GenericGenerator")) {
            jpa.ddlOptions().check(g.holder(), g.mirror(), where(g.holder()), diagnostics);
        }
        String name = jpa.naming().physical(g.table());
        String segment = jpa.naming().physical(g.segmentColumn());
        String value = jpa.naming().physical(g.valueColumn());
        var table = new Table(new QualifiedName(jpa.naming().physical(g.schema()), name),
                List.of(Column.of(value, "bigint", true), Column.of(segment, "character varying(255)", false)),
                new PrimaryKey(PostgresNames.derived(name, List.of(), "pkey"), List.of(segment)),
                List.of(), List.of(), List.of(), List.of(), null);
        idTables.add(new DeclaredIdTable(table, g.holder(), g.mirror()));
        return true;
    }

    /**
     * A generator's holder as messages name it: {@code Class.field} for a field or getter (the
     * holder may be another entity's, for JPA's generator names are global), else the class.
     */
    private static String where(Element holder) {
        return holder instanceof javax.lang.model.element.QualifiedNameable named ? named.getQualifiedName().toString()
                : holder.getEnclosingElement().getSimpleName() + "." + holder.getSimpleName();
    }

    /** The sequences recorded, in the order the ids asked for them. */
    List<DeclaredSequence> sequences() {
        return List.copyOf(sequences);
    }

    /**
     * Records the sequence behind a SEQUENCE or AUTO id: the named {@code @SequenceGenerator}, else
     * a sequence named like the generator, else Hibernate's default {@code <table>_seq} (the root's
     * table in a hierarchy), starting at 1 with an increment of 50. Hibernate puts it in the default
     * schema, not the table's, unless the generator names a schema. False after an error.
     */
    private boolean sequence(PersistentAttribute attribute, GeneratedValueAnnotation generated) {
        Optional<SequenceGeneratorAnnotation> declared = generators.find(generated.generator(), attribute, entity);
        String defaultName = PostgresNames.truncated(jpa.naming().physical(entity.root().tableName().name() + "_SEQ"));
        if (declared.isEmpty()) {
            String name = generated.generator().isEmpty() ? defaultName : jpa.naming().physical(generated.generator());
            sequences.add(new DeclaredSequence(new Sequence(QualifiedName.of(name), 1, 50),
                    attribute.element(), generated.mirror()));
            return true;
        }
        SequenceGeneratorAnnotation g = declared.get();
        jpa.ddlOptions().check(g.holder(), g.mirror(), where(g.holder()), diagnostics);
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

    /** The parameters {@code SequenceStyleGenerator} reads that Driftless maps. */
    private static final List<String> SEQUENCE_PARAMETERS = List.of("sequence_name", "schema", "initial_value", "increment_size");
    /** The parameters the enhanced {@code TableGenerator} reads that Driftless maps (the row's, which make no schema, included). */
    private static final List<String> TABLE_PARAMETERS = List.of("table_name", "schema", "segment_column_name",
            "value_column_name", "segment_value", "initial_value", "increment_size");

    /**
     * The identity of an id whose {@code @GeneratedValue} names a Hibernate {@code @GenericGenerator},
     * recording its sequence or id table; empty after an error. Only what Hibernate is known to build is
     * mapped: a generator, parameter or combination Driftless does not know is refused (DL112), never
     * guessed.
     */
    private Optional<Identity> generic(PersistentAttribute attribute, Basic basic, GeneratedValueAnnotation generated,
            GenericGeneratorAnnotation g) {
        if (!generated.strategy().equals("AUTO")) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, attribute.element(), generated.mirror(),
                    "@GeneratedValue(strategy = " + generated.strategy() + ") naming " + g.display(), attribute.display(),
                    "Hibernate then reads the generator's parameters or not depending on the strategy; leave the strategy out "
                            + "(AUTO), so that the @GenericGenerator alone says how ids are generated");
            return Optional.empty();
        }
        Optional<? extends Record> twin = generators.find(g.name(), attribute, entity).map(Record.class::cast)
                .or(() -> generators.findTable(g.name(), attribute, entity));
        if (twin.isPresent()) {
            String other = twin.get() instanceof SequenceGeneratorAnnotation ? "@SequenceGenerator" : "@TableGenerator";
            diagnostics.report(Message.NOT_SUPPORTED_YET, g.holder(), g.mirror(), g.display(), where(g.holder()),
                    "a " + other + " of the same name is declared too, and which one Hibernate uses depends on where each is "
                            + "declared; give one of them another name");
            return Optional.empty();
        }
        GenericStrategies.Kind kind = GenericStrategies.kind(g.generator(), jpa.hibernate());
        switch (kind) {
            case NONE:
                return Optional.of(Identity.NONE);
            case IDENTITY:
                if (basic.kind() != Kind.INTEGER) {
                    diagnostics.report(Message.IDENTITY_NOT_INTEGER, attribute.element(), g.mirror(), attribute.display(),
                            attribute.type());
                    return Optional.empty();
                }
                if (entity.strategy() == EntityClass.Strategy.TABLE_PER_CLASS) {
                    diagnostics.report(Message.IDENTITY_IN_TABLE_PER_CLASS, attribute.element(), generated.mirror(),
                            attribute.display());
                    return Optional.empty();
                }
                return Optional.of(Identity.BY_DEFAULT);
            case SEQUENCE:
            case TABLE:
                break;
            default:
                diagnostics.report(Message.NOT_SUPPORTED_YET, g.holder(), g.mirror(), g.display(), where(g.holder()),
                        "Driftless maps the generators sequence, enhanced-sequence, native, identity, enhanced-table"
                                + (jpa.hibernate().namesTableStrategy() ? ", table" : "")
                                + ", uuid2, uuid, uuid.hex, guid, assigned, increment, foreign and select (or their classes); "
                                + "use one of them, or a JPA @SequenceGenerator or @TableGenerator");
                return Optional.empty();
        }
        if (!BasicTypes.isSequenceNumber(basic)) {
            diagnostics.report(Message.GENERATION_NOT_POSSIBLE, attribute.element(), generated.mirror(),
                    kind.name(), attribute.type(), attribute.display());
            return Optional.empty();
        }
        List<String> known = kind == GenericStrategies.Kind.SEQUENCE ? SEQUENCE_PARAMETERS : TABLE_PARAMETERS;
        List<String> unknown = g.parameters().keySet().stream()
                .filter(p -> !known.contains(p) || g.generator().equals("native")).sorted().toList();
        if (!unknown.isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, g.holder(), g.mirror(),
                    g.display() + " with the parameters " + unknown, where(g.holder()),
                    g.generator().equals("native") ? "give native no parameters, or name the sequence strategy instead"
                            : "Driftless maps only " + known + " for this generator; leave the others out");
            return Optional.empty();
        }
        Map<String, String> p = g.parameters();
        Integer initial = integer(p, "initial_value", 1);
        Integer increment = integer(p, "increment_size", 50);
        List<String> qualified = Stream.of("sequence_name", "table_name").filter(n -> p.getOrDefault(n, "").contains("."))
                .toList();
        if (initial == null || increment == null || increment == 0 || !qualified.isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, g.holder(), g.mirror(),
                    g.display() + " with the parameters " + p, where(g.holder()),
                    "give initial_value and increment_size as whole numbers (an increment other than 0), and a schema in the parameter schema, "
                            + "not in the name");
            return Optional.empty();
        }
        String schema = p.getOrDefault("schema", "");
        if (kind == GenericStrategies.Kind.TABLE) {
            var table = new TableGeneratorAnnotation(g.mirror(), g.holder(), g.name(),
                    or(p.get("table_name"), TableGeneratorAnnotation.DEFAULT_TABLE), schema,
                    or(p.get("segment_column_name"), TableGeneratorAnnotation.DEFAULT_SEGMENT_COLUMN),
                    or(p.get("value_column_name"), TableGeneratorAnnotation.DEFAULT_VALUE_COLUMN), List.of());
            return idTable(attribute, generated, table) ? Optional.of(Identity.NONE) : Optional.empty();
        }
        String name = jpa.naming().physical(or(p.get("sequence_name"), g.name()));
        sequences.add(new DeclaredSequence(new Sequence(new QualifiedName(schema.isEmpty() ? "" : jpa.naming().physical(schema),
                name), initial, increment), g.holder(), g.mirror()));
        return Optional.of(Identity.NONE);
    }

    /**
     * Whether the {@code @GeneratedValue(strategy = AUTO)} stands and the generic generator it names
     * is passed over: an {@code identity} one on Hibernate 6.6 ({@link HibernateLine#genericIdentityReplacesAuto}).
     */
    private boolean keepsAuto(GeneratedValueAnnotation generated, GenericGeneratorAnnotation generic) {
        return generated.strategy().equals("AUTO") && !jpa.hibernate().genericIdentityReplacesAuto()
                && GenericStrategies.kind(generic.generator(), jpa.hibernate()) == GenericStrategies.Kind.IDENTITY;
    }

    /** A whole-number parameter, its default when absent; null when it is no whole number. */
    private static Integer integer(Map<String, String> parameters, String name, int otherwise) {
        String value = parameters.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }
}
