package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * JPA 3.2's {@code options}: SQL text that Hibernate 7 appends as it is written to the DDL of a
 * column ({@code @Column}, {@code @JoinColumn} and the other column annotations), a table
 * ({@code @Table}, {@code @SecondaryTable}, {@code @JoinTable}, {@code @CollectionTable},
 * {@code @TableGenerator}), an index, a unique key, a foreign key or a sequence. The schema model
 * has no place for free text, so on the lines that append it, it is refused; only a
 * {@code @CheckConstraint}'s is not appended on PostgreSQL, and is only warned about. Hibernate
 * 6.6 implements JPA 3.1 and reads no {@code options}: there they change nothing and pass.
 *
 * <p>Every JPA annotation on an element is looked at, nested ones included (an {@code @Index} of a
 * {@code @Table}, the {@code @ForeignKey} of a {@code @JoinColumn}, an {@code @AttributeOverride}'s
 * column), each annotation once however often it is read (an embeddable or a mapped superclass in
 * several entities, a generator several ids use). The readers hand it every element whose
 * annotations they read: an entity, its mapped superclasses, every attribute, and the holder of
 * each generator an id uses, wherever the generator was found.
 */
final class DdlOptions {

    private final HibernateLine hibernate;
    private final JpaAnnotationNames names;
    /** The annotations looked at: the element and the annotation's type. */
    private final Set<List<Object>> seen = new HashSet<>();

    DdlOptions(HibernateLine hibernate, JpaAnnotationNames names) {
        this.hibernate = hibernate;
        this.names = names;
    }

    /**
     * Reports the {@code options} of the JPA annotations on {@code element}, once per element.
     *
     * @param where the element as messages name it, e.g. {@code Part.detail} or {@code test.Part}
     */
    void check(Element element, String where, Diagnostics diagnostics) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            check(element, mirror, where, diagnostics);
        }
    }

    /**
     * Reports the {@code options} of one annotation on {@code element} (a generator found for an
     * id, say), unless it was looked at already.
     */
    void check(Element element, AnnotationMirror mirror, String where, Diagnostics diagnostics) {
        if (hibernate.readsJpa32Members() && !names.simpleName(mirror).isEmpty()
                && seen.add(List.of(element, mirror.getAnnotationType().asElement()))) {
            check(mirror, element, where, diagnostics);
        }
    }

    private void check(AnnotationMirror mirror, Element element, String where, Diagnostics diagnostics) {
        String simpleName = names.simpleName(mirror);
        for (var entry : mirror.getElementValues().entrySet()) {
            Object value = entry.getValue().getValue();
            if (entry.getKey().getSimpleName().contentEquals("options") && value instanceof String options
                    && !options.isBlank()) {
                if (simpleName.equals("CheckConstraint")) {
                    diagnostics.report(Message.CHECK_OPTIONS_IGNORED, element, mirror, options, where, hibernate);
                } else {
                    diagnostics.report(Message.DDL_OPTIONS, element, mirror, "@" + simpleName, options, where, hibernate);
                }
            } else {
                nested(value, element, where, diagnostics);
            }
        }
    }

    private void nested(Object value, Element element, String where, Diagnostics diagnostics) {
        if (value instanceof AnnotationMirror nested && !names.simpleName(nested).isEmpty()) {
            check(nested, element, where, diagnostics);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof AnnotationValue v) {
                    nested(v.getValue(), element, where, diagnostics);
                }
            }
        }
    }
}
