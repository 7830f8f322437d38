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
        List<String> unsupported) {

    private static final JoinColumnAnnotation ABSENT =
            new JoinColumnAnnotation(null, "", "", true, false, "", false, "", List.of());

    static JoinColumnAnnotation on(Element element, JpaAnnotations jpa) {
        return jpa.find(element, "JoinColumn").map(JoinColumnAnnotation::of).orElse(ABSENT);
    }

    static JoinColumnAnnotation of(AnnotationValues v) {
        Optional<AnnotationValues> foreignKey = v.annotation("foreignKey");
        return new JoinColumnAnnotation(v.mirror(), v.string("name"), v.string("referencedColumnName"),
                v.bool("nullable", true), v.bool("unique", false),
                foreignKey.map(f -> f.string("name")).orElse(""),
                foreignKey.map(f -> f.constant("value", "PROVIDER_DEFAULT")).orElse("").equals("NO_CONSTRAINT"),
                v.jpa32String("comment"),
                v.given("columnDefinition", "table", "options", "check"));
    }
}
