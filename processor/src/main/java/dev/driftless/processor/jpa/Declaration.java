package dev.driftless.processor.jpa;

import dev.driftless.model.QualifiedName;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A name the model will create in PostgreSQL, with the element (and annotation) it comes from, so
 * that a problem with the name is reported where the name is written or derived.
 *
 * @param name the schema and the name; for a column or foreign key the schema is the table's
 * @param derivation for a key, constraint or index the entities leave unnamed, how PostgreSQL derives
 *     its name (which {@link ServerNames} numbers when it is taken); null for a name they write
 */
record Declaration(Kind kind, QualifiedName name, Element element, AnnotationMirror mirror,
        ServerNames.Derivation derivation) {

    /** A name the entities write (or imply, as a table or column name). */
    Declaration(Kind kind, QualifiedName name, Element element, AnnotationMirror mirror) {
        this(kind, name, element, mirror, null);
    }

    /** Whether PostgreSQL derives the name, rather than the entities writing it. */
    boolean isDerived() {
        return derivation != null;
    }

    /** What a name names; the kinds that are relations share one namespace per schema. */
    enum Kind {
        SCHEMA("Schema", false),
        TABLE("Table", true),
        COLUMN("Column", false),
        PRIMARY_KEY("Primary key", true),
        UNIQUE_CONSTRAINT("Unique constraint", true),
        INDEX("Index", true),
        FOREIGN_KEY("Foreign key", false),
        CHECK("Check constraint", false),
        ENUM_TYPE("Enum type", false),
        SEQUENCE("Sequence", true);

        private final String label;
        private final boolean relation;

        Kind(String label, boolean relation) {
            this.label = label;
            this.relation = relation;
        }

        String label() {
            return label;
        }

        /** Whether PostgreSQL keeps this name among the schema's relations (tables, indexes, sequences). */
        boolean isRelation() {
            return relation;
        }
    }

    /** Where a message about another declaration says this one is, e.g. {@code the index declared on test.Meter}. */
    String origin() {
        String where = element instanceof TypeElement type ? type.getQualifiedName().toString()
                : element.getEnclosingElement().getSimpleName() + "." + element.getSimpleName();
        return kind.label().toLowerCase(java.util.Locale.ROOT) + " declared on " + where;
    }
}
