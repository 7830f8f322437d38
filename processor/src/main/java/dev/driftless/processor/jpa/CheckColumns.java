package dev.driftless.processor.jpa;

import dev.driftless.sql.SqlLexer;
import dev.driftless.sql.SqlLexer.Kind;
import dev.driftless.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a check expression names, which decide the name PostgreSQL gives the check when it
 * is created unnamed ({@code AddRelationNewConstraints}): {@code <table>_<column>_check} when the
 * expression references exactly one distinct column of the table, else {@code <table>_check}
 * (however many columns, and whether the check was written on a column or on the table).
 */
final class CheckColumns {

    /** Words that follow a type's first word after {@code ::}: {@code double precision}, {@code time with time zone}. */
    private static final Set<String> TYPE_WORDS = Set.of("precision", "varying", "with", "without", "time", "zone");

    private CheckColumns() {}

    /**
     * What goes between the table and {@code check} in the server's name: the one column the
     * expression references, or nothing when it references none or several.
     */
    static List<String> nameColumns(String expression, Collection<String> tableColumns) {
        List<String> referenced = referenced(expression, tableColumns);
        return referenced.size() == 1 ? referenced : List.of();
    }

    /**
     * The distinct columns of the table the expression references, in the order they first appear:
     * an identifier that is a column's name, as PostgreSQL folds it, and is not a function's name
     * (followed by {@code (}), a type's (after {@code ::} or {@code AS}) or a qualifier (before
     * {@code .}). Strings and comments reference nothing.
     */
    static List<String> referenced(String expression, Collection<String> tableColumns) {
        var tokens = new ArrayList<Token>();
        for (Token t : SqlLexer.tokens(expression)) {
            if (t.kind() != Kind.WHITESPACE && !t.isComment()) {
                tokens.add(t);
            }
        }
        var out = new LinkedHashSet<String>();
        boolean inType = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENTIFIER && t.kind() != Kind.QUOTED_IDENTIFIER) {
                inType = false;
                continue;
            }
            String text = t.text(expression);
            String name = t.kind() == Kind.QUOTED_IDENTIFIER
                    ? text.substring(text.indexOf('"') + 1, text.length() - 1).replace("\"\"", "\"")
                    : PostgresNames.fold(text);
            boolean startsType = i >= 2 && text(tokens, i - 1, expression).equals(":")
                    && text(tokens, i - 2, expression).equals(":")
                    || i >= 1 && tokens.get(i - 1).kind() == Kind.IDENTIFIER && text(tokens, i - 1, expression).equalsIgnoreCase("as");
            boolean continuesType = inType && t.kind() == Kind.IDENTIFIER && TYPE_WORDS.contains(name);
            inType = startsType || continuesType;
            String next = text(tokens, i + 1, expression);
            if (inType || next.equals("(") || next.equals(".")) {
                continue;
            }
            if (tableColumns.contains(name)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static String text(List<Token> tokens, int i, String expression) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).text(expression) : "";
    }
}
