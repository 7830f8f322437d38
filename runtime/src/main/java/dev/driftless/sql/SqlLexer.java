package dev.driftless.sql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * PostgreSQL's lexical structure (the SQL Syntax chapter, Lexical Structure), as far as it decides
 * where a token begins and ends: every reader of SQL text in Driftless goes through it, so that a
 * semicolon, a quote or a {@code $tag$} means the same to all of them and to PostgreSQL.
 *
 * <ul>
 *   <li>string constants in single quotes, a quote written twice standing for itself; escape
 *       strings ({@code E'...'}) also take a backslash before any character, and so do plain ones
 *       when {@code standard_conforming_strings} is off; {@code U&'...'}, {@code B'...'},
 *       {@code X'...'} and {@code N'...'} are read as plain ones;
 *   <li>dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}), which end at the first
 *       occurrence of their opening tag. A {@code $} starts one only where a token can start: inside
 *       an identifier it is part of the name, and after a number or a parameter it is not a quote;
 *   <li>quoted identifiers ({@code "..."} and {@code U&"..."}), a double quote written twice standing
 *       for itself; identifiers (ASCII letters, {@code _} and any non-ASCII character, then also
 *       digits and {@code $});
 *   <li>comments: {@code --} to the end of the line, and {@code /* ... *}{@code /} blocks, which nest;
 *   <li>positional parameters ({@code $1}), numbers, {@code ;} and every other character alone.
 * </ul>
 *
 * An unterminated string, identifier or comment runs to the end of the text.
 */
public final class SqlLexer {

    /** What a token is. */
    public enum Kind {
        WHITESPACE, LINE_COMMENT, BLOCK_COMMENT,
        /** A plain string constant, including {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}. */
        STRING,
        /** An escape string ({@code E'...'}), or a plain one read with backslash escapes. */
        ESCAPE_STRING,
        DOLLAR_STRING, QUOTED_IDENTIFIER, IDENTIFIER, PARAMETER, NUMBER, SEMICOLON,
        /** An operator character or punctuation, one character per token. */
        OTHER
    }

    /** A token: its kind and where it is in the text ({@code end} exclusive). */
    public record Token(Kind kind, int start, int end) {

        public String text(String sql) {
            return sql.substring(start, end);
        }

        public boolean isComment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
        }
    }

    private SqlLexer() {}

    /** The tokens of {@code sql} as PostgreSQL reads it with {@code standard_conforming_strings} on. */
    public static List<Token> tokens(String sql) {
        return tokens(sql, true);
    }

    /**
     * The tokens of {@code sql}; they cover it from the first character to the last.
     *
     * @param standardConformingStrings the server's setting: when off, backslashes in plain string
     *     constants are escapes
     */
    public static List<Token> tokens(String sql, boolean standardConformingStrings) {
        var out = new ArrayList<Token>();
        int i = 0;
        int n = sql.length();
        Kind previous = null;
        while (i < n) {
            char c = sql.charAt(i);
            char d = i + 1 < n ? sql.charAt(i + 1) : 0;
            Kind kind;
            int end;
            if (isSpace(c)) {
                kind = Kind.WHITESPACE;
                end = i + 1;
                while (end < n && isSpace(sql.charAt(end))) {
                    end++;
                }
            } else if (c == '-' && d == '-') {
                kind = Kind.LINE_COMMENT;
                end = i + 2;
                while (end < n && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                    end++;
                }
            } else if (c == '/' && d == '*') {
                kind = Kind.BLOCK_COMMENT;
                end = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                kind = standardConformingStrings ? Kind.STRING : Kind.ESCAPE_STRING;
                end = quotedEnd(sql, i + 1, '\'', !standardConformingStrings);
            } else if ((c == 'E' || c == 'e') && d == '\'') {
                kind = Kind.ESCAPE_STRING;
                end = quotedEnd(sql, i + 2, '\'', true);
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x') && d == '\'') {
                kind = Kind.STRING;
                end = quotedEnd(sql, i + 2, '\'', false);
            } else if ((c == 'N' || c == 'n') && d == '\'') {
                kind = standardConformingStrings ? Kind.STRING : Kind.ESCAPE_STRING;
                end = quotedEnd(sql, i + 2, '\'', !standardConformingStrings);
            } else if ((c == 'U' || c == 'u') && d == '&' && i + 2 < n
                    && (sql.charAt(i + 2) == '\'' || sql.charAt(i + 2) == '"')) {
                char quote = sql.charAt(i + 2);
                kind = quote == '"' ? Kind.QUOTED_IDENTIFIER : Kind.STRING;
                end = quotedEnd(sql, i + 3, quote, false);
            } else if (c == '"') {
                kind = Kind.QUOTED_IDENTIFIER;
                end = quotedEnd(sql, i + 1, '"', false);
            } else if (c == '$' && isDigit(d)) {
                kind = Kind.PARAMETER;
                end = i + 2;
                while (end < n && isDigit(sql.charAt(end))) {
                    end++;
                }
            } else if (c == '$' && previous != Kind.NUMBER && previous != Kind.PARAMETER && dollarTagEnd(sql, i) > 0) {
                kind = Kind.DOLLAR_STRING;
                int tagEnd = dollarTagEnd(sql, i);
                int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
                end = close < 0 ? n : close + (tagEnd - i);
            } else if (isIdentifierStart(c)) {
                kind = Kind.IDENTIFIER;
                end = i + 1;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
            } else if (isDigit(c)) {
                kind = Kind.NUMBER;
                end = i + 1;
                while (end < n && (isDigit(sql.charAt(end)) || sql.charAt(end) == '.' || sql.charAt(end) == '_'
                        || isAsciiLetter(sql.charAt(end)))) {
                    end++;
                }
            } else if (c == ';') {
                kind = Kind.SEMICOLON;
                end = i + 1;
            } else {
                kind = Kind.OTHER;
                end = i + 1;
            }
            out.add(new Token(kind, i, end));
            // Comments and whitespace separate tokens: a $ after them may open a dollar quote.
            previous = kind == Kind.WHITESPACE || kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT ? null : kind;
            i = end;
        }
        return List.copyOf(out);
    }

    /**
     * The offsets in {@code sql} where a token starts: a line that starts at one of them is outside
     * every string, quoted identifier, dollar-quoted body and block comment.
     */
    public static BitSet tokenStarts(String sql) {
        var starts = new BitSet(sql.length());
        tokens(sql).forEach(t -> starts.set(t.start()));
        return starts;
    }

    /** Whether {@code c} may start an unquoted identifier (or a dollar-quote tag). */
    public static boolean isIdentifierStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80;
    }

    /** Whether {@code c} may continue an unquoted identifier. */
    public static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Just past the {@code *}{@code /} closing the comment opened at {@code start}, counting nested ones. */
    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Just past the quote closing text that starts at {@code from}; a doubled quote stands for itself. */
    private static int quotedEnd(String sql, int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Just past the tag ({@code $$} or {@code $name$}) of a dollar quote opening at {@code i}, or -1. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && isIdentifierStart(sql.charAt(j))) {
            j++;
            while (j < sql.length() && (isIdentifierStart(sql.charAt(j)) || isDigit(sql.charAt(j)))) {
                j++;
            }
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
