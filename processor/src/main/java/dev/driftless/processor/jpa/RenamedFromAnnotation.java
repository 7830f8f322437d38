package dev.driftless.processor.jpa;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A typed view of Driftless's own {@code @RenamedFrom}: the column's previous name, folded like
 * every name. Read by name like the JPA annotations, so the processor never loads it.
 */
record RenamedFromAnnotation(AnnotationMirror mirror, String oldName) {

    static final String NAME = "dev.driftless.annotations.RenamedFrom";

    static Optional<RenamedFromAnnotation> on(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(NAME)) {
                return mirror.getElementValues().values().stream()
                        .map(v -> v.getValue())
                        .filter(String.class::isInstance)
                        .map(v -> new RenamedFromAnnotation(mirror, PostgresNames.fold((String) v)))
                        .findFirst();
            }
        }
        return Optional.empty();
    }
}
