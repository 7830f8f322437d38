package dev.driftless.processor.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Which annotation types are JPA's ({@code jakarta.persistence} or {@code javax.persistence}), each
 * type's qualified name spelt out once per compilation: the readers ask for every annotation of
 * every element of the model, and javac builds a new string for each qualified name asked for.
 */
final class JpaAnnotationNames {

    private static final List<String> PACKAGES = List.of("jakarta.persistence.", "javax.persistence.");
    /**
     * The simple name of each annotation type met, or "" for one that is not JPA's; keyed by
     * equality, not identity: a compiler may give out a new element object for the same type.
     */
    private final Map<Element, String> simpleNames = new HashMap<>();

    /** The simple name of the mirror's annotation type ({@code "Column"}) when it is JPA's, else "". */
    String simpleName(AnnotationMirror mirror) {
        return simpleNames.computeIfAbsent(mirror.getAnnotationType().asElement(), type -> {
            String name = ((TypeElement) type).getQualifiedName().toString();
            for (String pkg : PACKAGES) {
                if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
                    return name.substring(pkg.length());
                }
            }
            return "";
        });
    }
}
