package dev.driftless.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at top-level semicolons, as {@link SqlLexer} reads it: semicolons
 * inside string constants, quoted identifiers, dollar-quoted bodies and comments are left alone.
 * Comments are left out of the statements ({@code --} ones up to their line's end, a block comment
 * becomes a space), and each statement is stripped. How a frozen version file reads is decided here,
 * and its checksum covers the statements: this must keep splitting every valid text as it always has.
 */
public final class SqlScript {

    private SqlScript() {}

    public static List<String> split(String sql) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            switch (token.kind()) {
                case LINE_COMMENT -> { }
                case BLOCK_COMMENT -> current.append(' ');
                case SEMICOLON -> {
                    add(statements, current);
                    current.setLength(0);
                }
                default -> current.append(sql, token.start(), token.end());
            }
        }
        add(statements, current);
        return List.copyOf(statements);
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
    }
}
