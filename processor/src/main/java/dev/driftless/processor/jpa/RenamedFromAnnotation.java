package dev.driftless.processor.jpa;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A typed view of Driftless's own {@code @RenamedFrom}: the previous name of the column or table
 * exactly as it is in the database (never folded or unquoted: {@code "CamelColumn"} names the
 * column {@code "CamelColumn"}), and whether the rename is done online (expand and contract). Read by name like the
 * JPA annotations, so the processor never loads it.
 */
record RenamedFromAnnotation(AnnotationMirror mirror, String oldName, boolean online) {

    static final String NAME = "dev.driftless.annotations.RenamedFrom";

    static Optional<RenamedFromAnnotation> on(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(NAME)) {
                String oldName = null;
                boolean online = false;
                for (var e : mirror.getElementValues().entrySet()) {
                    String key = e.getKey().getSimpleName().toString();
                    if (key.equals("value") && e.getValue().getValue() instanceof String v) {
                        oldName = v;
                    } else if (key.equals("online") && e.getValue().getValue() instanceof Boolean b) {
                        online = b;
                    }
                }
                return oldName == null ? Optional.empty() : Optional.of(new RenamedFromAnnotation(mirror, oldName, online));
            }
        }
        return Optional.empty();
    }
}
