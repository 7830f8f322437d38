package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * What the readers of one entity share: the entity, where its annotations and the keys it
 * references are read from, where problems go, and its own table. Only three things are written by
 * more than one reader, and each has its method here: the columns whose attribute failed to read
 * (an index naming one reports nothing more), the renames the entity's own table declares, and the
 * columns a single-table subclass requires. Everything else a reader collects is its own.
 */
final class ReadingContext {

    static final String HIBERNATE = "org.hibernate.annotations.";

    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;
    private final Types types;
    private final EntityClass entity;
    private final TableParts main;
    private final Set<String> unreadColumns = new HashSet<>();
    private final Map<String, String> renames = new HashMap<>();
    private final Map<String, Map<String, Element>> subclassRequired = new TreeMap<>();

    ReadingContext(JpaAnnotations jpa, Diagnostics diagnostics, EntityKeys keys, Types types, EntityClass entity) {
        this.jpa = jpa;
        this.diagnostics = diagnostics;
        this.keys = keys;
        this.types = types;
        this.entity = entity;
        this.main = new TableParts(entity.tableName(), entity.element(), entity.table().mirror(), jpa.naming());
    }

    JpaAnnotations jpa() {
        return jpa;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    EntityKeys keys() {
        return keys;
    }

    Types types() {
        return types;
    }

    EntityClass entity() {
        return entity;
    }

    TypeElement element() {
        return entity.element();
    }

    /** The entity's own table. */
    TableParts main() {
        return main;
    }

    /** Marks a column whose attribute failed to read (its problem is reported). */
    void unread(String column) {
        unreadColumns.add(column);
    }

    boolean isUnread(String column) {
        return unreadColumns.contains(column);
    }

    /** Records a column's previous name ({@code @RenamedFrom}) in the entity's own table. */
    void rename(String column, String oldName) {
        renames.put(column, oldName);
    }

    /** New column name to old, in the entity's own table. */
    Map<String, String> renames() {
        return Collections.unmodifiableMap(renames);
    }

    /** A column the rows of a single-table subclass (by its discriminator value) must fill. */
    void requireInSubclass(String discriminatorValue, String column, Element on) {
        if (!jpa.hibernate().checksSingleTableRows()) {
            return;
        }
        subclassRequired.computeIfAbsent(discriminatorValue, v -> new TreeMap<>()).put(column, on);
    }

    /** Discriminator value to the columns (and their elements) its rows must fill, sorted. */
    Map<String, Map<String, Element>> subclassRequired() {
        return subclassRequired;
    }

    /** Hibernate's {@code @Comment} on the element, if it gives one. */
    String hibernateComment(Element on) {
        return jpa.findNamed(on, HIBERNATE + "Comment").map(c -> c.string("value")).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A written comment, null when empty. */
    static String comment(String comment) {
        return comment.isEmpty() ? null : comment;
    }
}
