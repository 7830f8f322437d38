package dev.driftless.diff;

import dev.driftless.model.ColumnType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether changing a column's type can lose data. A widening (a longer varchar, varchar to text, a
 * larger integer, more numeric precision with the same scale, real to double precision) keeps every
 * value; anything else may fail or round, and needs the user's acknowledgement. A serial shorthand
 * is compared as the integer type behind it: {@code serial} to {@code bigserial} is {@code integer}
 * to {@code bigint}, a widening that rewrites the table, and the way back a narrowing.
 */
public final class TypeChange {

    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    private static final Pattern TIMESTAMP = Pattern.compile("(timestamp|time)\\((\\d)\\) (with|without) time zone");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private TypeChange() {}

    public static boolean widens(ColumnType from, ColumnType to) {
        String a = from.plain().sql();
        String b = to.plain().sql();
        if (a.equals(b)) {
            return true;
        }
        Matcher va = VARCHAR.matcher(a);
        if (va.matches()) {
            Matcher vb = VARCHAR.matcher(b);
            return b.equals("text") || b.equals("character varying")
                    || (vb.matches() && Integer.parseInt(vb.group(1)) >= Integer.parseInt(va.group(1)));
        }
        if (a.equals("character varying")) {
            return b.equals("text");
        }
        if (INTEGERS.contains(a) && INTEGERS.contains(b)) {
            return INTEGERS.indexOf(b) >= INTEGERS.indexOf(a);
        }
        if (INTEGERS.contains(a)) {
            Matcher nb = NUMERIC.matcher(b);
            // numeric with enough integer digits holds every integer of the type.
            int digits = switch (a) {
                case "smallint" -> 5;
                case "integer" -> 10;
                default -> 19;
            };
            return b.equals("numeric") || (nb.matches()
                    && Integer.parseInt(nb.group(1)) - Integer.parseInt(nb.group(2)) >= digits);
        }
        Matcher na = NUMERIC.matcher(a);
        if (na.matches()) {
            Matcher nb = NUMERIC.matcher(b);
            return b.equals("numeric") || (nb.matches() && nb.group(2).equals(na.group(2))
                    && Integer.parseInt(nb.group(1)) >= Integer.parseInt(na.group(1)));
        }
        if (a.equals("real")) {
            return b.equals("double precision");
        }
        Matcher ta = TIMESTAMP.matcher(a);
        if (ta.matches()) {
            Matcher tb = TIMESTAMP.matcher(b);
            return tb.matches() && ta.group(1).equals(tb.group(1)) && ta.group(3).equals(tb.group(3))
                    && Integer.parseInt(tb.group(2)) >= Integer.parseInt(ta.group(2));
        }
        return false;
    }

    /**
     * Whether PostgreSQL rewrites the table (under {@code ACCESS EXCLUSIVE}, for as long as the
     * rewrite takes) to change the type. It does not when the new type accepts the old bytes as they
     * are: a longer or unlimited varchar, varchar to text, more numeric precision with the same scale
     * or an unconstrained numeric, more fractional digits of a timestamp or time.
     */
    public static boolean rewrites(ColumnType from, ColumnType to) {
        String a = from.plain().sql();
        String b = to.plain().sql();
        if (a.equals(b)) {
            return false;
        }
        boolean limited = VARCHAR.matcher(a).matches();
        if (limited || a.equals("character varying") || a.equals("text")) {
            if (b.equals("text") || b.equals("character varying")) {
                return false;
            }
            // A longer limit is only a new check on new values; a shorter one checks (rewrites) every row.
            return !(limited && VARCHAR.matcher(b).matches() && widens(from, to));
        }
        if (NUMERIC.matcher(a).matches()) {
            return !widens(from, to);
        }
        if (TIMESTAMP.matcher(a).matches()) {
            return !widens(from, to);
        }
        return true;
    }
}
