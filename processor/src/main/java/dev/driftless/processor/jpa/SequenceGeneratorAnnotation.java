package dev.driftless.processor.jpa;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A typed view of {@code @SequenceGenerator}, with the element it is declared on.
 *
 * @param holder the field or class that declares the generator
 */
record SequenceGeneratorAnnotation(
        AnnotationMirror mirror,
        Element holder,
        String name,
        String sequenceName,
        String schema,
        int initialValue,
        int allocationSize) {

    static Optional<SequenceGeneratorAnnotation> on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "SequenceGenerator").map(v -> new SequenceGeneratorAnnotation(v.mirror(), element,
                v.string("name"), v.string("sequenceName"), v.string("schema"),
                v.integer("initialValue", 1), v.integer("allocationSize", 50)));
    }
}
