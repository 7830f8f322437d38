package dev.driftless.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes identifiers the way PostgreSQL reads them back unchanged. */
public final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * PostgreSQL's key words that are reserved, reserved but usable as a function or type name, or
     * usable only as a column name (SQL key words appendix). Quoting all of them is always safe.
     */
    private static final Set<String> KEY_WORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
            "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for",
            "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike",
            "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
            "isnull", "join", "json", "json_array", "json_arrayagg", "json_exists", "json_object",
            "json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table", "json_value",
            "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "merge_action",
            "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
            "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
            "position", "precision", "primary", "real", "references", "returning", "right", "row", "select",
            "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user",
            "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
            "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where",
            "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    private Identifiers() {}

    /** The identifier as SQL: bare when PostgreSQL would read it back as is, double-quoted otherwise. */
    public static String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches() && !KEY_WORDS.contains(identifier.toLowerCase(Locale.ROOT))) {
            return identifier;
        }
        return delimited(identifier);
    }

    /** A name in a schema, as SQL: qualified when {@code schema} is not empty (the default schema). */
    public static String qualified(String schema, String name) {
        return schema.isEmpty() ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** The identifier always double-quoted, even where PostgreSQL would read it bare. */
    public static String delimited(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** An unquoted identifier as PostgreSQL keeps it: ASCII letters folded to lower case, nothing else. */
    public static String fold(String identifier) {
        var out = new StringBuilder(identifier.length());
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** The name a quoted identifier ({@code "..."}, doubled quotes inside) stands for. */
    public static String unquote(String quoted) {
        int end = quoted.length() > 1 && quoted.endsWith("\"") ? quoted.length() - 1 : quoted.length();
        return quoted.substring(1, Math.max(1, end)).replace("\"\"", "\"");
    }

    /**
     * The name a Unicode-escaped identifier ({@code U&"..."}) stands for: {@code <escape>XXXX} and
     * {@code <escape>+XXXXXX} are code points in hexadecimal, the escape character twice is itself.
     * An escape PostgreSQL would refuse is kept as written.
     */
    public static String unquoteUnicode(String quoted, char escape) {
        String body = unquote(quoted.substring(2));
        var out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != escape || i + 1 >= body.length()) {
                out.append(c);
                i++;
            } else if (body.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
            } else {
                int digits = body.charAt(i + 1) == '+' ? 6 : 4;
                int from = i + (digits == 6 ? 2 : 1);
                Integer code = hex(body, from, digits);
                if (code == null || !Character.isValidCodePoint(code)) {
                    out.append(c);
                    i++;
                } else {
                    out.appendCodePoint(code);
                    i = from + digits;
                }
            }
        }
        return out.toString();
    }

    private static Integer hex(String text, int from, int digits) {
        if (from + digits > text.length()) {
            return null;
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            value = value * 16 + d;
        }
        return value;
    }
}
