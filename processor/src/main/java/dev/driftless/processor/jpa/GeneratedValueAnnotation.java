package dev.driftless.processor.jpa;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A typed view of {@code @GeneratedValue}: the strategy's constant name and the generator's name. */
record GeneratedValueAnnotation(AnnotationMirror mirror, String strategy, String generator) {

    static Optional<GeneratedValueAnnotation> on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "GeneratedValue")
                .map(v -> new GeneratedValueAnnotation(v.mirror(), v.constant("strategy", "AUTO"), v.string("generator")));
    }
}
