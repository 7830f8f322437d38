package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that {@code @Temporal}, {@code @Version} and {@code @Enumerated} fit the Java type of the
 * basic attribute they are on, and {@code @GeneratedValue} its being part of the id, as Hibernate 7 decides it (each rule was seen by booting Hibernate
 * on the mapping): a mapping it refuses is an error here, one it ignores a warning.
 */
final class BasicAnnotations {

    /** The java.time and java.sql types Hibernate reads {@code @Temporal} on, with the kinds it accepts for each. */
    private static final Map<String, Set<String>> TEMPORAL_KINDS = Map.ofEntries(
            Map.entry("java.util.Date", Set.of("DATE", "TIME", "TIMESTAMP")),
            Map.entry("java.util.Calendar", Set.of("DATE", "TIME", "TIMESTAMP")),
            Map.entry("java.time.Instant", Set.of("DATE", "TIME", "TIMESTAMP")),
            Map.entry("java.time.LocalDate", Set.of("DATE")),
            Map.entry("java.time.LocalTime", Set.of("TIME")),
            Map.entry("java.time.OffsetTime", Set.of("TIME")),
            Map.entry("java.time.LocalDateTime", Set.of("TIMESTAMP")),
            Map.entry("java.time.OffsetDateTime", Set.of("TIMESTAMP")),
            Map.entry("java.time.ZonedDateTime", Set.of("TIMESTAMP")),
            Map.entry("java.sql.Date", Set.of("DATE")),
            Map.entry("java.sql.Time", Set.of("TIME")),
            Map.entry("java.sql.Timestamp", Set.of("DATE", "TIMESTAMP")));

    /** The java.time type to use instead, per {@code TemporalType}. */
    private static final Map<String, String> TEMPORAL_SUGGESTION = Map.of("DATE", "java.time.LocalDate",
            "TIME", "java.time.LocalTime", "TIMESTAMP", "java.time.LocalDateTime");

    /** The classes Hibernate can keep a version in (its VersionJavaType implementations), besides the integer primitives. */
    private static final Set<String> VERSION_CLASSES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.time.Instant", "java.time.LocalDateTime", "java.time.OffsetDateTime",
            "java.time.ZonedDateTime", "java.util.Date", "java.util.Calendar", "java.sql.Timestamp");
    private static final Set<TypeKind> VERSION_PRIMITIVES = Set.of(TypeKind.INT, TypeKind.LONG, TypeKind.SHORT, TypeKind.BYTE);

    private BasicAnnotations() {}

    /**
     * Whether the annotations fit the attribute; reports each that does not.
     *
     * @param id whether the attribute is (part of) the id
     * @param inEmbeddable whether the attribute belongs to an embedded value
     */
    static boolean fit(PersistentAttribute attribute, boolean id, boolean inEmbeddable, JpaAnnotations jpa,
            Diagnostics diagnostics) {
        Element field = attribute.element();
        TypeMirror type = attribute.type();
        // A converter decides the database-side type; the annotations then apply to what it makes.
        boolean converted = jpa.find(field, "Convert").filter(c -> !c.bool("disableConversion", false)).isPresent();
        boolean fits = true;
        Optional<AnnotationValues> temporal = jpa.find(field, "Temporal");
        if (temporal.isPresent() && !converted) {
            String kind = temporal.get().constant("value", "TIMESTAMP");
            Set<String> kinds = TEMPORAL_KINDS.get(className(type));
            if (kinds == null) {
                diagnostics.report(Message.TEMPORAL_IGNORED, field, temporal.get().mirror(), attribute.display(), type);
            } else if (!kinds.contains(kind)) {
                diagnostics.report(Message.TEMPORAL_MISMATCH, field, temporal.get().mirror(), kind, attribute.display(),
                        type, TEMPORAL_SUGGESTION.getOrDefault(kind, "java.time.LocalDateTime"));
                fits = false;
            }
        }
        Optional<AnnotationValues> version = jpa.find(field, "Version");
        if (version.isPresent() && !converted) {
            String problem = inEmbeddable
                    ? "but a version belongs to the entity, not to an @Embeddable: move the @Version attribute to the entity"
                    : isVersionType(type) ? null
                    : "which Hibernate cannot increment: use int, long or short (or Integer, Long, Short), or Instant "
                            + "or LocalDateTime for a timestamp version";
            if (problem != null) {
                diagnostics.report(Message.VERSION_TYPE, field, version.get().mirror(), attribute.display(), type, problem);
                fits = false;
            }
        }
        Optional<AnnotationValues> enumerated = jpa.find(field, "Enumerated");
        Optional<BasicTypes.Basic> basic = BasicTypes.of(type);
        if (enumerated.isPresent() && converted) {
            diagnostics.report(Message.ENUMERATED_WITH_CONVERTER, field, enumerated.get().mirror(), attribute.display());
            fits = false;
        } else if (enumerated.isPresent() && basic.isPresent() && basic.get().kind() != BasicTypes.Kind.ENUM) {
            diagnostics.report(Message.ENUMERATED_NOT_ENUM, field, enumerated.get().mirror(), attribute.display(), type);
            fits = false;
        }
        Optional<AnnotationValues> generated = jpa.find(field, "GeneratedValue");
        if (generated.isPresent() && !id) {
            diagnostics.report(Message.GENERATED_NOT_ID, field, generated.get().mirror(), attribute.display());
            fits = false;
        }
        return fits;
    }

    private static boolean isVersionType(TypeMirror type) {
        if (VERSION_PRIMITIVES.contains(type.getKind())) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return array.getComponentType().getKind() == TypeKind.BYTE;
        }
        return VERSION_CLASSES.contains(className(type));
    }

    private static String className(TypeMirror type) {
        return type instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : "";
    }
}
