package dev.driftless.history;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lexical layer of the snapshot format: bare words, double-quoted strings with backslash
 * escapes, and the punctuation {@code ( ) , =}.
 */
final class Tokens {

    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_$\\-]+");

    private final List<String> tokens;
    private final List<Boolean> quoted;
    private final String where;
    private int next;

    private Tokens(List<String> tokens, List<Boolean> quoted, String where) {
        this.tokens = tokens;
        this.quoted = quoted;
        this.where = where;
    }

    /** A word as the writer puts it: bare when it can be, quoted otherwise. */
    static String word(String text) {
        return BARE.matcher(text).matches() ? text : quoted(text);
    }

    static String quoted(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static Tokens of(String line, String where) {
        var tokens = new ArrayList<String>();
        var quoted = new ArrayList<Boolean>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',' || c == '=') {
                tokens.add(String.valueOf(c));
                quoted.add(false);
                i++;
            } else if (c == '"') {
                var text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new HistoryFormatException(where + ": unterminated string");
                    }
                    char d = line.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\') {
                        if (i >= line.length()) {
                            throw new HistoryFormatException(where + ": unterminated escape");
                        }
                        char e = line.charAt(i++);
                        text.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        text.append(d);
                    }
                }
                tokens.add(text.toString());
                quoted.add(true);
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))
                        && "(),=\"".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(line.substring(start, i));
                quoted.add(false);
            }
        }
        return new Tokens(tokens, quoted, where);
    }

    boolean hasNext() {
        return next < tokens.size();
    }

    /** Whether the next token is the given punctuation or bare word. */
    boolean peek(String bare) {
        return hasNext() && !quoted.get(next) && tokens.get(next).equals(bare);
    }

    /** Whether the next tokens are {@code key =}. */
    boolean peekKey() {
        return next + 1 < tokens.size() && !quoted.get(next) && tokens.get(next + 1).equals("=")
                && !quoted.get(next + 1);
    }

    /** A word or string. */
    String value(String what) {
        if (!hasNext()) {
            throw error("expected " + what + " but the line ends");
        }
        String token = tokens.get(next);
        if (!quoted.get(next) && token.length() == 1 && "(),=".contains(token)) {
            throw error("expected " + what + " but found '" + token + "'");
        }
        next++;
        return token;
    }

    void expect(String punctuation) {
        if (!peek(punctuation)) {
            throw error("expected '" + punctuation + "'" + (hasNext() ? " but found '" + tokens.get(next) + "'" : ""));
        }
        next++;
    }

    /** {@code ( a , b , ... )}. */
    List<String> list(String what) {
        expect("(");
        var items = new ArrayList<String>();
        while (true) {
            items.add(value(what));
            if (peek(")")) {
                next++;
                return items;
            }
            expect(",");
        }
    }

    /** Items of a parenthesised list, each possibly followed by a flag word (as in {@code a desc}). */
    List<List<String>> groups(String what) {
        expect("(");
        var items = new ArrayList<List<String>>();
        var current = new ArrayList<String>();
        while (true) {
            current.add(value(what));
            if (peek(")")) {
                next++;
                items.add(current);
                return items;
            }
            if (peek(",")) {
                next++;
                items.add(current);
                current = new ArrayList<>();
            }
        }
    }

    void end() {
        if (hasNext()) {
            throw error("unexpected '" + tokens.get(next) + "'");
        }
    }

    HistoryFormatException error(String message) {
        return new HistoryFormatException(where + ": " + message);
    }
}
