package dev.driftless.processor.jpa;

import dev.driftless.sql.Identifiers;
import dev.driftless.sql.SqlLexer;
import dev.driftless.sql.SqlLexer.Kind;
import dev.driftless.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a check expression references, which decide the name PostgreSQL gives the check when
 * it is created unnamed ({@code AddRelationNewConstraints}, from the distinct column references its
 * parser found): {@code <table>_<column>_check} when the expression references exactly one column of
 * the table, else {@code <table>_check} (however many columns, and whether the check was written on
 * a column or on the table).
 *
 * <p>A word is read as PostgreSQL's grammar reads it. Not references: key words (reserved ones and
 * those that may only name a type or function, among them the SQL value functions such as
 * {@code current_date} and {@code user}, and {@code current_schema}); the name of a function (before
 * {@code (}) or of a named argument (before {@code =>}); a type (after {@code ::} or {@code AS}, or
 * before a string constant in a typed literal such as {@code date '2000-01-01'}, with its modifiers
 * and the fields of an interval); the field of {@code extract(year from ...)} and the form of
 * {@code normalize(..., nfc)}; the words of {@code AT TIME ZONE}, {@code AT LOCAL},
 * {@code IS [NOT] [NFC] NORMALIZED}, {@code IS UNKNOWN}, {@code IS DOCUMENT} and {@code IS JSON}; the operator in {@code OPERATOR(schema.op)}; a collation after
 * {@code COLLATE}; any word that follows a complete operand (a key word there, such as {@code ESCAPE}
 * or {@code UESCAPE}); a field selected from a composite value. Quoted identifiers, {@code U&"..."}
 * ones decoded, are names like any other. The table's name alone, or before {@code .*}, references
 * the whole row (another reference, which names no column); {@code tableoid}, the one system column
 * a check may read, is a column.
 */
final class CheckColumns {

    /**
     * PostgreSQL's reserved key words and those that can only be a type's or a function's name
     * ({@code pg_get_keywords()}, categories R and T), and {@code system_user} (reserved from 16 on):
     * never a column when unquoted.
     */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /** The key words among {@link #RESERVED} that are a whole operand: the SQL value functions, constants, {@code end}. */
    private static final Set<String> OPERANDS = Set.of(
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "localtime", "localtimestamp", "session_user", "system_user", "user", "current_schema", "true", "false",
            "null", "end");

    private static final Set<String> NORMAL_FORMS = Set.of("nfc", "nfd", "nfkc", "nfkd");

    private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");

    private static final Set<String> JSON_KINDS = Set.of("value", "scalar", "array", "object");

    /** The whole-row reference, told apart from every column: PostgreSQL has no zero-length names. */
    private static final String WHOLE_ROW = "";

    private CheckColumns() {}

    /**
     * What goes between the table and {@code check} in the server's name: the one column the
     * expression references, or nothing when it references none or several (or the whole row).
     *
     * @param table the table's name as PostgreSQL keeps it
     * @param tableColumns the names of the table's columns as PostgreSQL keeps them
     */
    static List<String> nameColumns(String expression, String table, Collection<String> tableColumns) {
        Set<String> references = new Reader(expression, table, tableColumns).references();
        return references.size() == 1 && !references.contains(WHOLE_ROW) ? List.copyOf(references) : List.of();
    }

    /** One pass over an expression's tokens, collecting the distinct references. */
    private static final class Reader {

        private final String expression;
        private final String table;
        private final Collection<String> columns;
        private final List<Token> tokens = new ArrayList<>();
        /** Tokens that are names but no reference, found ahead of the pass ({@code normalize}'s form). */
        private final BitSet notReferences = new BitSet();
        private final Set<String> out = new LinkedHashSet<>();
        private int pos;
        /** Whether the tokens read so far end with a complete operand. */
        private boolean afterOperand;

        Reader(String expression, String table, Collection<String> columns) {
            this.expression = expression;
            this.table = table;
            this.columns = columns;
            for (Token t : SqlLexer.tokens(expression)) {
                if (t.kind() != Kind.WHITESPACE && !t.isComment()) {
                    tokens.add(t);
                }
            }
        }

        Set<String> references() {
            while (pos < tokens.size()) {
                Kind kind = tokens.get(pos).kind();
                switch (kind) {
                    case IDENTIFIER, QUOTED_IDENTIFIER -> {
                        if (kind == Kind.IDENTIFIER && afterOperand) {
                            keyWord();
                        } else {
                            operand();
                        }
                    }
                    case NUMBER, STRING, ESCAPE_STRING, DOLLAR_STRING, PARAMETER -> {
                        afterOperand = true;
                        pos++;
                    }
                    default -> punctuation();
                }
            }
            return out;
        }

        /** An operator or punctuation character: a cast, a field selection, or what expects an operand next. */
        private void punctuation() {
            String s = text(pos);
            if (s.equals(":") && adjacent(pos, ":")) {
                pos = typeEnd(pos + 2, true);
                afterOperand = true;
            } else if (s.equals(".") && afterOperand) {
                // (composite).field or (composite).*: a field, not a column.
                pos += isName(pos + 1) || symbol(pos + 1, "*") ? 2 : 1;
            } else {
                afterOperand = s.equals(")") || s.equals("]");
                pos++;
            }
        }

        /** {@code OPERATOR(schema.op)}, an operator written with its schema: no names of columns. */
        private boolean operator() {
            if (is(pos, "operator") && symbol(pos + 1, "(")) {
                pos = close(pos + 1) + 1;
                afterOperand = false;
                return true;
            }
            return false;
        }

        /** An unquoted word after a complete operand: a key word that continues the expression. */
        private void keyWord() {
            if (operator()) {
                return;
            }
            String w = word(pos);
            switch (w) {
                case "at" -> {
                    if (is(pos + 1, "time") && is(pos + 2, "zone")) {
                        pos += 3;
                        afterOperand = false;
                    } else if (is(pos + 1, "local")) {
                        pos += 2;
                        afterOperand = true;
                    } else {
                        pos++;
                        afterOperand = false;
                    }
                }
                case "collate" -> {
                    pos = namesEnd(pos + 1);
                    afterOperand = true;
                }
                case "as" -> {
                    pos = typeEnd(pos + 1, true);
                    afterOperand = true;
                }
                case "is" -> is();
                case "isnull", "notnull", "end" -> {
                    pos++;
                    afterOperand = true;
                }
                default -> {
                    pos++;
                    afterOperand = false;
                }
            }
        }

        /** {@code IS}: the predicates whose words are no operands; {@code IS NULL} and the like go on as usual. */
        private void is() {
            int j = pos + 1;
            if (is(j, "not")) {
                j++;
            }
            if (in(NORMAL_FORMS, j) && is(j + 1, "normalized")) {
                j += 2;
            } else if (is(j, "normalized") || is(j, "unknown") || is(j, "document")) {
                j++;
            } else if (is(j, "json")) {
                j++;
                if (in(JSON_KINDS, j)) {
                    j++;
                }
                if ((is(j, "with") || is(j, "without")) && is(j + 1, "unique")) {
                    j += is(j + 2, "keys") ? 3 : 2;
                }
            } else {
                pos++;
                afterOperand = false;
                return;
            }
            pos = j;
            afterOperand = true;
        }

        /** A name where an operand may start. */
        private void operand() {
            String w = word(pos);
            if (w != null && RESERVED.contains(w)) {
                afterOperand = OPERANDS.contains(w);
                pos++;
                return;
            }
            if (operator()) {
                return;
            }
            if (notReferences.get(pos)) {
                afterOperand = true;
                pos++;
                return;
            }
            if ("extract".equals(w) && symbol(pos + 1, "(") && isName(pos + 2) && is(pos + 3, "from")) {
                pos += 3;
                afterOperand = false;
                return;
            }
            if ("normalize".equals(w) && symbol(pos + 1, "(")) {
                int close = close(pos + 1);
                if (in(NORMAL_FORMS, close - 1) && symbol(close - 2, ",")) {
                    notReferences.set(close - 1);
                }
            }
            int typeEnd = typeEnd(pos, false);
            if (typeEnd > pos && isString(typeEnd)) {
                pos = typeEnd + 1;
                if ("interval".equals(w)) {
                    pos = intervalFieldsEnd(pos);
                }
                afterOperand = true;
                return;
            }
            if (symbol(pos + 1, "=") && adjacent(pos + 1, ">") || symbol(pos + 1, ":") && adjacent(pos + 1, "=")) {
                pos += 3;
                afterOperand = false;
                return;
            }
            var parts = new ArrayList<String>();
            int j = pos;
            while (true) {
                parts.add(name(j));
                j++;
                if (symbol(j, ".") && symbol(j + 1, "*")) {
                    parts.add("*");
                    j += 2;
                    break;
                }
                if (!(symbol(j, ".") && isName(j + 1))) {
                    break;
                }
                j++;
            }
            pos = j;
            if (symbol(j, "(")) {
                afterOperand = false;
                return;
            }
            reference(parts);
            afterOperand = true;
        }

        /**
         * A column reference of one or more names: {@code column}, {@code table.column},
         * {@code schema.table.column}, the table ({@code table}, {@code table.*}: the whole row), or a
         * column of a composite type with the fields selected from it.
         */
        private void reference(List<String> parts) {
            if (parts.size() == 1) {
                String n = parts.get(0);
                if (columns.contains(n) || n.equals("tableoid")) {
                    out.add(n);
                } else if (n.equals(table)) {
                    out.add(WHOLE_ROW);
                }
                return;
            }
            // PostgreSQL tries the longest qualification first: schema.table.column before table.column.field.
            for (int k = Math.min(parts.size() - 2, 2); k >= 0; k--) {
                if (parts.get(k).equals(table)) {
                    String n = parts.get(k + 1);
                    if (n.equals("*")) {
                        out.add(WHOLE_ROW);
                    } else if (columns.contains(n) || n.equals("tableoid")) {
                        out.add(n);
                    }
                    return;
                }
            }
            if (columns.contains(parts.get(0))) {
                out.add(parts.get(0));
            }
        }

        /**
         * Just past the type name that starts at {@code j} ({@code j} itself when none does): the SQL
         * types of more than one word, with their modifiers, or a possibly qualified name with its
         * modifiers; then, when {@code arrays}, array bounds.
         */
        private int typeEnd(int j, boolean arrays) {
            if (!isName(j)) {
                return j;
            }
            String w = word(j);
            int k;
            if (w == null) {
                k = modifiersEnd(namesEnd(j));
            } else {
                switch (w) {
                    case "double" -> k = is(j + 1, "precision") ? j + 2 : modifiersEnd(namesEnd(j));
                    case "national", "character", "char", "nchar", "bit" -> {
                        k = j + 1;
                        if (w.equals("national") && (is(k, "character") || is(k, "char"))) {
                            k++;
                        }
                        if (is(k, "varying")) {
                            k++;
                        }
                        k = modifiersEnd(k);
                    }
                    case "time", "timestamp" -> {
                        k = modifiersEnd(j + 1);
                        if ((is(k, "with") || is(k, "without")) && is(k + 1, "time") && is(k + 2, "zone")) {
                            k += 3;
                        }
                    }
                    case "interval" -> k = intervalFieldsEnd(modifiersEnd(j + 1));
                    default -> {
                        if (RESERVED.contains(w)) {
                            return j;
                        }
                        k = modifiersEnd(namesEnd(j));
                    }
                }
            }
            while (arrays) {
                if (symbol(k, "[")) {
                    k = close(k) + 1;
                } else if (is(k, "array")) {
                    k = symbol(k + 1, "[") ? close(k + 1) + 1 : k + 1;
                } else {
                    break;
                }
            }
            return k;
        }

        /** Just past an interval's fields at {@code k}: {@code year}, {@code day to second(3)}, ... */
        private int intervalFieldsEnd(int k) {
            if (in(INTERVAL_FIELDS, k)) {
                k = modifiersEnd(k + 1);
                if (is(k, "to") && in(INTERVAL_FIELDS, k + 1)) {
                    k = modifiersEnd(k + 2);
                }
            }
            return k;
        }

        /** Just past {@code (...)} at {@code k}, or {@code k}. */
        private int modifiersEnd(int k) {
            return symbol(k, "(") ? close(k) + 1 : k;
        }

        /** Just past the names joined by {@code .} that start at {@code j}. */
        private int namesEnd(int j) {
            if (!isName(j)) {
                return j;
            }
            int k = j + 1;
            while (symbol(k, ".") && isName(k + 1)) {
                k += 2;
            }
            return k;
        }

        /** The bracket closing the {@code (} or {@code [} at {@code open}, or the last token. */
        private int close(int open) {
            String opening = text(open);
            String closing = opening.equals("(") ? ")" : "]";
            int depth = 0;
            for (int k = open; k < tokens.size(); k++) {
                if (symbol(k, opening)) {
                    depth++;
                } else if (symbol(k, closing) && --depth == 0) {
                    return k;
                }
            }
            return tokens.size() - 1;
        }

        private String text(int i) {
            return i >= 0 && i < tokens.size() ? tokens.get(i).text(expression) : "";
        }

        private boolean symbol(int i, String s) {
            return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Kind.OTHER && text(i).equals(s);
        }

        /** Whether the token after {@code i} is {@code s}, written right after it. */
        private boolean adjacent(int i, String s) {
            return symbol(i + 1, s) && tokens.get(i).end() == tokens.get(i + 1).start();
        }

        private boolean isName(int i) {
            return i >= 0 && i < tokens.size()
                    && (tokens.get(i).kind() == Kind.IDENTIFIER || tokens.get(i).kind() == Kind.QUOTED_IDENTIFIER);
        }

        private boolean isString(int i) {
            if (i < 0 || i >= tokens.size()) {
                return false;
            }
            Kind kind = tokens.get(i).kind();
            return kind == Kind.STRING || kind == Kind.ESCAPE_STRING || kind == Kind.DOLLAR_STRING;
        }

        /** The unquoted word at {@code i}, folded as PostgreSQL folds it, or null. */
        private String word(int i) {
            return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Kind.IDENTIFIER
                    ? PostgresNames.truncated(PostgresNames.fold(text(i)))
                    : null;
        }

        /** Whether the unquoted word at {@code i} is one of {@code words}. */
        private boolean in(Set<String> words, int i) {
            String w = word(i);
            return w != null && words.contains(w);
        }

        private boolean is(int i, String word) {
            return word.equals(word(i));
        }

        /** The name at {@code i} as PostgreSQL keeps it: folded when unquoted, else unquoted and decoded. */
        private String name(int i) {
            if (tokens.get(i).kind() == Kind.IDENTIFIER) {
                return word(i);
            }
            String text = text(i);
            if (text.startsWith("\"")) {
                return PostgresNames.truncated(Identifiers.unquote(text));
            }
            char escape = '\\';
            if (is(i + 1, "uescape") && isString(i + 2)) {
                String s = text(i + 2);
                if (s.length() == 3 && s.startsWith("'")) {
                    escape = s.charAt(1);
                }
            }
            return PostgresNames.truncated(Identifiers.unquoteUnicode(text, escape));
        }
    }
}
