package dev.driftless.processor.jpa;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds JPA annotations by name, under {@code jakarta.persistence} and {@code javax.persistence}
 * alike. No JPA class is ever loaded: annotations are compared by qualified name and read through
 * their mirrors, defaults included.
 */
final class JpaAnnotations {

    private final Elements elements;
    private final PhysicalNames naming;
    private final HibernateLine hibernate;
    private final Map<AnnotationMirror, AnnotationValues> decoded = new IdentityHashMap<>();
    private final JpaAnnotationNames names = new JpaAnnotationNames();
    private final DdlOptions ddlOptions;

    JpaAnnotations(Elements elements, Naming naming, HibernateLine hibernate) {
        this.elements = elements;
        this.naming = new PhysicalNames(naming.on(hibernate));
        this.hibernate = hibernate;
        this.ddlOptions = new DdlOptions(hibernate, names);
    }

    /** The check of JPA 3.2's {@code options}, shared by every entity read so that each element is reported once. */
    DdlOptions ddlOptions() {
        return ddlOptions;
    }

    /** The Hibernate line whose schema is built, where the lines differ. */
    HibernateLine hibernate() {
        return hibernate;
    }

    /** The physical naming in force: how written and implied names become PostgreSQL names. */
    PhysicalNames naming() {
        return naming;
    }

    /** The JPA annotation with this simple name (e.g. {@code "Column"}) on the element, from either package. */
    Optional<AnnotationValues> find(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (names.simpleName(mirror).equals(simpleName)) {
                return Optional.of(values(mirror));
            }
        }
        return Optional.empty();
    }

    /** Any annotation by its qualified name, such as Hibernate's {@code org.hibernate.annotations.ColumnDefault}. */
    Optional<AnnotationValues> findNamed(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((javax.lang.model.element.TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(qualifiedName)) {
                return Optional.of(values(mirror));
            }
        }
        return Optional.empty();
    }

    boolean has(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (names.simpleName(mirror).equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    /** The first of these JPA annotations present on the element. */
    Optional<AnnotationValues> findAny(Element element, List<String> simpleNames) {
        for (String simpleName : simpleNames) {
            Optional<AnnotationValues> found = find(element, simpleName);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The values of the annotation, decoded once per mirror (by identity: each mirror is where its messages go). */
    AnnotationValues values(AnnotationMirror mirror) {
        return decoded.computeIfAbsent(mirror,
                m -> new AnnotationValues(m, elements.getElementValuesWithDefaults(m), this));
    }
}
