package dev.driftless.processor.jpa;

import dev.driftless.model.NameLimit;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names as PostgreSQL keeps them. Hibernate's default naming does not quote, so PostgreSQL folds
 * every name to lower case; constraints and indexes get PostgreSQL's own default names.
 */
final class PostgresNames {

    /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated. */
    static final int MAX_BYTES = 63;

    private PostgresNames() {}

    /**
     * What PostgreSQL makes of a name as JPA writes it: folded to lower case unless quoted. In a
     * UTF-8 database the server folds only the letters A to Z ({@code downcase_identifier}):
     * {@code Äpfel} stays {@code Äpfel}.
     */
    static String fold(String name) {
        if (isQuoted(name)) {
            return unquote(name);
        }
        var out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** Whether JPA quotes the name: in backticks (Hibernate's) or double quotes (JPA's, escaped in Java). */
    static boolean isQuoted(String name) {
        return name.length() > 2 && (name.startsWith("`") && name.endsWith("`")
                || name.startsWith("\"") && name.endsWith("\""));
    }

    static String unquote(String name) {
        return isQuoted(name) ? name.substring(1, name.length() - 1) : name;
    }

    /** PostgreSQL's default name for a constraint, index or identity sequence: {@link NameLimit#derived}. */
    static String derived(String table, List<String> columns, String suffix) {
        return NameLimit.derived(table, columns, suffix);
    }

    /** What PostgreSQL keeps of a name longer than 63 bytes it is given: {@link NameLimit#truncated}. */
    static String truncated(String name) {
        return NameLimit.truncated(name);
    }

    static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
