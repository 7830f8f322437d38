package dev.driftless.processor.jpa;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/** A typed view of one {@code @UniqueConstraint} of {@code @Table(uniqueConstraints)}; column names as named physically. */
record UniqueConstraintAnnotation(AnnotationMirror mirror, String name, List<String> columnNames) {

    static UniqueConstraintAnnotation of(AnnotationValues v, PhysicalNames naming) {
        return new UniqueConstraintAnnotation(v.mirror(), v.string("name"),
                v.strings("columnNames").stream().map(String::strip).map(naming::physical).toList());
    }
}
