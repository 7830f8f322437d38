package dev.driftless.introspect;

import dev.driftless.model.Column;
import dev.driftless.model.Table;
import dev.driftless.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's spelling of the check constraints the processor writes most often, predicted
 * without asking the server: {@code column in ('A', 'B')} over a {@code character varying},
 * {@code text} or {@code character} column (an enum stored as a string, a discriminator) and
 * {@code column between 0 and n} over an integer column (an enum stored as its ordinal); and of a
 * few column defaults written by hand ({@code current_timestamp}, {@code TRUE}).
 *
 * <p>A prediction is the text {@code pg_get_constraintdef} prints for the expression once created
 * on a column of that type, the text {@link Canonical} would get back from the server, and is used
 * only to skip asking: a catalog text equal to the prediction is PostgreSQL's spelling of this very
 * expression. An expression in any other form, or with a part whose spelling depends on what is not
 * known here, has no prediction, and then goes to the server. So a prediction that was wrong could
 * only fail to match and cost that round trip; it could never make two different expressions equal.
 */
final class ServerSpelling {

    private static final Set<String> VARYING = Set.of("character varying", "text", "character");

    private ServerSpelling() {}

    /**
     * The catalog's text (without {@code CHECK ( )}) of check {@code expression} on {@code table}, if
     * its form is one predicted here.
     *
     * @param standardStrings the session's {@code standard_conforming_strings}: with it off, a
     *     backslash in a literal is an escape, and such an expression is not predicted
     */
    static Optional<String> check(Table table, String expression, boolean standardStrings) {
        var p = new Parser(expression);
        p.space();
        String name = p.identifier();
        if (name == null) {
            return Optional.empty();
        }
        Optional<Column> column = table.column(name);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        String type = column.get().type().plain().sql();
        p.space();
        if (p.keyword("in")) {
            return inList(p, name, type, standardStrings);
        }
        if (p.keyword("between")) {
            return between(p, name, type);
        }
        return Optional.empty();
    }

    /** The SQL value functions PostgreSQL prints in upper case, by the column types they are predicted for. */
    private static final Map<String, Set<String>> VALUE_FUNCTIONS = Map.of(
            "current_timestamp", Set.of("timestamp", "date"),
            "localtimestamp", Set.of("timestamp", "date"),
            "current_date", Set.of("timestamp", "date"),
            "localtime", Set.of("time"));

    /**
     * The catalog's text (as {@link PostgresIntrospector} reads it) of column default
     * {@code expression} on a column of {@code type}, if its form is one predicted here: a SQL value
     * function without precision ({@code current_timestamp}, {@code localtimestamp},
     * {@code current_date} on a date or timestamp column, {@code localtime} on a time column),
     * printed in upper case; {@code true} or {@code false} on a boolean column, in lower case.
     */
    static Optional<String> defaultValue(String type, String expression) {
        String word = expression.strip().toLowerCase(Locale.ROOT);
        if (type.equals("boolean") && (word.equals("true") || word.equals("false"))) {
            return Optional.of(word);
        }
        Set<String> types = VALUE_FUNCTIONS.get(word);
        String base = type.replaceFirst("^(timestamp|time|date)\\b.*", "$1");
        if (types == null || !types.contains(base)
                || !type.matches("date|(timestamp|time)(\\(\\d\\))? with(out)? time zone")) {
            return Optional.empty();
        }
        return Optional.of(word.toUpperCase(Locale.ROOT));
    }

    /** {@code name in ('A', ...)}: one value compares with {@code =}, more with {@code = ANY (ARRAY[...])}. */
    private static Optional<String> inList(Parser p, String name, String type, boolean standardStrings) {
        String base = withoutLength(type);
        if (!VARYING.contains(base) || (base.equals("text") && !type.equals("text"))) {
            return Optional.empty();
        }
        p.space();
        if (!p.symbol('(')) {
            return Optional.empty();
        }
        var values = new ArrayList<String>();
        do {
            p.space();
            String value = p.literal(standardStrings);
            if (value == null) {
                return Optional.empty();
            }
            values.add(value);
            p.space();
        } while (p.symbol(','));
        if (!p.symbol(')')) {
            return Optional.empty();
        }
        p.space();
        if (!p.atEnd()) {
            return Optional.empty();
        }
        String column = printed(name);
        if (values.size() == 1) {
            return Optional.of(switch (base) {
                case "character varying" -> "((" + column + ")::text = " + quoted(values.get(0)) + "::text)";
                case "text" -> "(" + column + " = " + quoted(values.get(0)) + "::text)";
                default -> "(" + column + " = " + quoted(values.get(0)) + "::bpchar)";
            });
        }
        String cast = switch (base) {
            case "character varying" -> "::character varying";
            case "text" -> "::text";
            default -> "::bpchar";
        };
        var array = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(quoted(values.get(i))).append(cast);
        }
        array.append(']');
        return Optional.of(switch (base) {
            case "character varying" -> "((" + column + ")::text = ANY ((" + array + ")::text[]))";
            default -> "(" + column + " = ANY (" + array + "))";
        });
    }

    /** {@code name between low and high} over an integer column, both bounds plain integers of {@code integer}'s range. */
    private static Optional<String> between(Parser p, String name, String type) {
        if (!Set.of("smallint", "integer", "bigint").contains(type)) {
            return Optional.empty();
        }
        p.space();
        String low = p.number();
        p.space();
        if (low == null || !p.keyword("and")) {
            return Optional.empty();
        }
        p.space();
        String high = p.number();
        p.space();
        if (high == null || !p.atEnd()) {
            return Optional.empty();
        }
        String column = printed(name);
        return Optional.of("((" + column + " >= " + low + ") AND (" + column + " <= " + high + "))");
    }

    /** A column name as {@code pg_get_constraintdef} prints it: bare only when it is lower case, plain and no key word. */
    private static String printed(String name) {
        boolean plain = !name.isEmpty() && !(name.charAt(0) >= '0' && name.charAt(0) <= '9');
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        return plain ? Identifiers.quote(name) : Identifiers.delimited(name);
    }

    /** {@code type} without a trailing {@code (n)}; as it is when it has none (no regular expression: a cold JVM runs them slowly). */
    private static String withoutLength(String type) {
        if (!type.endsWith(")")) {
            return type;
        }
        int open = type.lastIndexOf('(');
        if (open < 0 || open == type.length() - 2) {
            return type;
        }
        for (int i = open + 1; i < type.length() - 1; i++) {
            if (type.charAt(i) < '0' || type.charAt(i) > '9') {
                return type;
            }
        }
        return type.substring(0, open);
    }

    /** A string constant as PostgreSQL prints it with {@code standard_conforming_strings} on: quotes doubled. */
    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Reads the few tokens of the predicted forms; every method returns null or false, consuming nothing, on anything else. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        void space() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        boolean atEnd() {
            return at == text.length();
        }

        boolean symbol(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        /** A key word, case-insensitive, not followed by a letter, digit, {@code _} or {@code $}. */
        boolean keyword(String word) {
            int end = at + word.length();
            if (end > text.length() || !text.regionMatches(true, at, word, 0, word.length())
                    || (end < text.length() && identifierPart(text.charAt(end)))) {
                return false;
            }
            at = end;
            return true;
        }

        /**
         * A column name: double-quoted, or bare ASCII (folded to lower case) that is no key word
         * PostgreSQL reserves (a bare one would not parse as a name).
         */
        String identifier() {
            if (at < text.length() && text.charAt(at) == '"') {
                var out = new StringBuilder();
                for (int i = at + 1; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            out.append('"');
                            i++;
                            continue;
                        }
                        if (out.isEmpty()) {
                            return null;
                        }
                        at = i + 1;
                        return out.toString();
                    }
                    out.append(c);
                }
                return null;
            }
            int end = at;
            while (end < text.length() && (end == at ? identifierStart(text.charAt(end)) : identifierPart(text.charAt(end)))) {
                end++;
            }
            if (end == at) {
                return null;
            }
            String name = Identifiers.fold(text.substring(at, end));
            if (!name.equals(Identifiers.quote(name))) {
                return null;
            }
            at = end;
            return name;
        }

        /**
         * A plain string constant {@code '...'} (no {@code E}, {@code U&} or dollar quoting, no
         * second constant continuing it), its value; null when it holds a backslash and
         * {@code standardStrings} is off.
         */
        String literal(boolean standardStrings) {
            if (at >= text.length() || text.charAt(at) != '\'') {
                return null;
            }
            var out = new StringBuilder();
            for (int i = at + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && !standardStrings) {
                    return null;
                }
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        out.append('\'');
                        i++;
                        continue;
                    }
                    at = i + 1;
                    return out.toString();
                }
                out.append(c);
            }
            return null;
        }

        /** A non-negative integer of {@code integer}'s range without leading zeros. */
        String number() {
            int end = at;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            String digits = text.substring(at, end);
            if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > 10
                    || Long.parseLong(digits) > Integer.MAX_VALUE
                    || (end < text.length() && (identifierPart(text.charAt(end)) || text.charAt(end) == '.'))) {
                return null;
            }
            at = end;
            return digits;
        }

        private static boolean identifierStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean identifierPart(char c) {
            return identifierStart(c) || (c >= '0' && c <= '9') || c == '$';
        }
    }
}
