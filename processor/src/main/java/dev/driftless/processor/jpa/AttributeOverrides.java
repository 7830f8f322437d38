package dev.driftless.processor.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * The {@code @AttributeOverride}s and {@code @AssociationOverride}s in force at one level of an
 * entity or an embeddable, keyed by the attribute path relative to that level
 * ({@code "address.street"}). An override written further out wins over one written further in,
 * as JPA says.
 */
record AttributeOverrides(Map<String, AnnotationValues> columns, Map<String, AnnotationValues> joinColumns) {

    static final AttributeOverrides NONE = new AttributeOverrides(Map.of(), Map.of());

    AttributeOverrides {
        columns = Map.copyOf(columns);
        joinColumns = Map.copyOf(joinColumns);
    }

    /** The overrides declared on an entity class, a mapped superclass or an embedded attribute. */
    static AttributeOverrides declaredOn(Element element, JpaAnnotations jpa) {
        var columns = new HashMap<String, AnnotationValues>();
        var joins = new HashMap<String, AnnotationValues>();
        for (AnnotationValues o : repeated(element, jpa, "AttributeOverride", "AttributeOverrides")) {
            o.annotation("column").ifPresent(c -> columns.put(o.string("name"), c));
        }
        for (AnnotationValues o : repeated(element, jpa, "AssociationOverride", "AssociationOverrides")) {
            List<AnnotationValues> joinColumns = o.annotations("joinColumns");
            if (!joinColumns.isEmpty()) {
                joins.put(o.string("name"), joinColumns.get(0));
            }
        }
        return new AttributeOverrides(columns, joins);
    }

    /** A repeatable JPA annotation: the single one, or those in its container. */
    static List<AnnotationValues> repeated(Element element, JpaAnnotations jpa, String single, String container) {
        var all = new java.util.ArrayList<AnnotationValues>();
        jpa.find(element, single).ifPresent(all::add);
        jpa.find(element, container).ifPresent(c -> all.addAll(c.annotations("value")));
        return all;
    }

    /** These overrides, with {@code outer} winning where both name the same path. */
    AttributeOverrides under(AttributeOverrides outer) {
        var c = new HashMap<>(columns);
        c.putAll(outer.columns);
        var j = new HashMap<>(joinColumns);
        j.putAll(outer.joinColumns);
        return new AttributeOverrides(c, j);
    }

    /** The overrides for the attributes inside the embedded attribute {@code name}: paths under it, shortened. */
    AttributeOverrides inside(String name) {
        String prefix = name + ".";
        var c = new HashMap<String, AnnotationValues>();
        columns.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                c.put(k.substring(prefix.length()), v);
            }
        });
        var j = new HashMap<String, AnnotationValues>();
        joinColumns.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                j.put(k.substring(prefix.length()), v);
            }
        });
        return new AttributeOverrides(c, j);
    }

    Optional<AnnotationValues> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    Optional<AnnotationValues> joinColumn(String name) {
        return Optional.ofNullable(joinColumns.get(name));
    }
}
