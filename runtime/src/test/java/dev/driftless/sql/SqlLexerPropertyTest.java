package dev.driftless.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.sql.SqlLexer.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lexer over generated token streams: random sequences of every kind of token, most of them
 * with semicolons, quotes, dollar signs and comment openers inside, joined the way PostgreSQL would
 * still read them as the same tokens. The lexer must find exactly those tokens, and the script must
 * split exactly at the top-level semicolons.
 *
 * <p>{@code -Ddriftless.sql.lexerCases=N} runs N streams per setting (default 3000),
 * {@code -Ddriftless.sql.lexerSeed=S} starts from another seed.
 */
class SqlLexerPropertyTest {

    private static final int CASES = Integer.getInteger("driftless.sql.lexerCases", 3000);
    private static final long SEED = Long.getLong("driftless.sql.lexerSeed", 1L);

    private record Generated(Kind kind, String text) {}

    @Test
    void theTokensAndTheSplitPointsAreTheGeneratedOnes() {
        for (boolean standard : new boolean[] {true, false}) {
            for (int n = 0; n < CASES; n++) {
                long seed = SEED + n;
                var random = new Random(seed);
                List<Generated> stream = stream(random, standard);
                String sql = join(stream);
                String where = "seed " + seed + (standard ? "" : ", standard_conforming_strings off") + ": " + sql;
                List<Generated> lexed = new ArrayList<>();
                for (SqlLexer.Token t : SqlLexer.tokens(sql, standard)) {
                    if (t.kind() != Kind.WHITESPACE) {
                        lexed.add(new Generated(t.kind(), t.text(sql)));
                    }
                }
                assertEquals(stream.stream().filter(g -> g.kind() != Kind.WHITESPACE).toList(), lexed, where);
                if (standard) {
                    assertEquals(statements(stream), SqlScript.split(sql), where);
                }
            }
        }
    }

    /** The statements: the text between top-level semicolons, comments left out, stripped. */
    private static List<String> statements(List<Generated> stream) {
        var out = new ArrayList<String>();
        var current = new StringBuilder();
        for (Generated g : stream) {
            switch (g.kind()) {
                case SEMICOLON -> {
                    if (!current.toString().strip().isEmpty()) {
                        out.add(current.toString().strip());
                    }
                    current.setLength(0);
                }
                case LINE_COMMENT -> { }
                case BLOCK_COMMENT -> current.append(' ');
                default -> current.append(g.text());
            }
        }
        if (!current.toString().strip().isEmpty()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String join(List<Generated> stream) {
        var out = new StringBuilder();
        stream.forEach(g -> out.append(g.text()));
        return out.toString();
    }

    private static final Kind[] KINDS = {Kind.IDENTIFIER, Kind.QUOTED_IDENTIFIER, Kind.STRING, Kind.ESCAPE_STRING,
        Kind.DOLLAR_STRING, Kind.LINE_COMMENT, Kind.BLOCK_COMMENT, Kind.NUMBER, Kind.PARAMETER, Kind.SEMICOLON,
        Kind.OTHER, Kind.WHITESPACE};

    /** Tokens, with whitespace put in where two of them would otherwise run into one. */
    private static List<Generated> stream(Random random, boolean standard) {
        var out = new ArrayList<Generated>();
        int length = random.nextInt(25);
        for (int i = 0; i < length; i++) {
            Generated next = token(random, KINDS[random.nextInt(KINDS.length)], standard);
            Generated previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && needsSpace(previous, next)) {
                out.add(new Generated(Kind.WHITESPACE, random.nextBoolean() ? " " : "\n"));
            }
            out.add(next);
            if (next.kind() == Kind.LINE_COMMENT) {
                out.add(new Generated(Kind.WHITESPACE, random.nextBoolean() ? "\n" : "\r\n"));
            }
        }
        return out;
    }

    private static boolean needsSpace(Generated previous, Generated next) {
        char first = next.text().charAt(0);
        char last = previous.text().charAt(previous.text().length() - 1);
        return switch (previous.kind()) {
            // A name or number runs on into letters, digits and dollars; a $ after a number is no quote.
            case IDENTIFIER, NUMBER, PARAMETER -> SqlLexer.isIdentifierPart(first) || first == '$' || first == '.'
                    // E'...', B'...', U&'...' are strings of their own.
                    || first == '\'' || first == '&';
            // 'a' 'b' written together is one string with a quote in it; "a" "b" likewise.
            case STRING, ESCAPE_STRING -> first == '\'';
            case QUOTED_IDENTIFIER -> first == '"';
            case WHITESPACE -> next.kind() == Kind.WHITESPACE;
            // A lone $ runs on into a tag or a parameter; U & '...' would be U&'...'.
            case OTHER -> (last == '-' && first == '-') || (last == '/' && first == '*') || last == '$'
                    || (last == '&' && (first == '\'' || first == '"'));
            default -> false;
        };
    }

    private static final String[] INSIDE = {";", ";", "x", " ", "\n", "'", "\"", "$", "$$", "$a$", "--", "/*", "*/",
        "\\", "é", "€", "\u00a0", "U&", "E'"};

    private static Generated token(Random random, Kind kind, boolean standard) {
        return switch (kind) {
            case IDENTIFIER -> new Generated(kind, pick(random, "amount$usd$", "x", "_b", "a1", "éa", "€", "T$driftless_sync$",
                    "x$$y", "select", "E", "U", "e1$"));
            case QUOTED_IDENTIFIER -> new Generated(kind, (random.nextInt(4) == 0 ? "U&\"" : "\"")
                    + inside(random, "\"", "\"\"") + "\"");
            case STRING -> standard
                    ? new Generated(kind, pick(random, "'", "U&'", "B'", "X'", "N'", "n'") + inside(random, "'", "''") + "'")
                    : new Generated(Kind.ESCAPE_STRING, pick(random, "'", "N'") + escaped(random) + "'");
            case ESCAPE_STRING -> new Generated(kind, pick(random, "E'", "e'") + escaped(random) + "'");
            case DOLLAR_STRING -> dollarString(random);
            case LINE_COMMENT -> new Generated(kind, "--" + inside(random, "\n", "").replace("\r", ""));
            case BLOCK_COMMENT -> new Generated(kind, blockComment(random, 0));
            case NUMBER -> new Generated(kind, pick(random, "1", "42", "3.14", "0"));
            case PARAMETER -> new Generated(kind, pick(random, "$1", "$12"));
            case SEMICOLON -> new Generated(kind, ";");
            case OTHER -> new Generated(kind, pick(random, "(", ")", ",", "+", "=", "-", "/", "*", "&", "$"));
            case WHITESPACE -> new Generated(kind, pick(random, " ", "\n", "\t", "\r\n"));
        };
    }

    /** Text from the pieces, with {@code quote} only as {@code doubled}. */
    private static String inside(Random random, String quote, String doubled) {
        var out = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String piece = INSIDE[random.nextInt(INSIDE.length)];
            out.append(piece.replace(quote, doubled));
        }
        return out.toString();
    }

    /** The inside of an escape string: a backslash always escapes the character after it. */
    private static String escaped(Random random) {
        var out = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.append(pick(random, ";", "x", "''", "\\'", "\\\\", "\\n", "\"", "$$", "--", "/*", "\n"));
        }
        return out.toString();
    }

    private static Generated dollarString(Random random) {
        String tag = "$" + pick(random, "", "a", "tag_1", "é", "driftless_sync") + "$";
        while (true) {
            String body = inside(random, "\u0000", "");
            if ((body + tag).indexOf(tag) == body.length()) {
                return new Generated(Kind.DOLLAR_STRING, tag + body + tag);
            }
        }
    }

    /** A block comment, possibly with nested ones inside. */
    private static String blockComment(Random random, int depth) {
        var out = new StringBuilder("/*");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (depth < 2 && random.nextInt(3) == 0) {
                out.append(blockComment(random, depth + 1));
            } else {
                out.append(pick(random, ";", "x", "'", "\"", "$$", "--", "\n", " ", "$a$"));
            }
        }
        return out.append(" */").toString();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
