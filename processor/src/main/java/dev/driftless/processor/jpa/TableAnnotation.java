package dev.driftless.processor.jpa;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** A typed view of {@code @Table}; absent, it holds JPA's defaults and no mirror. */
record TableAnnotation(
        AnnotationMirror mirror,
        String name,
        String schema,
        List<IndexAnnotation> indexes,
        List<UniqueConstraintAnnotation> uniqueConstraints,
        String comment) {

    private static final TableAnnotation ABSENT = new TableAnnotation(null, "", "", List.of(), List.of(), "");

    static TableAnnotation on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "Table").map(v -> of(v, jpa.naming())).orElse(ABSENT);
    }

    private static TableAnnotation of(AnnotationValues v, PhysicalNames naming) {
        return new TableAnnotation(v.mirror(), v.string("name"), v.string("schema"),
                v.annotations("indexes").stream().map(i -> IndexAnnotation.of(i, naming)).toList(),
                v.annotations("uniqueConstraints").stream().map(u -> UniqueConstraintAnnotation.of(u, naming)).toList(),
                v.jpa32String("comment"));
    }
}
