package dev.driftless.processor.jpa;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads JPA annotations by name from mirrors, the same for {@code jakarta.persistence} and
 * {@code javax.persistence}; no JPA class is ever loaded.
 */
final class Annotations {

    static final List<String> PACKAGES = List.of("jakarta.persistence.", "javax.persistence.");

    private final Elements elements;

    Annotations(Elements elements) {
        this.elements = elements;
    }

    /** The JPA annotation with this simple name on the element, from either package. */
    Optional<Annotation> find(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            for (String pkg : PACKAGES) {
                if (name.equals(pkg + simpleName)) {
                    return Optional.of(new Annotation(mirror, elements.getElementValuesWithDefaults(mirror)));
                }
            }
        }
        return Optional.empty();
    }

    boolean has(Element element, String simpleName) {
        return find(element, simpleName).isPresent();
    }

    /** A typed view of one annotation's values, defaults included. */
    final class Annotation {
        private final AnnotationMirror mirror;
        private final Map<? extends ExecutableElement, ? extends AnnotationValue> values;

        Annotation(AnnotationMirror mirror, Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
            this.mirror = mirror;
            this.values = values;
        }

        AnnotationMirror mirror() {
            return mirror;
        }

        private Object value(String name) {
            for (var entry : values.entrySet()) {
                if (entry.getKey().getSimpleName().contentEquals(name)) {
                    return entry.getValue().getValue();
                }
            }
            return null;
        }

        String string(String name) {
            Object v = value(name);
            return v instanceof String s ? s : "";
        }

        int integer(String name, int otherwise) {
            Object v = value(name);
            return v instanceof Integer i ? i : otherwise;
        }

        boolean bool(String name, boolean otherwise) {
            Object v = value(name);
            return v instanceof Boolean b ? b : otherwise;
        }

        /** The simple name of an enum constant value, e.g. {@code IDENTITY}. */
        String constant(String name) {
            Object v = value(name);
            return v instanceof VariableElement e ? e.getSimpleName().toString() : "";
        }

        /** A class value, when it is not {@code void.class}. */
        Optional<TypeMirror> type(String name) {
            Object v = value(name);
            return v instanceof DeclaredType t ? Optional.of(t) : Optional.empty();
        }

        List<String> strings(String name) {
            Object v = value(name);
            if (!(v instanceof List<?> list)) {
                return List.of();
            }
            return list.stream().map(a -> (String) ((AnnotationValue) a).getValue()).toList();
        }

        List<Annotation> annotations(String name) {
            Object v = value(name);
            if (!(v instanceof List<?> list)) {
                return List.of();
            }
            return list.stream()
                    .map(a -> (AnnotationMirror) ((AnnotationValue) a).getValue())
                    .map(m -> new Annotation(m, elements.getElementValuesWithDefaults(m)))
                    .toList();
        }
    }
}
