package dev.driftless.processor.jpa;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A typed view of {@code @JoinColumn}, with its nested {@code @ForeignKey}; absent, it holds JPA's
 * defaults and no mirror.
 *
 * @param foreignKeyName the name {@code @ForeignKey(name)} gives the constraint, or empty
 * @param noConstraint whether {@code @ForeignKey(NO_CONSTRAINT)} asks for no constraint at all
 * @param columnDefinition the SQL type {@code columnDefinition} gives the column, or empty for the referenced column's
 * @param insertable whether Hibernate writes the column when it inserts a row ({@code insertable})
 * @param updatable whether Hibernate writes the column when it updates a row ({@code updatable})
 * @param table the {@code @SecondaryTable} the column (and its foreign key) is in, or empty for the entity's table
 * @param unsupported the attributes given that this version does not map, nested {@code @ForeignKey}'s included
 */
record JoinColumnAnnotation(
        AnnotationMirror mirror,
        String name,
        String referencedColumnName,
        boolean nullable,
        boolean unique,
        String foreignKeyName,
        boolean noConstraint,
        String comment,
        boolean insertable,
        boolean updatable,
        String columnDefinition,
        String table,
        List<String> unsupported) {

    private static final JoinColumnAnnotation ABSENT =
            new JoinColumnAnnotation(null, "", "", true, false, "", false, "", true, true, "", "", List.of());

    static JoinColumnAnnotation on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "JoinColumn").map(JoinColumnAnnotation::of).orElse(ABSENT);
    }

    static JoinColumnAnnotation of(AnnotationValues v) {
        Optional<AnnotationValues> foreignKey = v.annotation("foreignKey");
        return new JoinColumnAnnotation(v.mirror(), v.string("name"), v.string("referencedColumnName"),
                v.bool("nullable", true), v.bool("unique", false),
                foreignKey.map(f -> f.string("name")).orElse(""),
                foreignKey.map(f -> f.constant("value", "PROVIDER_DEFAULT")).orElse("").equals("NO_CONSTRAINT"),
                v.jpa32String("comment"), v.bool("insertable", true), v.bool("updatable", true),
                v.string("columnDefinition").strip(), v.string("table").strip(), unsupported(v, foreignKey));
    }

    /**
     * JPA 3.2's {@code check}, which Hibernate 7 makes a check of the column, and
     * {@code @ForeignKey(foreignKeyDefinition)}, SQL text Hibernate writes as the constraint.
     */
    private static List<String> unsupported(AnnotationValues v, Optional<AnnotationValues> foreignKey) {
        var given = new java.util.ArrayList<>(v.given("check"));
        given.addAll(foreignKeyDefinition(foreignKey));
        return List.copyOf(given);
    }

    /**
     * {@code @ForeignKey(foreignKeyDefinition)} when given, on any annotation's {@code foreignKey}
     * ({@code @JoinTable}, {@code @CollectionTable}, {@code @MapKeyJoinColumn}, {@code @PrimaryKeyJoinColumn}):
     * SQL text Hibernate writes as the constraint, which this version does not read.
     */
    static List<String> foreignKeyDefinition(Optional<AnnotationValues> foreignKey) {
        return foreignKey.map(f -> f.given("foreignKeyDefinition")).orElse(List.of());
    }
}
