package dev.driftless.processor.jpa;

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

    /** Types whose column needs no length, precision or scale. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("java.lang.Long", "bigint"),
            Map.entry("java.lang.Integer", "integer"),
            Map.entry("java.lang.Short", "smallint"),
            Map.entry("java.lang.Byte", "smallint"),
            Map.entry("java.lang.Boolean", "boolean"),
            Map.entry("java.lang.Double", "double precision"),
            Map.entry("java.lang.Float", "real"),
            Map.entry("java.lang.Character", "character(1)"),
            Map.entry("java.math.BigInteger", "numeric(38,0)"),
            Map.entry("java.util.UUID", "uuid"),
            Map.entry("java.time.LocalDate", "date"),
            Map.entry("java.time.LocalTime", "time(6) without time zone"),
            Map.entry("java.time.LocalDateTime", "timestamp(6) without time zone"),
            Map.entry("java.time.OffsetDateTime", "timestamp(6) with time zone"),
            Map.entry("java.time.ZonedDateTime", "timestamp(6) with time zone"),
            Map.entry("java.time.Instant", "timestamp(6) with time zone"),
            Map.entry("java.time.OffsetTime", "time(6) with time zone"));

    private static final Map<TypeKind, String> PRIMITIVES = Map.of(
            TypeKind.LONG, "bigint",
            TypeKind.INT, "integer",
            TypeKind.SHORT, "smallint",
            TypeKind.BYTE, "smallint",
            TypeKind.BOOLEAN, "boolean",
            TypeKind.DOUBLE, "double precision",
            TypeKind.FLOAT, "real",
            TypeKind.CHAR, "character(1)");

    /** What kind of basic value a Java type is. */
    enum Kind { FIXED, STRING, DECIMAL, ENUM, BYTES }

    record Basic(Kind kind, String fixedSql) {}

    private BasicTypes() {}

    static Optional<Basic> of(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return Optional.ofNullable(PRIMITIVES.get(type.getKind())).map(sql -> new Basic(Kind.FIXED, sql));
        }
        if (type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.BYTE) {
            return Optional.of(new Basic(Kind.BYTES, "bytea"));
        }
        if (!(type instanceof DeclaredType declared)) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(new Basic(Kind.ENUM, null));
        }
        String name = element.getQualifiedName().toString();
        if (name.equals("java.lang.String")) {
            return Optional.of(new Basic(Kind.STRING, null));
        }
        if (name.equals("java.math.BigDecimal")) {
            return Optional.of(new Basic(Kind.DECIMAL, null));
        }
        return Optional.ofNullable(FIXED.get(name)).map(sql -> new Basic(Kind.FIXED, sql));
    }

    /** Whether an identity column can have this type. */
    static boolean isInteger(TypeMirror type) {
        return of(type).map(b -> b.kind() == Kind.FIXED
                        && (b.fixedSql().equals("bigint") || b.fixedSql().equals("integer") || b.fixedSql().equals("smallint")))
                .orElse(false);
    }
}
