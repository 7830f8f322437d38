package dev.driftless.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL column type, held in the canonical spelling PostgreSQL's {@code format_type()}
 * prints ({@code character varying(100)}, {@code timestamp(6) with time zone}), so that a model
 * read from entities and a model read from the catalog compare equal.
 */
public record ColumnType(String sql) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"),
            Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("varchar", "character varying"),
            Map.entry("char", "character"),
            Map.entry("bpchar", "character"),
            Map.entry("decimal", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timetz", "time with time zone"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("time", "time without time zone"));

    private static final Pattern MODIFIED = Pattern.compile("([a-z0-9_ ]+?)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)(.*)");
    private static final Pattern FLOAT = Pattern.compile("float\\s*\\(\\s*(\\d+)\\s*\\)");

    public ColumnType {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a column type must not be blank");
        }
    }

    /** Parses a type as written in DDL and brings it to PostgreSQL's canonical spelling. */
    public static ColumnType of(String written) {
        return new ColumnType(canonical(written));
    }

    static String canonical(String written) {
        String t = written.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String arraySuffix = "";
        while (t.endsWith("[]")) {
            arraySuffix += "[]";
            t = t.substring(0, t.length() - 2).trim();
        }
        Matcher f = FLOAT.matcher(t);
        if (f.matches()) {
            // float(p): p <= 24 is real, otherwise double precision (PostgreSQL's own rule).
            return (Integer.parseInt(f.group(1)) <= 24 ? "real" : "double precision") + arraySuffix;
        }
        if (t.equals("float")) {
            return "double precision" + arraySuffix;
        }
        Matcher m = MODIFIED.matcher(t);
        if (m.matches()) {
            String base = m.group(1).trim();
            String rest = m.group(4).trim();
            String args = m.group(3) == null ? m.group(2) : m.group(2) + "," + m.group(3);
            if (base.equals("timestamptz")) {
                return "timestamp(" + args + ") with time zone" + arraySuffix;
            }
            if (base.equals("timetz")) {
                return "time(" + args + ") with time zone" + arraySuffix;
            }
            if ((base.equals("timestamp") || base.equals("time")) && rest.isEmpty()) {
                rest = "without time zone";
            }
            // timestamp(p)/time(p) keep their base: the alias would put the zone before the precision.
            String name = base.equals("timestamp") || base.equals("time") ? base : ALIASES.getOrDefault(base, base);
            return name + "(" + args + ")" + (rest.isEmpty() ? "" : " " + rest) + arraySuffix;
        }
        return ALIASES.getOrDefault(t, t) + arraySuffix;
    }

    @Override
    public String toString() {
        return sql;
    }
}
