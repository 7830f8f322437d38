package dev.driftless.processor.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The values of one annotation, defaults included, read by attribute name. A missing attribute (an
 * older JPA version lacks it) or a value of another kind (a source that does not compile) reads as
 * the given default, so the typed views built on this never fail.
 */
final class AnnotationValues {

    private final AnnotationMirror mirror;
    /** The value of each attribute by its name, decoded once. */
    private final Map<String, Object> values = new HashMap<>();
    private final JpaAnnotations jpa;

    AnnotationValues(AnnotationMirror mirror, Map<? extends ExecutableElement, ? extends AnnotationValue> values,
            JpaAnnotations jpa) {
        this.mirror = mirror;
        values.forEach((member, value) -> this.values.putIfAbsent(member.getSimpleName().toString(), value.getValue()));
        this.jpa = jpa;
    }

    AnnotationMirror mirror() {
        return mirror;
    }

    /** The Hibernate line being modelled, for the members it reads or passes over. */
    HibernateLine hibernate() {
        return jpa.hibernate();
    }

    /**
     * A JPA 3.2 string member ({@code comment}) as the modelled Hibernate reads it: empty on a line
     * that implements JPA 3.1 and passes over it.
     */
    String jpa32String(String name) {
        return hibernate().readsJpa32Members() ? string(name) : "";
    }

    /** The annotation as written in messages, e.g. {@code @ManyToOne}. */
    String display() {
        return "@" + mirror.getAnnotationType().asElement().getSimpleName();
    }

    private Object value(String name) {
        return values.get(name);
    }

    String string(String name) {
        return value(name) instanceof String s ? s : "";
    }

    int integer(String name, int otherwise) {
        return value(name) instanceof Integer i ? i : otherwise;
    }

    boolean bool(String name, boolean otherwise) {
        return value(name) instanceof Boolean b ? b : otherwise;
    }

    /** The simple name of an enum constant value, e.g. {@code IDENTITY}; {@code otherwise} when unset. */
    String constant(String name, String otherwise) {
        return value(name) instanceof VariableElement e ? e.getSimpleName().toString() : otherwise;
    }

    /** A class value, unless it is {@code void.class} (JPA's "not given"). */
    Optional<TypeMirror> type(String name) {
        return value(name) instanceof DeclaredType t ? Optional.of(t) : Optional.empty();
    }

    List<String> strings(String name) {
        if (value(name) instanceof List<?> list) {
            return list.stream()
                    .map(v -> ((AnnotationValue) v).getValue())
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return value(name) instanceof String s ? List.of(s) : List.of();
    }

    /** A nested annotation or an array of them, e.g. {@code @Table(indexes = ...)}. */
    List<AnnotationValues> annotations(String name) {
        Object v = value(name);
        if (v instanceof AnnotationMirror single) {
            return List.of(jpa.values(single));
        }
        if (v instanceof List<?> list) {
            return list.stream()
                    .map(a -> ((AnnotationValue) a).getValue())
                    .filter(AnnotationMirror.class::isInstance)
                    .map(m -> jpa.values((AnnotationMirror) m))
                    .toList();
        }
        return List.of();
    }

    Optional<AnnotationValues> annotation(String name) {
        return value(name) instanceof AnnotationMirror m ? Optional.of(jpa.values(m)) : Optional.empty();
    }

    /**
     * Which of these attributes are given a value (a non-empty string or array), as
     * {@code @Column(columnDefinition)}: for attributes this version does not read yet.
     */
    List<String> given(String... names) {
        return java.util.Arrays.stream(names)
                .filter(n -> {
                    Object v = value(n);
                    return v instanceof String s ? !s.isEmpty() : v instanceof List<?> l && !l.isEmpty();
                })
                .map(n -> display() + "(" + n + ")")
                .toList();
    }
}
