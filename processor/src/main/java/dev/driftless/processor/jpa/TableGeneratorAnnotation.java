package dev.driftless.processor.jpa;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A typed view of {@code @TableGenerator}, with the element it is declared on; absent attributes
 * hold Hibernate's defaults (the table {@code hibernate_sequences} with the columns
 * {@code sequence_name} and {@code next_val}). Its {@code uniqueConstraints} and {@code indexes} are
 * passed over, as Hibernate passes over them: the id table has neither.
 *
 * @param holder the field or class that declares the generator
 * @param unsupported the attributes given that this version does not map
 */
record TableGeneratorAnnotation(
        AnnotationMirror mirror,
        Element holder,
        String name,
        String table,
        String schema,
        String segmentColumn,
        String valueColumn,
        List<String> unsupported) {

    static final String DEFAULT_TABLE = "hibernate_sequences";
    static final String DEFAULT_SEGMENT_COLUMN = "sequence_name";
    static final String DEFAULT_VALUE_COLUMN = "next_val";

    static Optional<TableGeneratorAnnotation> on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "TableGenerator").map(v -> new TableGeneratorAnnotation(v.mirror(), element,
                v.string("name"), or(v.string("table"), DEFAULT_TABLE), v.string("schema"),
                or(v.string("pkColumnName"), DEFAULT_SEGMENT_COLUMN), or(v.string("valueColumnName"), DEFAULT_VALUE_COLUMN),
                v.given("catalog")));
    }

    /** The table Hibernate uses for {@code @GeneratedValue(strategy = TABLE)} without a generator. */
    static TableGeneratorAnnotation defaults(Element holder, AnnotationMirror mirror) {
        return new TableGeneratorAnnotation(mirror, holder, "", DEFAULT_TABLE, "", DEFAULT_SEGMENT_COLUMN,
                DEFAULT_VALUE_COLUMN, List.of());
    }

    private static String or(String value, String otherwise) {
        return value.isEmpty() ? otherwise : value;
    }
}
