package dev.driftless.processor.jpa;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The Bean Validation constraints Hibernate turns into DDL when a validator is present
 * ({@code jakarta.persistence.validation.mode} auto or ddl): {@code @NotNull} makes a column NOT
 * NULL, {@code @Size(max)} gives a string column its length. Read by name, jakarta and javax alike.
 */
final class BeanValidation {

    private static final String[] PACKAGES = {"jakarta.validation.constraints.", "javax.validation.constraints."};

    private BeanValidation() {}

    static boolean notNull(Element element) {
        return find(element, "NotNull") != null;
    }

    /** {@code @Size(max)} when given, else -1. */
    static int sizeMax(Element element) {
        AnnotationMirror size = find(element, "Size");
        if (size == null) {
            return -1;
        }
        for (var e : size.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("max") && e.getValue().getValue() instanceof Integer max) {
                return max;
            }
        }
        return -1;
    }

    private static AnnotationMirror find(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            for (String pkg : PACKAGES) {
                if (name.equals(pkg + simpleName)) {
                    return mirror;
                }
            }
        }
        return null;
    }
}
