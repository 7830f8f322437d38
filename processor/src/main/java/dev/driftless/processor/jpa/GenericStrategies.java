package dev.driftless.processor.jpa;

import java.util.Map;

/**
 * What the generator of a {@code @GenericGenerator} asks of the database, as Hibernate resolves its
 * {@code strategy} or {@code type}: the short names Hibernate registers (its
 * {@code StandardIdentifierGeneratorFactory} on 6.6, {@code GeneratorStrategies} on 7.x) and the
 * classes behind them. {@code native} is a sequence on PostgreSQL on every line.
 */
final class GenericStrategies {

    /** What a generator needs in the schema. */
    enum Kind {
        /** {@code SequenceStyleGenerator}: a sequence. */
        SEQUENCE,
        /** {@code IdentityGenerator}: an identity column. */
        IDENTITY,
        /** The enhanced {@code TableGenerator}: an id table. */
        TABLE,
        /** A generator that makes its values without a database object (UUIDs, assigned, increment, foreign, select). */
        NONE,
        /** A generator Driftless does not know: a custom class, or a name the line does not register. */
        UNKNOWN
    }

    private static final String ID = "org.hibernate.id.";
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("uuid2", ID + "UUIDGenerator"),
            Map.entry("guid", ID + "GUIDGenerator"),
            Map.entry("uuid", ID + "UUIDHexGenerator"),
            Map.entry("uuid.hex", ID + "UUIDHexGenerator"),
            Map.entry("assigned", ID + "Assigned"),
            Map.entry("identity", ID + "IdentityGenerator"),
            Map.entry("select", ID + "SelectGenerator"),
            Map.entry("sequence", ID + "enhanced.SequenceStyleGenerator"),
            Map.entry("enhanced-sequence", ID + "enhanced.SequenceStyleGenerator"),
            Map.entry("native", ID + "enhanced.SequenceStyleGenerator"),
            Map.entry("increment", ID + "IncrementGenerator"),
            Map.entry("foreign", ID + "ForeignGenerator"),
            Map.entry("enhanced-table", ID + "enhanced.TableGenerator"));
    private static final Map<String, Kind> CLASSES = Map.ofEntries(
            Map.entry(ID + "enhanced.SequenceStyleGenerator", Kind.SEQUENCE),
            Map.entry(ID + "IdentityGenerator", Kind.IDENTITY),
            Map.entry(ID + "enhanced.TableGenerator", Kind.TABLE),
            Map.entry(ID + "UUIDGenerator", Kind.NONE),
            Map.entry(ID + "GUIDGenerator", Kind.NONE),
            Map.entry(ID + "UUIDHexGenerator", Kind.NONE),
            Map.entry(ID + "Assigned", Kind.NONE),
            Map.entry(ID + "SelectGenerator", Kind.NONE),
            Map.entry(ID + "IncrementGenerator", Kind.NONE),
            Map.entry(ID + "ForeignGenerator", Kind.NONE));

    private GenericStrategies() {}

    /** The kind of the generator a {@code @GenericGenerator} names (see {@link GenericGeneratorAnnotation#generator}). */
    static Kind kind(String generator, HibernateLine line) {
        String resolved = generator.equals("table") && line.namesTableStrategy() ? ID + "enhanced.TableGenerator"
                : SHORT_NAMES.getOrDefault(generator, generator);
        return CLASSES.getOrDefault(resolved, Kind.UNKNOWN);
    }
}
