package dev.driftless.processor.jpa;

/**
 * Where and how one attribute is read: into which table, as part of the key, whether its columns
 * must allow null whatever they say (a single-table subclass: {@code subclassValue} is its
 * discriminator value), and how deep in embeddables (where a primitive does not make a column NOT
 * NULL, as in Hibernate).
 */
record AttributeScope(TableParts into, boolean id, boolean forcedNullable, String subclassValue, int depth) {

    /** An attribute of the entity itself (or an element of a collection) read into a table. */
    static AttributeScope of(TableParts into) {
        return new AttributeScope(into, false, false, null, 0);
    }

    AttributeScope deeper() {
        return new AttributeScope(into, id, forcedNullable, subclassValue, depth + 1);
    }

    AttributeScope asId(boolean asId) {
        return new AttributeScope(into, asId, forcedNullable, subclassValue, depth);
    }

    AttributeScope in(TableParts table) {
        return new AttributeScope(table, false, forcedNullable, subclassValue, depth);
    }
}
