package dev.driftless.processor.jpa;

import dev.driftless.model.QualifiedName;
import java.util.HashMap;
import java.util.Map;

/**
 * The physical naming in force ({@link Naming}), remembering how Hibernate writes each name it
 * made before PostgreSQL folds it: Hibernate's hashed foreign key and index names
 * ({@link HibernateNames}) are made of those, not of the names the server keeps. Tables, columns
 * and the columns of an {@code @Index}'s {@code columnList} (which Hibernate takes as written, without
 * the physical naming) are remembered apart; the first spelling of a name is the one kept.
 */
final class PhysicalNames {

    private final Naming naming;
    private final Map<String, String> tables = new HashMap<>();
    private final Map<String, String> columns = new HashMap<>();
    private final Map<String, String> indexColumns = new HashMap<>();
    private final Map<String, String> lastColumns = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> tableColumns = new HashMap<>();

    PhysicalNames(Naming naming) {
        this.naming = naming;
    }

    /** The naming itself. */
    Naming naming() {
        return naming;
    }

    /** A column's (or a schema's, a sequence's) name in PostgreSQL: {@link Naming#physical}. */
    String physical(String written) {
        String physical = naming.physical(written);
        columns.putIfAbsent(physical, rendered(written, physical));
        lastColumns.put(physical, rendered(written, physical));
        return physical;
    }

    /** A table's name in PostgreSQL, remembered as a table's. */
    String table(String written) {
        String physical = naming.physical(written);
        tables.putIfAbsent(physical, rendered(written, physical));
        return physical;
    }

    /**
     * A table's name implied from other names ({@code written}, as PostgreSQL keeps them), which
     * Hibernate makes of the names as it spells them ({@code spelled}); remembered as spelled.
     */
    String implicitTable(String written, String spelled) {
        String physical = naming.physical(written);
        tables.putIfAbsent(physical, naming.physical(spelled).equals(physical) ? rendered(spelled, physical)
                : rendered(written, physical));
        return physical;
    }

    /** The text of a table's name as Hibernate spells it, unquoted. */
    String spelling(String physicalTable) {
        String rendered = renderedTable(physicalTable);
        return rendered.length() > 2 && rendered.startsWith("`") && rendered.endsWith("`")
                ? rendered.substring(1, rendered.length() - 1) : rendered;
    }

    /** A column of an {@code @Index}'s {@code columnList}: its name in PostgreSQL, remembered as written. */
    String indexColumn(String written) {
        String physical = naming.physical(written);
        boolean quoted = everyNameQuoted() || PostgresNames.isQuoted(written);
        indexColumns.putIfAbsent(physical, HibernateNames.rendered(PostgresNames.unquote(written), quoted));
        return physical;
    }

    /** Whether Hibernate quotes every identifier ({@code hibernate.globally_quoted_identifiers}). */
    boolean everyNameQuoted() {
        return naming == Naming.QUOTED;
    }

    /** The table as Hibernate rendered it; one never seen as it would render the physical name. */
    String renderedTable(String physical) {
        return tables.getOrDefault(physical, rendered(physical, physical));
    }

    /**
     * Remembers how the table's column is spelt: as the name was last made, which is when the column
     * was read (two columns of one name in PostgreSQL may be spelt apart in two tables).
     */
    void columnOf(QualifiedName table, String physical) {
        String spelling = lastColumns.get(physical);
        if (spelling != null) {
            tableColumns.computeIfAbsent(table, k -> new HashMap<>()).putIfAbsent(physical, spelling);
        }
    }

    /** The table's column as Hibernate rendered it. */
    String renderedColumn(QualifiedName table, String physical) {
        String spelling = tableColumns.getOrDefault(table, Map.of()).get(physical);
        return spelling != null ? spelling : columns.getOrDefault(physical, rendered(physical, physical));
    }

    /** The column of an index's {@code columnList} as Hibernate rendered it. */
    String renderedIndexColumn(String physical) {
        return indexColumns.getOrDefault(physical, columns.getOrDefault(physical, rendered(physical, physical)));
    }

    /**
     * How Hibernate renders the identifier its physical naming makes of a written name: quoted (in
     * backticks) when written quoted or when every name is; else, under the default naming, as
     * written (the case PostgreSQL then folds away), under snake case as converted.
     */
    private String rendered(String written, String physical) {
        if (everyNameQuoted() || PostgresNames.isQuoted(written)) {
            return HibernateNames.rendered(physical, true);
        }
        return naming == Naming.JPA ? written : physical;
    }
}
