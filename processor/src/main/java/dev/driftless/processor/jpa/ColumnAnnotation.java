package dev.driftless.processor.jpa;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A typed view of {@code @Column}; when the annotation is absent it holds JPA's defaults and no
 * mirror. {@code secondPrecision} (JPA 3.2) is -1 when not given.
 *
 * @param columnDefinition the SQL type written in {@code columnDefinition}, or empty
 * @param table the {@code @SecondaryTable} the column is in, or empty for the entity's table
 * @param checks the {@code @CheckConstraint}s of JPA 3.2's {@code check}, on the lines that read it
 */
record ColumnAnnotation(
        AnnotationMirror mirror,
        String name,
        boolean unique,
        boolean nullable,
        int length,
        int precision,
        int scale,
        int secondPrecision,
        String comment,
        String columnDefinition,
        String table,
        List<AnnotationValues> checks) {

    static final int DEFAULT_LENGTH = 255;

    private static final ColumnAnnotation ABSENT =
            new ColumnAnnotation(null, "", false, true, DEFAULT_LENGTH, 0, 0, -1, "", "", "", List.of());

    static ColumnAnnotation on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "Column").map(ColumnAnnotation::of).orElse(ABSENT);
    }

    static ColumnAnnotation of(AnnotationValues v) {
        return new ColumnAnnotation(v.mirror(), v.string("name"), v.bool("unique", false), v.bool("nullable", true),
                v.integer("length", DEFAULT_LENGTH), v.integer("precision", 0), v.integer("scale", 0),
                v.hibernate().readsJpa32Members() ? v.integer("secondPrecision", -1) : -1, v.jpa32String("comment"), v.string("columnDefinition").strip(),
                v.string("table"),
                v.hibernate().readsJpa32Members() ? v.annotations("check") : List.of());
    }

    ColumnAnnotation withLength(int newLength) {
        return new ColumnAnnotation(mirror, name, unique, nullable, newLength, precision, scale, secondPrecision, comment,
                columnDefinition, table, checks);
    }

    boolean present() {
        return mirror != null;
    }
}
