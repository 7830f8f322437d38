package dev.driftless.processor.jpa;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * A typed view of a relation annotation: {@code @ManyToOne}, {@code @OneToOne}, {@code @OneToMany}
 * or {@code @ManyToMany}.
 *
 * @param kind the annotation's simple name, e.g. {@code ManyToOne}
 * @param targetEntity the {@code targetEntity} class, when one is given
 */
record RelationAnnotation(AnnotationMirror mirror, String kind, boolean optional, String mappedBy,
        Optional<TypeMirror> targetEntity, String display) {

    static final List<String> KINDS = List.of("ManyToOne", "OneToOne", "OneToMany", "ManyToMany");

    static Optional<RelationAnnotation> on(Element element, JpaAnnotations jpa) {
        for (String kind : KINDS) {
            Optional<AnnotationValues> found = jpa.find(element, kind);
            if (found.isPresent()) {
                AnnotationValues v = found.get();
                return Optional.of(new RelationAnnotation(v.mirror(), kind, v.bool("optional", true),
                        v.string("mappedBy"), v.type("targetEntity"), v.display()));
            }
        }
        return Optional.empty();
    }

    /** Whether this side holds a join column: a {@code @ManyToOne}, or a {@code @OneToOne} without {@code mappedBy}. */
    boolean ownsJoinColumn() {
        return kind.equals("ManyToOne") || (kind.equals("OneToOne") && mappedBy.isEmpty());
    }

    boolean isOneToOne() {
        return kind.equals("OneToOne");
    }
}
