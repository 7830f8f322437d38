package dev.driftless.processor.jpa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names as PostgreSQL keeps them. Hibernate's default naming does not quote, so PostgreSQL folds
 * every name to lower case; constraints and indexes get PostgreSQL's own default names.
 */
final class PostgresNames {

    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated. */
    static final int MAX_BYTES = 63;

    private PostgresNames() {}

    /** What PostgreSQL makes of an unquoted name. */
    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** PostgreSQL's default name for a constraint or index: {@code <table>_<columns>_<suffix>}. */
    static String derived(String table, List<String> columns, String suffix) {
        var parts = new ArrayList<String>();
        parts.add(table);
        parts.addAll(columns);
        parts.add(suffix);
        return String.join("_", parts);
    }

    static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
