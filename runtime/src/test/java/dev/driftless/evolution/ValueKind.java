package dev.driftless.evolution;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a generated column holds, whatever its current type: the types a JPA attribute of that kind
 * can map to, the defaults a user could declare for it, and a value per row number that every one
 * of those types stores and reads back the same. A value is read back by kind, not by type, so a
 * row written before a type change compares with the row read after it.
 */
enum ValueKind {
    /** Long, Integer, Short; and the same numbers once the attribute became a String. */
    INTEGER(List.of("smallint", "integer", "bigint", "character varying(255)"), List.of("0", "42", "-1")),
    STRING(List.of("character varying(40)", "character varying(80)", "character varying(255)", "text"),
            List.of("'n/a'", "'it''s'")),
    DECIMAL(List.of("numeric(10,2)", "numeric(12,2)", "numeric(19,2)"), List.of("0", "1.50", "-2.25")),
    FLOAT(List.of("real", "double precision"), List.of("0", "1.5")),
    BOOLEAN(List.of("boolean"), List.of("false", "true")),
    DATE(List.of("date"), List.of("CURRENT_DATE")),
    TIMESTAMP(List.of("timestamp(6) without time zone", "timestamp(3) without time zone"),
            List.of("CURRENT_TIMESTAMP", "now()")),
    UUID_KIND(List.of("uuid"), List.of("gen_random_uuid()")),
    /**
     * A column of an enum type of the model (its type is the enum's name). Every row holds the
     * type's first value, which no edit removes: rows never hold a value a version takes away.
     */
    ENUM(List.of(), List.of("'" + TrackedModel.TrackedEnum.STABLE_VALUE + "'")),
    /** A join column: holds the id of a row of the table it refers to. */
    REFERENCE(List.of("bigint", "integer"), List.of());

    /** The first integer types an id or a join column can have. */
    static final List<String> ID_TYPES = List.of("smallint", "integer", "bigint");

    private final List<String> types;
    private final List<String> defaults;

    ValueKind(List<String> types, List<String> defaults) {
        this.types = types;
        this.defaults = defaults;
    }

    List<String> types() {
        return types;
    }

    List<String> defaults() {
        return defaults;
    }

    /**
     * A check constraint over a column of this kind that every type of the kind accepts and every
     * generated value passes (so do NULL and the defaults); null when the kind has none.
     */
    String check(String column, int bound) {
        return switch (this) {
            case INTEGER -> "length(" + column + "::text) < " + (20 + bound);
            case STRING -> "length(" + column + ") < " + (100 + bound);
            case DECIMAL, FLOAT -> column + " > " + (-1000 - bound);
            case DATE, TIMESTAMP -> column + " > '" + (1990 + bound) + "-01-01'";
            default -> null;
        };
    }

    /** Whether every row holds a different value, so the column can carry a unique key. */
    boolean distinct() {
        return this != BOOLEAN && this != REFERENCE && this != ENUM;
    }

    /**
     * The value of row {@code n}, in the normal form {@link #read} gives; quoted, it is a literal
     * that every type of the kind accepts.
     */
    String text(long n) {
        return switch (this) {
            case INTEGER, REFERENCE -> Long.toString(n);
            case STRING -> "s" + n;
            case DECIMAL -> new BigDecimal(n + ".25").stripTrailingZeros().toPlainString();
            case FLOAT -> Double.toString(n + 0.5);
            case BOOLEAN -> Boolean.toString(n % 2 == 0);
            case DATE -> java.time.LocalDate.of(2024, 1, 1).plusDays(n).toString();
            case TIMESTAMP -> LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(n).toString();
            case UUID_KIND -> new UUID(0x0D1F7L, n).toString();
            case ENUM -> TrackedModel.TrackedEnum.STABLE_VALUE;
        };
    }

    /** A column's value in normal form, null for SQL NULL. */
    String read(ResultSet rs, String column) throws SQLException {
        String value = switch (this) {
            case INTEGER, REFERENCE -> Long.toString(rs.getLong(column));
            case DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(column);
                yield d == null ? null : d.stripTrailingZeros().toPlainString();
            }
            case FLOAT -> Double.toString(rs.getDouble(column));
            case BOOLEAN -> Boolean.toString(rs.getBoolean(column));
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                yield t == null ? null : t.toString();
            }
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : value;
    }
}
