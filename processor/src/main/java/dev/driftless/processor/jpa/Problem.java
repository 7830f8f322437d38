package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A problem found while reading, as a value: what to report, on which element and annotation, with
 * which arguments. Whoever reads for the entity's own table reports it; a reader that only looks
 * (the keys of a referenced entity) drops it.
 */
record Problem(Message message, Element element, AnnotationMirror mirror, List<Object> args) {

    Problem {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    static Problem of(Message message, Element element, AnnotationMirror mirror, Object... args) {
        return new Problem(message, element, mirror, Arrays.asList(args));
    }

    void report(Diagnostics diagnostics) {
        diagnostics.report(message, element, mirror, args.toArray());
    }
}
