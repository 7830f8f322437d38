package dev.driftless.plan;

import dev.driftless.model.QualifiedName;
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
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A table or sequence name, schema-qualified when the model names a schema. */
    public static String quote(QualifiedName name) {
        return name.hasSchema() ? quote(name.schema()) + "." + quote(name.name()) : quote(name.name());
    }

    /** A string literal, for comments and defaults written by the planner. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
