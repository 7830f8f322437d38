package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.BasicTypes.Basic;
import dev.driftless.sql.Literals;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The column type of a basic attribute, in the order Hibernate decides it: a
 * {@code columnDefinition}, Hibernate's {@code @JdbcTypeCode}, a JPA {@code @Convert}erter's
 * database-side type, {@code @Lob}, {@code @Temporal} for the legacy date types, enums (with the
 * check constraint Hibernate adds), arrays, and the default mapping of the Java type.
 */
final class ColumnTypes {

    /** The {@code org.hibernate.type.SqlTypes} codes this version reads. */
    private static final int JSON = 3001;
    private static final int ARRAY = 2003;
    private static final int NAMED_ENUM = 6001;
    private static final int VARCHAR = 12;
    private static final int UUID = 3000;

    /**
     * What a column definition may not hold besides its type: Hibernate pastes it into its DDL, but
     * the model keeps nullability, defaults and constraints apart, where the diff can see them.
     */
    static final java.util.regex.Pattern NOT_A_TYPE = java.util.regex.Pattern.compile(
            "(?i)\\b(null|default|primary|references|check|unique|generated|collate|constraint)\\b|;");

    private final JpaAnnotations jpa;
    private final Types types;

    ColumnTypes(JpaAnnotations jpa, Types types) {
        this.jpa = jpa;
        this.types = types;
    }

    /** The column type, or the problem (on the attribute) that keeps it from having one; reports nothing. */
    TypeResolution of(PersistentAttribute attribute, ColumnAnnotation column) {
        Element field = attribute.element();
        TypeMirror type = attribute.type();
        if (!column.columnDefinition().isEmpty()) {
            if (NOT_A_TYPE.matcher(column.columnDefinition()).find()) {
                return TypeResolution.failed(Problem.of(Message.BAD_COLUMN_DEFINITION, field, column.mirror(),
                        "@Column", attribute.display(), column.columnDefinition()));
            }
            ColumnType defined = ColumnType.of(column.columnDefinition());
            // serial makes its own values (a sequence the column owns): no identity on top of it.
            return TypeResolution.of(TypedColumn.of(defined, defined.serial() ? null : BasicTypes.of(type).orElse(null)));
        }
        Optional<AnnotationValues> code = jpa.findNamed(field, "org.hibernate.annotations.JdbcTypeCode");
        if (code.isPresent()) {
            return jdbcTypeCode(attribute, column, code.get());
        }
        Optional<AnnotationValues> convert = jpa.find(field, "Convert").filter(c -> !c.bool("disableConversion", false));
        if (convert.isPresent() && convert.get().type("converter").isPresent()) {
            Optional<TypeMirror> databaseSide = converterColumnType(convert.get().type("converter").get());
            if (databaseSide.isEmpty()) {
                return TypeResolution.failed(Problem.of(Message.BAD_CONVERTER, field, convert.get().mirror(),
                        attribute.display(), convert.get().type("converter").get()));
            }
            return plain(attribute, column, databaseSide.get(), null);
        }
        if (jpa.has(field, "Lob")) {
            return lob(attribute, type);
        }
        Optional<String> legacy = legacyDate(attribute, type);
        if (legacy.isPresent()) {
            return TypeResolution.of(TypedColumn.of(ColumnType.of(legacy.get()), null));
        }
        if (type instanceof ArrayType array && array.getComponentType().getKind() != TypeKind.BYTE) {
            return array(attribute, column, array.getComponentType());
        }
        return plain(attribute, column, type, attribute);
    }

    /**
     * The column of a map's key, typed like a basic attribute of the key's type, with
     * {@code @MapKeyEnumerated} and {@code @MapKeyTemporal} in the places of {@code @Enumerated}
     * and {@code @Temporal}.
     */
    TypeResolution mapKey(PersistentAttribute attribute, ColumnAnnotation column, TypeMirror keyType) {
        if (keyType instanceof DeclaredType d) {
            String name = ((TypeElement) d.asElement()).getQualifiedName().toString();
            if (name.equals("java.util.Date") || name.equals("java.util.Calendar")) {
                String temporal = jpa.find(attribute.element(), "MapKeyTemporal").map(t -> t.constant("value", "TIMESTAMP"))
                        .orElse("TIMESTAMP");
                return TypeResolution.of(TypedColumn.of(ColumnType.of(switch (temporal) {
                    case "DATE" -> "date";
                    case "TIME" -> "time(" + jpa.hibernate().defaultTimePrecision() + ") without time zone";
                    default -> "timestamp(6) without time zone";
                }), null));
            }
        }
        Optional<Basic> basic = BasicTypes.of(keyType);
        if (basic.isEmpty()) {
            return TypeResolution.failed(Problem.of(Message.UNMAPPABLE_TYPE, attribute.element(), null,
                    attribute.display() + " (its map key)", keyType));
        }
        boolean enumAsString = jpa.find(attribute.element(), "MapKeyEnumerated").map(e -> e.constant("value", "ORDINAL"))
                .orElse("ORDINAL").equals("STRING");
        Optional<Problem> badSize = sizeProblem(attribute, column, basic.get(), enumAsString);
        if (badSize.isPresent()) {
            return TypeResolution.failed(badSize.get());
        }
        return typed(attribute, keyType, basic.get(), column, enumAsString);
    }

    /** The default mapping of a Java type, with the size checks of its {@code @Column}. */
    private TypeResolution plain(PersistentAttribute attribute, ColumnAnnotation column, TypeMirror type,
            PersistentAttribute enumOwner) {
        Optional<Basic> basic = BasicTypes.of(type);
        if (basic.isEmpty()) {
            return TypeResolution.failed(Problem.of(Message.UNMAPPABLE_TYPE, attribute.element(), null,
                    attribute.display(), type));
        }
        boolean enumAsString = enumOwner != null && BasicTypes.isEnumAsString(enumOwner, jpa);
        ColumnAnnotation sized = withBeanValidationLength(attribute, column);
        Optional<Problem> badSize = sizeProblem(attribute, sized, basic.get(), enumAsString);
        if (badSize.isPresent()) {
            return TypeResolution.failed(badSize.get());
        }
        return typed(attribute, type, basic.get(), sized, enumAsString).after(sizeWarnings(attribute, sized, basic.get()));
    }

    private TypeResolution typed(PersistentAttribute attribute, TypeMirror type, Basic basic, ColumnAnnotation sized,
            boolean enumAsString) {
        ColumnType columnType = BasicTypes.columnType(basic, sized, enumAsString, jpa.hibernate());
        if (basic.kind() == BasicTypes.Kind.ENUM && type instanceof DeclaredType d) {
            List<String> values = enumConstants((TypeElement) d.asElement());
            if (values.isEmpty()) {
                return TypeResolution.failed(Problem.of(Message.ENUM_WITHOUT_CONSTANTS, attribute.element(), null,
                        attribute.display(), type));
            }
            String check = enumAsString
                    ? "{column} in (" + values.stream().map(Literals::standard)
                            .collect(Collectors.joining(",")) + ")"
                    : "{column} between 0 and " + (values.size() - 1);
            return TypeResolution.of(new TypedColumn(columnType, basic, Optional.of(check), Optional.empty()));
        }
        return TypeResolution.of(TypedColumn.of(columnType, basic));
    }

    /**
     * {@code @Size(max)} gives a string its length, over {@code @Column(length)}: Hibernate's
     * validator integration sets it last.
     */
    private static ColumnAnnotation withBeanValidationLength(PersistentAttribute attribute, ColumnAnnotation column) {
        int max = BeanValidation.sizeMax(attribute.element());
        return max <= 0 ? column : column.withLength(max);
    }

    private TypeResolution jdbcTypeCode(PersistentAttribute attribute, ColumnAnnotation column, AnnotationValues code) {
        int value = code.integer("value", Integer.MIN_VALUE);
        TypeMirror type = attribute.type();
        switch (value) {
            case JSON:
                return TypeResolution.of(TypedColumn.of(ColumnType.of("jsonb"), null));
            case UUID:
                return TypeResolution.of(TypedColumn.of(ColumnType.of("uuid"), BasicTypes.of(type).orElse(null)));
            case VARCHAR:
                return TypeResolution.of(TypedColumn.of(ColumnType.of("character varying(" + column.length() + ")"),
                        BasicTypes.of(type).orElse(null)));
            case ARRAY: {
                Optional<TypeMirror> element = elementType(type);
                if (element.isPresent()) {
                    return array(attribute, column, element.get());
                }
                break;
            }
            case NAMED_ENUM:
                if (type instanceof DeclaredType d && d.asElement().getKind() == ElementKind.ENUM) {
                    TypeElement e = (TypeElement) d.asElement();
                    if (enumConstants(e).isEmpty()) {
                        // PostgreSQL would take an empty enum type, but its column could hold nothing but null.
                        return TypeResolution.failed(Problem.of(Message.ENUM_WITHOUT_CONSTANTS, attribute.element(), null,
                                attribute.display(), type));
                    }
                    // Hibernate declares the values of a named enum in alphabetical order.
                    var enumType = new EnumType(QualifiedName.of(PostgresNames.fold(e.getSimpleName().toString())),
                            enumConstants(e).stream().sorted().toList());
                    return TypeResolution.of(new TypedColumn(ColumnType.of(enumType.name().name()), null, Optional.empty(),
                            Optional.of(enumType)));
                }
                break;
            default:
                break;
        }
        return TypeResolution.failed(Problem.of(Message.UNSUPPORTED_JDBC_TYPE, attribute.element(), code.mirror(), value,
                attribute.display(), type));
    }

    /** A PostgreSQL array of the element's type: {@code character varying(255)[]}, {@code integer[]}. */
    private TypeResolution array(PersistentAttribute attribute, ColumnAnnotation column, TypeMirror element) {
        Optional<Basic> basic = BasicTypes.of(element);
        if (basic.isEmpty() || basic.get().kind() == BasicTypes.Kind.ENUM) {
            return TypeResolution.failed(Problem.of(Message.UNMAPPABLE_TYPE, attribute.element(), null,
                    attribute.display(), attribute.type()));
        }
        ColumnType elementType = BasicTypes.columnType(basic.get(), column, false, jpa.hibernate());
        return TypeResolution.of(TypedColumn.of(ColumnType.of(elementType.sql() + "[]"), null));
    }

    /** The element type of an array or a collection. */
    private Optional<TypeMirror> elementType(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return Optional.of(array.getComponentType());
        }
        if (type instanceof DeclaredType d && d.getTypeArguments().size() == 1) {
            return Optional.of(d.getTypeArguments().get(0));
        }
        return Optional.empty();
    }

    /** {@code @Lob}: Hibernate keeps large objects out of line, as PostgreSQL large objects ({@code oid}). */
    private TypeResolution lob(PersistentAttribute attribute, TypeMirror type) {
        String name = type instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : "";
        boolean bytes = type instanceof ArrayType a && a.getComponentType().getKind() == TypeKind.BYTE;
        boolean text = name.equals("java.lang.String") || type instanceof ArrayType c
                && c.getComponentType().getKind() == TypeKind.CHAR;
        if (bytes || text || name.equals("java.sql.Blob") || name.equals("java.sql.Clob")) {
            return TypeResolution.of(TypedColumn.of(ColumnType.of("oid"), null));
        }
        return TypeResolution.failed(Problem.of(Message.UNMAPPABLE_TYPE, attribute.element(), null, attribute.display(),
                type));
    }

    /**
     * {@code java.util.Date} and {@code Calendar} take their SQL type from {@code @Temporal}
     * (TIMESTAMP when absent, as Hibernate does); the {@code java.sql} types have their own, as has
     * an {@code Instant}, but {@code @Temporal(DATE)} or {@code (TIME)} keeps only that part of a
     * Timestamp or an Instant, as in Hibernate. Empty when the type is not one of these.
     */
    private Optional<String> legacyDate(PersistentAttribute attribute, TypeMirror type) {
        if (!(type instanceof DeclaredType d)) {
            return Optional.empty();
        }
        String name = ((TypeElement) d.asElement()).getQualifiedName().toString();
        switch (name) {
            case "java.sql.Date":
                return Optional.of("date");
            case "java.sql.Time":
                return Optional.of("time(" + jpa.hibernate().defaultTimePrecision() + ") without time zone");
            case "java.sql.Timestamp":
                // Hibernate keeps a Timestamp with @Temporal(DATE) as its date alone.
                return Optional.of(temporal(attribute).equals("DATE") ? "date" : "timestamp(6) without time zone");
            case "java.time.Instant":
                // Likewise an Instant with @Temporal(DATE) or @Temporal(TIME).
                return switch (temporal(attribute)) {
                    case "DATE" -> Optional.of("date");
                    case "TIME" -> Optional.of("time(6) without time zone");
                    default -> Optional.empty();
                };
            case "java.util.Date":
            case "java.util.Calendar":
                break;
            default:
                return Optional.empty();
        }
        String temporal = temporal(attribute);
        return Optional.of(switch (temporal) {
            case "DATE" -> "date";
            case "TIME" -> "time(" + jpa.hibernate().defaultTimePrecision() + ") without time zone";
            default -> "timestamp(6) without time zone";
        });
    }

    /** {@code @Temporal}'s kind on the attribute, TIMESTAMP when it gives none; empty without {@code @Temporal}. */
    private String temporal(PersistentAttribute attribute) {
        return jpa.find(attribute.element(), "Temporal").map(t -> t.constant("value", "TIMESTAMP")).orElse("");
    }

    /** The database-side type argument {@code Y} of the converter's {@code AttributeConverter<X, Y>}. */
    private Optional<TypeMirror> converterColumnType(TypeMirror converter) {
        for (TypeMirror t = converter; t != null && t.getKind() == TypeKind.DECLARED; ) {
            for (TypeMirror s : types.directSupertypes(t)) {
                if (s instanceof DeclaredType d && d.getTypeArguments().size() == 2
                        && ((TypeElement) d.asElement()).getQualifiedName().toString().endsWith(".persistence.AttributeConverter")) {
                    return Optional.of(d.getTypeArguments().get(1));
                }
            }
            List<? extends TypeMirror> supers = types.directSupertypes(t);
            t = supers.isEmpty() ? null : supers.get(0);
        }
        return Optional.empty();
    }

    static List<String> enumConstants(TypeElement e) {
        return ElementFilter.fieldsIn(e.getEnclosedElements()).stream()
                .filter(f -> f.getKind() == ElementKind.ENUM_CONSTANT)
                .map(f -> f.getSimpleName().toString())
                .toList();
    }

    /** What is wrong with the length, precision or scale, where the type uses them. */
    private static Optional<Problem> sizeProblem(PersistentAttribute attribute, ColumnAnnotation column, Basic basic,
            boolean enumAsString) {
        Element field = attribute.element();
        if (BasicTypes.usesLength(basic, enumAsString) && column.length() <= 0) {
            return Optional.of(Problem.of(Message.BAD_LENGTH, field, column.mirror(), column.length(), attribute.display()));
        }
        if (!BasicTypes.usesPrecision(basic)) {
            return Optional.empty();
        }
        int precision = column.precision();
        int scale = column.scale();
        if (precision < 0 || precision > BasicTypes.MAX_NUMERIC_PRECISION || scale < 0) {
            return Optional.of(Problem.of(Message.BAD_PRECISION, field, column.mirror(), precision, scale,
                    attribute.display()));
        }
        if (precision > 0 && scale > precision) {
            return Optional.of(Problem.of(Message.SCALE_OVER_PRECISION, field, column.mirror(), precision, scale,
                    attribute.display()));
        }
        return Optional.empty();
    }

    /** The warning for a scale without a precision, which Hibernate ignores (a valid size is assumed). */
    private static List<Problem> sizeWarnings(PersistentAttribute attribute, ColumnAnnotation column, Basic basic) {
        if (BasicTypes.usesPrecision(basic) && column.precision() == 0 && column.scale() != 0) {
            return List.of(Problem.of(Message.SCALE_IGNORED, attribute.element(), column.mirror(), column.scale(),
                    attribute.display(), column.scale()));
        }
        return List.of();
    }
}
