package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The PostgreSQL type Hibernate 6 gives each basic Java type. */
final class BasicTypes {

    /** What kind of basic value a Java type is: it decides which {@code @Column} attributes count. */
    enum Kind {
        /** bigint, integer, smallint: may be an identity or come from a sequence. */
        INTEGER,
        /** numeric(38,0), or numeric(precision,scale); may come from a sequence. */
        BIG_INTEGER,
        /** numeric(precision,scale), Hibernate's default numeric(38,2); may come from a sequence. */
        DECIMAL,
        /** character varying(length). */
        STRING,
        /** smallint, or character varying(length) with {@code @Enumerated(STRING)}. */
        ENUM,
        UUID,
        /** timestamp with a fractional-second precision, 6 unless {@code @Column(secondPrecision)}. */
        TEMPORAL,
        /**
         * time with a fractional-second precision, unless {@code @Column(secondPrecision)} that of the
         * Hibernate line ({@link HibernateLine#defaultTimePrecision}).
         */
        TIME,
        /** A type with one spelling. */
        FIXED
    }

    /**
     * A basic type.
     *
     * @param sql the spelling of a FIXED, INTEGER or UUID type; for TEMPORAL a format taking the precision
     */
    record Basic(Kind kind, String sql) {}

    /** PostgreSQL's limit for character varying(n); Hibernate maps longer strings to text. */
    static final int MAX_VARCHAR_LENGTH = 10_485_760;
    /** PostgreSQL's limit for numeric(p, s). */
    static final int MAX_NUMERIC_PRECISION = 1000;
    private static final int DEFAULT_SECOND_PRECISION = 6;
    private static final int MAX_SECOND_PRECISION = 6;

    private static final Map<TypeKind, Basic> PRIMITIVES = Map.of(
            TypeKind.LONG, new Basic(Kind.INTEGER, "bigint"),
            TypeKind.INT, new Basic(Kind.INTEGER, "integer"),
            TypeKind.SHORT, new Basic(Kind.INTEGER, "smallint"),
            TypeKind.BYTE, new Basic(Kind.INTEGER, "smallint"),
            TypeKind.BOOLEAN, new Basic(Kind.FIXED, "boolean"),
            TypeKind.DOUBLE, new Basic(Kind.FIXED, "double precision"),
            TypeKind.FLOAT, new Basic(Kind.FIXED, "real"),
            TypeKind.CHAR, new Basic(Kind.FIXED, "character(1)"));

    private static final Map<String, Basic> CLASSES = Map.ofEntries(
            Map.entry("java.lang.Long", PRIMITIVES.get(TypeKind.LONG)),
            Map.entry("java.lang.Integer", PRIMITIVES.get(TypeKind.INT)),
            Map.entry("java.lang.Short", PRIMITIVES.get(TypeKind.SHORT)),
            Map.entry("java.lang.Byte", PRIMITIVES.get(TypeKind.BYTE)),
            Map.entry("java.lang.Boolean", PRIMITIVES.get(TypeKind.BOOLEAN)),
            Map.entry("java.lang.Double", PRIMITIVES.get(TypeKind.DOUBLE)),
            Map.entry("java.lang.Float", PRIMITIVES.get(TypeKind.FLOAT)),
            Map.entry("java.lang.Character", PRIMITIVES.get(TypeKind.CHAR)),
            Map.entry("java.lang.String", new Basic(Kind.STRING, null)),
            Map.entry("java.math.BigInteger", new Basic(Kind.BIG_INTEGER, null)),
            Map.entry("java.math.BigDecimal", new Basic(Kind.DECIMAL, null)),
            Map.entry("java.util.UUID", new Basic(Kind.UUID, "uuid")),
            Map.entry("java.time.LocalDate", new Basic(Kind.FIXED, "date")),
            // Hibernate 7 keeps a Duration as its nanoseconds.
            Map.entry("java.time.Duration", new Basic(Kind.FIXED, "numeric(21,0)")),
            Map.entry("java.time.LocalTime", new Basic(Kind.TIME, "time(%d) without time zone")),
            Map.entry("java.time.LocalDateTime", new Basic(Kind.TEMPORAL, "timestamp(%d) without time zone")),
            Map.entry("java.time.OffsetDateTime", new Basic(Kind.TEMPORAL, "timestamp(%d) with time zone")),
            Map.entry("java.time.ZonedDateTime", new Basic(Kind.TEMPORAL, "timestamp(%d) with time zone")),
            Map.entry("java.time.Instant", new Basic(Kind.TEMPORAL, "timestamp(%d) with time zone")),
            // Hibernate 7 normalizes an OffsetTime to UTC and keeps it in a plain time column.
            Map.entry("java.time.OffsetTime", new Basic(Kind.TIME, "time(%d) without time zone")));

    private static final Basic BYTES = new Basic(Kind.FIXED, "bytea");
    private static final Basic ENUM = new Basic(Kind.ENUM, null);

    private BasicTypes() {}

    /** The basic type of a Java type, or empty when Hibernate has no default mapping for it. */
    static Optional<Basic> of(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return Optional.ofNullable(PRIMITIVES.get(type.getKind()));
        }
        if (type instanceof ArrayType array) {
            return array.getComponentType().getKind() == TypeKind.BYTE ? Optional.of(BYTES) : Optional.empty();
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(ENUM);
        }
        return Optional.ofNullable(CLASSES.get(element.getQualifiedName().toString()));
    }

    /**
     * The column type: strings and STRING enums take the length (default 255; text beyond
     * PostgreSQL's varchar limit); numerics the precision and scale, which Hibernate only honours
     * with a precision; temporals the second precision (PostgreSQL keeps at most 6).
     *
     * @param enumAsString whether the attribute is {@code @Enumerated(STRING)}
     * @param hibernate the line modelled, which sets a time's precision
     */
    static ColumnType columnType(Basic basic, ColumnAnnotation column, boolean enumAsString, HibernateLine hibernate) {
        return ColumnType.of(switch (basic.kind()) {
            case INTEGER, UUID, FIXED -> basic.sql();
            case STRING -> varchar(column.length());
            case ENUM -> enumAsString ? varchar(column.length()) : "smallint";
            case DECIMAL -> column.precision() > 0
                    ? "numeric(" + column.precision() + "," + column.scale() + ")" : "numeric(38,2)";
            case BIG_INTEGER -> column.precision() > 0
                    ? "numeric(" + column.precision() + "," + column.scale() + ")" : "numeric(38,0)";
            case TEMPORAL -> String.format(basic.sql(), column.secondPrecision() < 0
                    ? DEFAULT_SECOND_PRECISION : Math.min(column.secondPrecision(), MAX_SECOND_PRECISION));
            case TIME -> String.format(basic.sql(), column.secondPrecision() < 0
                    ? hibernate.defaultTimePrecision() : Math.min(column.secondPrecision(), MAX_SECOND_PRECISION));
        });
    }

    private static String varchar(int length) {
        return length > MAX_VARCHAR_LENGTH ? "text" : "character varying(" + length + ")";
    }

    /** Whether the attribute is {@code @Enumerated(STRING)}; without {@code @Enumerated} an enum is ORDINAL. */
    static boolean isEnumAsString(PersistentAttribute attribute, JpaAnnotations jpa) {
        return jpa.find(attribute.element(), "Enumerated").map(e -> e.constant("value", "ORDINAL")).orElse("ORDINAL")
                .equals("STRING");
    }

    /** Whether the column's length counts for this type. */
    static boolean usesLength(Basic basic, boolean enumAsString) {
        return basic.kind() == Kind.STRING || (basic.kind() == Kind.ENUM && enumAsString);
    }

    /** Whether the column's precision and scale count for this type. */
    static boolean usesPrecision(Basic basic) {
        return basic.kind() == Kind.DECIMAL || basic.kind() == Kind.BIG_INTEGER;
    }

    /** Whether a sequence can generate values of this type (Hibernate's integral holders). */
    static boolean isSequenceNumber(Basic basic) {
        return basic.kind() == Kind.INTEGER || basic.kind() == Kind.BIG_INTEGER || basic.kind() == Kind.DECIMAL;
    }
}
