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
 *
 * <p>Two spellings PostgreSQL stores identically are one type: {@code timestamp}, {@code timestamptz},
 * {@code time}, {@code timetz} and {@code interval} without a precision keep six fractional digits,
 * so they are held as {@code timestamp(6) without time zone}, ..., {@code interval(6)}. Types that
 * really differ stay apart ({@code character varying} and {@code character varying(20)},
 * {@code numeric} and {@code numeric(12,2)}).
 *
 * <p>{@code serial}, {@code bigserial} and {@code smallserial} are kept as written: PostgreSQL's
 * shorthand for an integer column whose default takes the next value of a sequence the column owns
 * (introspection reads such a column back as the shorthand). {@link #plain()} is the integer type
 * behind it, the type of a column that refers to it.
 */
public record ColumnType(String sql) {

    /** The serial shorthands and the integer type each stands for. */
    private static final Map<String, String> SERIALS = Map.of(
            "serial", "integer", "bigserial", "bigint", "smallserial", "smallint");

    /** The types whose spelling without a precision is the one with precision 6. */
    private static final Map<String, String> DEFAULT_PRECISION = Map.of(
            "timestamp without time zone", "timestamp(6) without time zone",
            "timestamp with time zone", "timestamp(6) with time zone",
            "time without time zone", "time(6) without time zone",
            "time with time zone", "time(6) with time zone",
            "interval", "interval(6)");

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
            Map.entry("serial4", "serial"),
            Map.entry("serial8", "bigserial"),
            Map.entry("serial2", "smallserial"),
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
        sql = withDefaultPrecision(sql);
    }

    /** {@code timestamp without time zone} as {@code timestamp(6) without time zone}, arrays of it too. */
    private static String withDefaultPrecision(String sql) {
        int array = sql.indexOf("[]");
        String element = array < 0 ? sql : sql.substring(0, array);
        String precise = DEFAULT_PRECISION.get(element);
        return precise == null ? sql : precise + (array < 0 ? "" : sql.substring(array));
    }

    /** Whether this is {@code serial}, {@code bigserial} or {@code smallserial}. */
    public boolean serial() {
        return SERIALS.containsKey(sql);
    }

    /** The integer type a serial shorthand stands for ({@code serial}: {@code integer}); any other type itself. */
    public ColumnType plain() {
        String plain = SERIALS.get(sql);
        return plain == null ? this : new ColumnType(plain);
    }

    /** The serial shorthand of an integer type ({@code bigint}: {@code bigserial}), if it has one. */
    public java.util.Optional<ColumnType> asSerial() {
        return SERIALS.entrySet().stream().filter(e -> e.getValue().equals(sql)).findFirst()
                .map(e -> new ColumnType(e.getKey()));
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

    // Written out: a record's generated equals and hashCode run slowly in a cold JVM.
    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType t && sql.equals(t.sql);
    }

    /** As a record computes it: the hash of its one component. */
    @Override
    public int hashCode() {
        return sql.hashCode();
    }

    @Override
    public String toString() {
        return sql;
    }
}
