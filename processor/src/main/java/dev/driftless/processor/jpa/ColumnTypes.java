package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.processor.diagnostics.Diagnostics;
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
    private static final java.util.regex.Pattern NOT_A_TYPE = java.util.regex.Pattern.compile(
            "(?i)\\b(null|default|primary|references|check|unique|generated|collate|constraint)\\b|;");

    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final Types types;

    ColumnTypes(JpaAnnotations jpa, Diagnostics diagnostics, Types types) {
        this.jpa = jpa;
        this.diagnostics = diagnostics;
        this.types = types;
    }

    /** The column type; empty after an error, reported on the attribute. */
    Optional<TypedColumn> of(PersistentAttribute attribute, ColumnAnnotation column) {
        Element field = attribute.element();
        TypeMirror type = attribute.type();
        if (!column.columnDefinition().isEmpty()) {
            if (NOT_A_TYPE.matcher(column.columnDefinition()).find()) {
                diagnostics.report(Message.BAD_COLUMN_DEFINITION, field, column.mirror(), attribute.display(),
                        column.columnDefinition());
                return Optional.empty();
            }
            return Optional.of(TypedColumn.of(ColumnType.of(column.columnDefinition()), BasicTypes.of(type).orElse(null)));
        }
        Optional<AnnotationValues> code = jpa.findNamed(field, "org.hibernate.annotations.JdbcTypeCode");
        if (code.isPresent()) {
            return jdbcTypeCode(attribute, column, code.get());
        }
        Optional<AnnotationValues> convert = jpa.find(field, "Convert").filter(c -> !c.bool("disableConversion", false));
        if (convert.isPresent() && convert.get().type("converter").isPresent()) {
            Optional<TypeMirror> databaseSide = converterColumnType(convert.get().type("converter").get());
            if (databaseSide.isEmpty()) {
                diagnostics.report(Message.BAD_CONVERTER, field, convert.get().mirror(), attribute.display(),
                        convert.get().type("converter").get());
                return Optional.empty();
            }
            return plain(attribute, column, databaseSide.get(), null);
        }
        if (jpa.has(field, "Lob")) {
            return lob(attribute, type);
        }
        Optional<String> legacy = legacyDate(attribute, type);
        if (legacy.isPresent()) {
            return legacy.get().isEmpty() ? Optional.empty() : Optional.of(TypedColumn.of(ColumnType.of(legacy.get()), null));
        }
        if (type instanceof ArrayType array && array.getComponentType().getKind() != TypeKind.BYTE) {
            return array(attribute, column, array.getComponentType());
        }
        return plain(attribute, column, type, attribute);
    }

    /** The default mapping of a Java type, with the size checks of its {@code @Column}. */
    private Optional<TypedColumn> plain(PersistentAttribute attribute, ColumnAnnotation column, TypeMirror type,
            PersistentAttribute enumOwner) {
        Optional<Basic> basic = BasicTypes.of(type);
        if (basic.isEmpty()) {
            diagnostics.report(Message.UNMAPPABLE_TYPE, attribute.element(), attribute.display(), type);
            return Optional.empty();
        }
        boolean enumAsString = enumOwner != null && BasicTypes.isEnumAsString(enumOwner, jpa);
        ColumnAnnotation sized = withBeanValidationLength(attribute, column);
        if (!hasValidSize(attribute, sized, basic.get(), enumAsString)) {
            return Optional.empty();
        }
        ColumnType columnType = BasicTypes.columnType(basic.get(), sized, enumAsString, jpa.hibernate());
        if (basic.get().kind() == BasicTypes.Kind.ENUM && type instanceof DeclaredType d) {
            List<String> values = enumConstants((TypeElement) d.asElement());
            if (values.isEmpty()) {
                diagnostics.report(Message.ENUM_WITHOUT_CONSTANTS, attribute.element(), attribute.display(), type);
                return Optional.empty();
            }
            String check = enumAsString
                    ? "{column} in (" + values.stream().map(Literals::standard)
                            .collect(Collectors.joining(",")) + ")"
                    : "{column} between 0 and " + (values.size() - 1);
            return Optional.of(new TypedColumn(columnType, basic.get(), Optional.of(check), Optional.empty()));
        }
        return Optional.of(TypedColumn.of(columnType, basic.get()));
    }

    /**
     * {@code @Size(max)} gives a string its length, over {@code @Column(length)}: Hibernate's
     * validator integration sets it last.
     */
    private static ColumnAnnotation withBeanValidationLength(PersistentAttribute attribute, ColumnAnnotation column) {
        int max = BeanValidation.sizeMax(attribute.element());
        return max <= 0 ? column : column.withLength(max);
    }

    private Optional<TypedColumn> jdbcTypeCode(PersistentAttribute attribute, ColumnAnnotation column, AnnotationValues code) {
        int value = code.integer("value", Integer.MIN_VALUE);
        TypeMirror type = attribute.type();
        switch (value) {
            case JSON:
                return Optional.of(TypedColumn.of(ColumnType.of("jsonb"), null));
            case UUID:
                return Optional.of(TypedColumn.of(ColumnType.of("uuid"), BasicTypes.of(type).orElse(null)));
            case VARCHAR:
                return Optional.of(TypedColumn.of(ColumnType.of("character varying(" + column.length() + ")"),
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
                        diagnostics.report(Message.ENUM_WITHOUT_CONSTANTS, attribute.element(), attribute.display(), type);
                        return Optional.empty();
                    }
                    // Hibernate declares the values of a named enum in alphabetical order.
                    var enumType = new EnumType(QualifiedName.of(PostgresNames.fold(e.getSimpleName().toString())),
                            enumConstants(e).stream().sorted().toList());
                    return Optional.of(new TypedColumn(ColumnType.of(enumType.name().name()), null, Optional.empty(),
                            Optional.of(enumType)));
                }
                break;
            default:
                break;
        }
        diagnostics.report(Message.UNSUPPORTED_JDBC_TYPE, attribute.element(), code.mirror(), value, attribute.display(),
                type);
        return Optional.empty();
    }

    /** A PostgreSQL array of the element's type: {@code character varying(255)[]}, {@code integer[]}. */
    private Optional<TypedColumn> array(PersistentAttribute attribute, ColumnAnnotation column, TypeMirror element) {
        Optional<Basic> basic = BasicTypes.of(element);
        if (basic.isEmpty() || basic.get().kind() == BasicTypes.Kind.ENUM) {
            diagnostics.report(Message.UNMAPPABLE_TYPE, attribute.element(), attribute.display(), attribute.type());
            return Optional.empty();
        }
        ColumnType elementType = BasicTypes.columnType(basic.get(), column, false, jpa.hibernate());
        return Optional.of(TypedColumn.of(ColumnType.of(elementType.sql() + "[]"), null));
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
    private Optional<TypedColumn> lob(PersistentAttribute attribute, TypeMirror type) {
        String name = type instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : "";
        boolean bytes = type instanceof ArrayType a && a.getComponentType().getKind() == TypeKind.BYTE;
        boolean text = name.equals("java.lang.String") || type instanceof ArrayType c
                && c.getComponentType().getKind() == TypeKind.CHAR;
        if (bytes || text || name.equals("java.sql.Blob") || name.equals("java.sql.Clob")) {
            return Optional.of(TypedColumn.of(ColumnType.of("oid"), null));
        }
        diagnostics.report(Message.UNMAPPABLE_TYPE, attribute.element(), attribute.display(), type);
        return Optional.empty();
    }

    /**
     * {@code java.util.Date} and {@code Calendar} take their SQL type from {@code @Temporal}
     * (TIMESTAMP when absent, as Hibernate does); the {@code java.sql} types have their own, as has
     * an {@code Instant}, but {@code @Temporal(DATE)} or {@code (TIME)} keeps only that part of a
     * Timestamp or an Instant, as in Hibernate. Empty when the type is not one of these; an empty
     * string after an error.
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

    /** Checks length, precision and scale where the type uses them; false after an error. */
    private boolean hasValidSize(PersistentAttribute attribute, ColumnAnnotation column, Basic basic, boolean enumAsString) {
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
}
