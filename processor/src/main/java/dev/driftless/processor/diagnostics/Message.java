package dev.driftless.processor.diagnostics;

import java.util.Arrays;
import java.util.IllegalFormatException;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, with its stable code. A message says what is wrong and
 * how to fix it. DL1xx: reading the JPA model; DL2xx: drafts, freezing and the history directory.
 */
public enum Message {
    // Reading entities (DL1xx). Codes are stable: never renumber, only add.
    NO_ID("DL100", Diagnostic.Kind.ERROR,
            "Entity %s has no @Id: add an @Id field (or inherit one from a @MappedSuperclass)"),
    UNMAPPABLE_TYPE("DL101", Diagnostic.Kind.ERROR,
            "Field %s has type %s, which has no PostgreSQL mapping: use a supported type "
                    + "(String, numbers, boolean, UUID, java.time, enums, byte[]) or mark the field @Transient"),
    DUPLICATE_COLUMN("DL102", Diagnostic.Kind.ERROR,
            "Column %s of table %s is mapped twice (also by %s): give one of the attributes another @Column(name)"),
    DUPLICATE_TABLE("DL103", Diagnostic.Kind.ERROR,
            "Entities %s and %s both map table %s: give one of them another @Table(name)"),
    IDENTITY_NOT_INTEGER("DL104", Diagnostic.Kind.ERROR,
            "@GeneratedValue(strategy = IDENTITY) needs an integer id, but %s is %s: "
                    + "use Long/Integer/Short or another strategy"),
    NOT_AN_ENTITY("DL105", Diagnostic.Kind.ERROR,
            "%s of field %s refers to %s, which is not an @Entity: annotate it with @Entity or map the field differently"),
    MISSING_COLUMN("DL106", Diagnostic.Kind.ERROR,
            "%s names column '%s', which table %s does not have: use one of its columns (%s); "
                    + "write column names, not field names"),
    BAD_LENGTH("DL107", Diagnostic.Kind.ERROR,
            "@Column(length = %d) on %s: a length must be positive; give a positive length or leave it out for 255"),
    SCALE_OVER_PRECISION("DL108", Diagnostic.Kind.ERROR,
            "@Column(precision = %d, scale = %d) on %s: the scale cannot exceed the precision; "
                    + "raise the precision or lower the scale"),
    NAME_TOO_LONG("DL109", Diagnostic.Kind.ERROR,
            "%s name '%s' is %d bytes long; PostgreSQL truncates names to 63 bytes: choose a shorter name "
                    + "(a collection table, join table or join column name the mapping implies can be given with "
                    + "@CollectionTable(name), @JoinTable(name) or @JoinColumn(name))"),
    MISSING_REFERENCED_COLUMN("DL110", Diagnostic.Kind.ERROR,
            "@JoinColumn(referencedColumnName = \"%s\") on %s: table %s has no such column; "
                    + "name one of its columns or leave it out to reference the primary key"),
    COMPOSITE_REFERENCE("DL111", Diagnostic.Kind.ERROR,
            "The join column of %s refers to %s, whose primary key has %d columns; one named @JoinColumn cannot reference "
                    + "them all: leave the join column implicit (one column per key column, <attribute>_<key column>), "
                    + "or reference a unique column with @JoinColumn(referencedColumnName)"),
    NOT_SUPPORTED_YET("DL112", Diagnostic.Kind.ERROR,
            "%s on %s is not mapped by this version of Driftless yet: %s"),
    DUPLICATE_NAME("DL113", Diagnostic.Kind.ERROR,
            "%s name '%s' is already used by the %s; PostgreSQL needs distinct names for the tables, indexes and "
                    + "sequences of a schema and for the constraints of a table: choose another name"),
    GENERATION_NOT_POSSIBLE("DL114", Diagnostic.Kind.ERROR,
            "@GeneratedValue(strategy = %s) cannot generate %s values for %s: "
                    + "use a Long/Integer id for SEQUENCE or AUTO, a UUID id for UUID or AUTO, or drop @GeneratedValue"),
    SEQUENCE_CONFLICT("DL115", Diagnostic.Kind.ERROR,
            "Sequence %s is declared with start %d and increment %d here, but with start %d and increment %d "
                    + "elsewhere: give both generators the same initialValue and allocationSize, or another sequenceName"),
    MISSING_RELATION("DL116", Diagnostic.Kind.ERROR,
            "Field %s has the entity type %s but no relation annotation: add @ManyToOne (or @OneToOne), "
                    + "or mark the field @Transient"),
    BAD_ALLOCATION_SIZE("DL117", Diagnostic.Kind.ERROR,
            "@SequenceGenerator(allocationSize = 0) for sequence %s: a sequence cannot have increment 0; "
                    + "use a positive allocationSize (50 is Hibernate's default)"),
    BAD_COLUMN_LIST("DL118", Diagnostic.Kind.ERROR,
            "%s cannot be read: %s; list column names separated by commas, each optionally followed by ASC or DESC"),
    BAD_PRECISION("DL119", Diagnostic.Kind.ERROR,
            "@Column(precision = %d, scale = %d) on %s: PostgreSQL needs a precision from 1 to 1000 "
                    + "and a scale that is not negative"),
    REFERENCED_NOT_UNIQUE("DL120", Diagnostic.Kind.ERROR,
            "@JoinColumn(referencedColumnName = \"%s\") on %s: column %s of table %s is neither its primary key "
                    + "nor unique, so PostgreSQL cannot reference it: make it @Column(unique = true) or reference the key"),
    INHERITANCE_NOT_ON_ROOT("DL121", Diagnostic.Kind.ERROR,
            "@Inheritance on %s, a subclass of the entity %s: a hierarchy has one strategy, declared on its root; "
                    + "move @Inheritance to %2$s"),
    EMBEDDED_NOT_EMBEDDABLE("DL122", Diagnostic.Kind.ERROR,
            "%s is @Embedded (or @EmbeddedId) but its type %s is not an @Embeddable: annotate the class with @Embeddable"),
    EMBEDDING_CYCLE("DL123", Diagnostic.Kind.ERROR,
            "%s embeds %s within itself: an embeddable cannot contain itself; break the cycle with a relation"),
    IDENTITY_IN_TABLE_PER_CLASS("DL124", Diagnostic.Kind.ERROR,
            "@GeneratedValue(strategy = IDENTITY) on %s in a TABLE_PER_CLASS hierarchy: each table would number its "
                    + "rows alone and ids would collide across the hierarchy; use SEQUENCE"),
    TARGET_WITHOUT_KEY("DL125", Diagnostic.Kind.ERROR,
            "%s refers to %s, whose primary key cannot be told (no @Id, or an id that is not mapped): "
                    + "give the target entity an @Id"),
    BAD_COLUMN_DEFINITION("DL126", Diagnostic.Kind.ERROR,
            "%s(columnDefinition) on %s is '%s', which is more than a column type: write only the SQL type, "
                    + "e.g. columnDefinition = \"text\", and use nullable and @ColumnDefault for the rest"),
    BAD_CONVERTER("DL127", Diagnostic.Kind.ERROR,
            "@Convert on %s names %s, which does not implement AttributeConverter<X, Y> with its types given, so the "
                    + "column type cannot be told: declare the converter as implementing AttributeConverter<X, Y>"),
    UNSUPPORTED_JDBC_TYPE("DL128", Diagnostic.Kind.ERROR,
            "@JdbcTypeCode(%d) on %s (type %s) has no mapping in this version of Driftless: use SqlTypes.JSON, ARRAY "
                    + "(on an array or a collection), NAMED_ENUM (on an enum), VARCHAR or UUID, or a columnDefinition"),
    NOT_A_COLLECTION("DL129", Diagnostic.Kind.ERROR,
            "%s has type %s, which is not a generic collection or map, so %s cannot tell its elements: "
                    + "declare it as Set<E>, List<E> or Map<K, V>"),
    JOIN_COLUMNS_INCOMPLETE("DL130", Diagnostic.Kind.ERROR,
            "@JoinColumns on %s must reference every column of the primary key of %s (%s), each once: "
                    + "add the missing @JoinColumn(referencedColumnName = ...) or leave @JoinColumns out for the default"),
    NO_SUCH_SECONDARY_TABLE("DL131", Diagnostic.Kind.ERROR,
            "@Column(table = \"%s\") on %s names no @SecondaryTable of %s: declare @SecondaryTable(name = \"%1$s\") "
                    + "on the entity, or leave table out"),
    MAPS_ID_INVALID("DL132", Diagnostic.Kind.ERROR,
            "@MapsId on %s cannot be read: %s"),
    ENTITY_NOT_A_CLASS("DL133", Diagnostic.Kind.ERROR,
            "%s is %s, which cannot be an @Entity: %s"),
    ID_BELOW_ROOT("DL134", Diagnostic.Kind.ERROR,
            "%s is an @Id of %s, below %s, the root of its entity hierarchy: a hierarchy has one id, declared on its "
                    + "root (or a @MappedSuperclass above it), and every subclass inherits it; remove @Id (or @EmbeddedId) "
                    + "here, or move it to the root"),
    TEMPORAL_MISMATCH("DL135", Diagnostic.Kind.ERROR,
            "@Temporal(%s) on %s cannot map its type %s (Hibernate refuses it): @Temporal is for java.util.Date and "
                    + "Calendar; remove it, the type decides the column (for a %1$s column use %s)"),
    VERSION_TYPE("DL136", Diagnostic.Kind.ERROR,
            "@Version on %s has type %s, %s"),
    ENUMERATED_NOT_ENUM("DL137", Diagnostic.Kind.ERROR,
            "@Enumerated on %s, whose type %s is not an enum (Hibernate refuses it): remove @Enumerated, "
                    + "or give the attribute an enum type"),
    TOO_MANY_COLUMNS("DL138", Diagnostic.Kind.ERROR,
            "Table %s has %d columns; PostgreSQL allows at most %d in a table, counting the columns dropped since the "
                    + "table was created: move attributes to a @SecondaryTable or an entity of their own"),
    TOO_MANY_KEY_COLUMNS("DL139", Diagnostic.Kind.ERROR,
            "%s %s of table %s has %d columns; PostgreSQL allows at most %d in an index, a primary key or a unique "
                    + "constraint: %s"),
    ENUM_WITHOUT_CONSTANTS("DL140", Diagnostic.Kind.ERROR,
            "%s has the enum type %s, which has no constants, so its column could only ever hold null: add the enum's "
                    + "constants, or mark the attribute @Transient"),
    ELEMENT_COLLECTION_OF_ENTITIES("DL141", Diagnostic.Kind.ERROR,
            "@ElementCollection on %s holds entities (%s), but an element collection holds basic values or "
                    + "embeddables: map a collection of entities with @OneToMany or @ManyToMany"),
    CARDINALITY_MISMATCH("DL142", Diagnostic.Kind.ERROR,
            "%s on %s does not fit its type %s, %s: %s"),
    ENUMERATED_WITH_CONVERTER("DL143", Diagnostic.Kind.ERROR,
            "@Enumerated on %s, which also has @Convert (Hibernate refuses the two together; the converter decides "
                    + "the column): remove @Enumerated, or remove @Convert"),
    GENERATED_NOT_ID("DL144", Diagnostic.Kind.ERROR,
            "@GeneratedValue on %s, which is not part of the id (Hibernate refuses it; it generates ids only): remove "
                    + "it, or for a value the database fills in give the column a default (@ColumnDefault) and mark "
                    + "the attribute with Hibernate's @Generated"),
    MAPPED_BY_UNKNOWN("DL145", Diagnostic.Kind.ERROR,
            "@%s(mappedBy = \"%s\") on %s cannot be read: %s; name the attribute of %s that refers back to %s"),
    COLUMN_ON_RELATION("DL146", Diagnostic.Kind.ERROR,
            "@Column on %s, a @%s (Hibernate refuses it; a relation's columns are its join columns): "
                    + "use @JoinColumn(name = ...) instead"),
    JOIN_COLUMN_NO_SUCH_SECONDARY_TABLE("DL147", Diagnostic.Kind.ERROR,
            "@JoinColumn(table = \"%s\") on %s names no @SecondaryTable of %s: declare @SecondaryTable(name = \"%1$s\") "
                    + "on the entity to keep the join column and its foreign key there, or leave table out to keep them in "
                    + "the entity's table"),
    JOIN_COLUMN_CONFLICT("DL149", Diagnostic.Kind.ERROR,
            "Column %s of table %s is mapped by both %s and %s, which %s: %s"),
    SCALE_IGNORED("DL150", Diagnostic.Kind.WARNING,
            "@Column(scale = %d) on %s is ignored without a precision; Hibernate uses numeric(38,2): "
                    + "give a precision too, e.g. @Column(precision = 19, scale = %d)"),
    TEMPORAL_IGNORED("DL151", Diagnostic.Kind.WARNING,
            "@Temporal on %s is ignored: its type %s is not a date or a time; remove @Temporal"),
    KEY_JOIN_NOT_ON_JOINED_SUBCLASS("DL152", Diagnostic.Kind.ERROR,
            "%s on %s names the key columns of a joined subclass's table, but %2$s is not a subclass of a "
                    + "@Inheritance(strategy = JOINED) hierarchy: remove it, or name the key with @Column on the @Id"),
    KEY_JOIN_REFERENCES_NO_KEY("DL153", Diagnostic.Kind.ERROR,
            "@PrimaryKeyJoinColumn(referencedColumnName = \"%s\") on %s: the key of %s has no such column (it has %s); "
                    + "name one of them, or leave referencedColumnName out to take them in order"),
    ID_TABLE_CONFLICT("DL154", Diagnostic.Kind.ERROR,
            "The id table %s that %s draws ids from %s: name another table in @TableGenerator(table = ...)"),
    DISCRIMINATOR_NOT_INTEGER("DL155", Diagnostic.Kind.ERROR,
            "@DiscriminatorValue(\"%s\") on %s is not a whole number, but the discriminator of %s is INTEGER: "
                    + "write a number, e.g. @DiscriminatorValue(\"3\")"),
    DDL_OPTIONS("DL156", Diagnostic.Kind.ERROR,
            "%s(options = \"%s\") on %s: %s appends this SQL text to its DDL as it is written, which the schema model "
                    + "cannot represent, so Driftless could neither migrate nor check it: leave options out, and give a "
                    + "column's type in columnDefinition, or write the SQL in src/main/driftless/next.sql for the next "
                    + "version to run"),
    CHECK_OPTIONS_IGNORED("DL157", Diagnostic.Kind.WARNING,
            "@CheckConstraint(options = \"%s\") on %s is ignored: %s writes no options of a check on PostgreSQL, so the "
                    + "check is created without them; remove options"),
    TO_ONE_JOIN_TABLE_IGNORED("DL158", Diagnostic.Kind.WARNING,
            "%s on %s is ignored: Hibernate %s; remove it"),
    TO_ONE_JOIN_TABLE_SHARED("DL159", Diagnostic.Kind.ERROR,
            "@JoinTable on %2$s names the table %1$s, the join table of %3$s too; Hibernate joins a table to %4$s once "
                    + "and refuses a second relation through it (\"already associated with entity\"): give each relation its "
                    + "own @JoinTable(name)"),
    ONE_TO_MANY_JOIN_COLUMN_TABLE("DL162", Diagnostic.Kind.ERROR,
            "@JoinColumn(table = \"%s\") on %s: a @OneToMany's join column is in the table of its target %s, and Hibernate "
                    + "refuses any table here (\"has foreign key in secondary table\"), that table and its secondary tables "
                    + "included: leave table out"),
    TYPE_NOT_FOUND("DL198", Diagnostic.Kind.ERROR,
            "%s needs the type %s, which this compilation does not have: no source or class file declares it and no "
                    + "annotation processor generated it. Fix the name (a renamed class?) or add the dependency; "
                    + "nothing was drafted, frozen or generated"),
    HIBERNATE_LINE("DL160", Diagnostic.Kind.NOTE,
            "Driftless builds the schema as %s maps it (%s); -Adriftless.hibernate=<version> chooses another line"),
    HIBERNATE_UNKNOWN("DL161", Diagnostic.Kind.ERROR,
            "-Adriftless.hibernate=%s is not a Hibernate version: write the version the application runs, "
                    + "6.6 or newer (6.6, 7.1, 7.3, 7.4, or a full one such as 6.6.33.Final)"),
    SECONDARY_TABLE_TWICE("DL165", Diagnostic.Kind.ERROR,
            "%s and %s both declare @SecondaryTable %s in one single-table hierarchy: give one of them another "
                    + "@SecondaryTable(name), or declare it once, on the class whose attributes (and whose subclasses') "
                    + "name it"),
    READ_FAILED("DL199", Diagnostic.Kind.ERROR,
            "Driftless could not read entity %s (%s): please report this with the entity's source"),

    // Drafts, freezing, history.
    DRAFT("DL200", Diagnostic.Kind.NOTE,
            "Draft version %d (the model differs from frozen version %d):%n%s%n"
                    + "Freeze it with: mvn clean compile -Ddriftless.freeze=<name>"),
    FROZEN("DL201", Diagnostic.Kind.NOTE, "Froze version %d '%s' into %s:%n%s"),
    NOTHING_TO_FREEZE("DL202", Diagnostic.Kind.NOTE,
            "Nothing to freeze: the model matches frozen version %d; nothing was written"),
    UNFROZEN_CHANGES("DL203", Diagnostic.Kind.ERROR,
            "The model has changes that are not frozen (driftless.check); frozen version %d lacks:%n%s%n"
                    + "Freeze them with: mvn clean compile -Ddriftless.freeze=<name>, and commit the history directory"),
    FREEZE_NAME_INVALID("DL204", Diagnostic.Kind.ERROR,
            "'%s' cannot name a version: use letters and digits, e.g. -Ddriftless.freeze=add_quality_score"),
    DATA_LOSS_NOT_ACCEPTED("DL205", Diagnostic.Kind.ERROR,
            "Version %d would discard data, so it was not frozen:%n%s%n"
                    + "If that is intended, freeze again with -Ddriftless.acceptDataLoss=true; a column that was "
                    + "renamed needs @RenamedFrom(\"<old name>\") on its field instead"),
    LIKELY_RENAME("DL206", Diagnostic.Kind.WARNING,
            "Column %s.%s is dropped and %s of the same type is added: if this is a rename, annotate the field "
                    + "with @dev.driftless.annotations.RenamedFrom(%s) so that the rows are kept"),
    REQUIRED_COLUMN_WITHOUT_DEFAULT("DL207", Diagnostic.Kind.WARNING,
            "Column %s.%s is added NOT NULL without a default: the version fails if %s has rows. Give it a default "
                    + "(@org.hibernate.annotations.ColumnDefault(\"...\")), or give the rows already there their value "
                    + "in the same version: put these lines into %s, with the value they should get instead of %s (any "
                    + "SQL expression over the row, or a line -- driftless:java <class> of a Java step that fills it):"
                    + "%n%s%nThe version then adds the column nullable, fills the rows in batches that commit one by one "
                    + "and makes it NOT NULL through a validated check (README: \"A required column needs its values\")"),
    LOCK_RISK("DL208", Diagnostic.Kind.WARNING,
            "Version %d has a step that stops a busy table: %s"),
    LOCKS_NOT_ACCEPTED("DL209", Diagnostic.Kind.ERROR,
            "Version %d was not frozen: with -Ddriftless.lockLint=fail, steps that lock a busy table must be "
                    + "acknowledged:%n%s%nChange the model as suggested, or freeze again with -Ddriftless.acceptLocks=true"),
    NAMING_UNKNOWN("DL214", Diagnostic.Kind.ERROR,
            "-Adriftless.naming=%s is not a naming this version knows: use jpa (Hibernate's default), snake_case "
                    + "(Spring Boot's default) or quoted (Hibernate's globally quoted identifiers)"),
    DERIVED_NAMES_UNKNOWN("DL229", Diagnostic.Kind.ERROR,
            "-Adriftless.derivedNames=%s is not a choice this version knows: use postgresql (PostgreSQL's own "
                    + "<table>_<columns>_fkey and _idx, the default) or hibernate (Hibernate's FK... and IDX... names)"),
    VIEW_INVALID("DL215", Diagnostic.Kind.ERROR, "@View on %s cannot be used: %s"),
    VIEW_NAME_TAKEN("DL216", Diagnostic.Kind.ERROR,
            "@View names %s, which is already %s: a view and a table (or two views) need different names"),
    JAVA_STEP_INVALID("DL217", Diagnostic.Kind.ERROR,
            "Version %d names the Java step %s, which %s: a Java step is a class on the compile class path that "
                    + "implements dev.driftless.migrate.JavaStep and has a public no-argument constructor"),
    SQUASH_REFUSED("DL218", Diagnostic.Kind.ERROR, "Cannot squash: %s"),
    SQUASH_NEEDS_STEPS("DL219", Diagnostic.Kind.ERROR,
            "Squashing would drop the hand-written steps of version(s) %s from what new databases run. Write the "
                    + "steps new databases still need (seed data, say) into %s (an empty file says: none), then "
                    + "squash again"),
    ONLINE_RENAME_REFUSED("DL221", Diagnostic.Kind.ERROR, "%s"),
    FILL_INVALID("DL223", Diagnostic.Kind.ERROR, "%s cannot be planned: %s"),
    RENAMED_FROM_UNKNOWN("DL230", Diagnostic.Kind.WARNING,
            "@RenamedFrom(\"%s\") names no %s of frozen version %d, which has %s: the value is the name exactly "
                    + "as it is in the database; if this is the one, write @dev.driftless.annotations.RenamedFrom(%s)"),
    SQUASHED("DL220", Diagnostic.Kind.NOTE,
            "Squashed versions %d to %d into the squash %s. New databases run the squash; databases at version %d "
                    + "or later go on as before; an older one must first be migrated to version %d with a build from "
                    + "before the squash"),
    NOT_WRITTEN("DL222", Diagnostic.Kind.NOTE,
            "%s was not %s: the compilation has errors, so the history directory %s is left as it was. "
                    + "Fix the errors, then build again with the same options"),
    HISTORY_INVALID("DL210", Diagnostic.Kind.ERROR, "The history directory %s cannot be used: %s"),
    HISTORY_UNKNOWN("DL211", Diagnostic.Kind.ERROR,
            "Cannot tell where the history directory is (the class output is not a Maven target/classes): "
                    + "pass -A%s=<directory>"),
    HISTORY_IO("DL212", Diagnostic.Kind.ERROR, "Could not read or write the history directory %s: %s"),
    GENERATION_IO("DL213", Diagnostic.Kind.ERROR, "Could not write the generated file %s: %s"),
    INTERNAL_ERROR("DL299", Diagnostic.Kind.ERROR,
            "Driftless failed unexpectedly (%s): please report this with the model that causes it");

    private final String code;
    private final Diagnostic.Kind kind;
    private final String format;

    Message(String code, Diagnostic.Kind kind, String format) {
        this.code = code;
        this.kind = kind;
        this.format = format;
    }

    public String code() {
        return code;
    }

    public Diagnostic.Kind kind() {
        return kind;
    }

    /**
     * {@code [DL101] text}. Never throws: arguments that do not fit the format are appended as they
     * are, so a wrong call still shows its code and its values.
     */
    public String format(Object... args) {
        try {
            return "[" + code + "] " + String.format(format, args);
        } catch (IllegalFormatException e) {
            return "[" + code + "] " + format + " " + Arrays.toString(args);
        }
    }
}
