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

    /** What PostgreSQL makes of a name as JPA writes it: folded to lower case unless quoted. */
    static String fold(String name) {
        return isQuoted(name) ? unquote(name) : name.toLowerCase(Locale.ROOT);
    }

    /** Whether JPA quotes the name: in backticks (Hibernate's) or double quotes (JPA's, escaped in Java). */
    static boolean isQuoted(String name) {
        return name.length() > 2 && (name.startsWith("`") && name.endsWith("`")
                || name.startsWith("\"") && name.endsWith("\""));
    }

    static String unquote(String name) {
        return isQuoted(name) ? name.substring(1, name.length() - 1) : name;
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
