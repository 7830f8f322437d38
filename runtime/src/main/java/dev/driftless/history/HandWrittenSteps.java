package dev.driftless.history;

import dev.driftless.sql.SqlLexer;
import dev.driftless.sql.SqlScript;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Steps a person wrote for a version — data migrations, seed data, a batched backfill in Java — that
 * run before or after its generated statements, in its transaction. They are written into
 * {@value #FILE_NAME} in the history directory; the next freeze moves them into the version.
 *
 * <p>A step is a SQL statement, or a Java step: the line {@code -- driftless:java <class>} names a
 * class implementing {@code dev.driftless.migrate.JavaStep}, which runs with the version's
 * connection. {@code -- driftless:irreversible <why>} marks the version as one whose down cannot
 * give back what its up changed.
 */
public record HandWrittenSteps(
        List<String> before, List<String> after, List<String> downBefore, List<String> downAfter,
        List<String> irreversible) {

    public static final String FILE_NAME = "next.sql";
    public static final HandWrittenSteps NONE = new HandWrittenSteps(List.of(), List.of(), List.of(), List.of(), List.of());

    /** How a Java step is written among a version's statements. */
    public static final String JAVA_STEP = "-- driftless:java ";
    private static final String IRREVERSIBLE = "-- driftless:irreversible";
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Map<String, Integer> SECTIONS = Map.of(
            "-- driftless:before", 0, "-- driftless:after", 1, "-- driftless:down:before", 2, "-- driftless:down:after", 3);

    public HandWrittenSteps {
        before = List.copyOf(before);
        after = List.copyOf(after);
        downBefore = List.copyOf(downBefore);
        downAfter = List.copyOf(downAfter);
        irreversible = List.copyOf(irreversible);
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty() && downBefore.isEmpty() && downAfter.isEmpty()
                && irreversible.isEmpty();
    }

    /** The class a statement runs, when it is a Java step; else null. */
    public static String javaStepClass(String statement) {
        return statement.startsWith(JAVA_STEP) ? statement.substring(JAVA_STEP.length()).strip() : null;
    }

    /**
     * Reads {@value #FILE_NAME}: statements under the section lines {@code -- driftless:before},
     * {@code -- driftless:after}, {@code -- driftless:down:before}, {@code -- driftless:down:after};
     * text before the first section is commentary.
     */
    public static HandWrittenSteps read(String text, String source) {
        List<List<String>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        var irreversible = new ArrayList<String>();
        int section = -1;
        var sql = new StringBuilder();
        String[] lines = text.split("\r?\n", -1);
        boolean[] topLevel = topLevel(text, lines);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!topLevel[n]) {
                // Inside a string, a dollar-quoted body or a block comment: text, even when it looks like a section line.
                if (section >= 0) {
                    sql.append(lines[n]).append('\n');
                }
                continue;
            }
            Integer next = SECTIONS.get(line);
            if (next != null) {
                flush(sections, section, sql);
                section = next;
            } else if (line.startsWith(IRREVERSIBLE)) {
                String why = line.substring(IRREVERSIBLE.length()).strip();
                if (why.isEmpty()) {
                    throw new HistoryFormatException(source + ":" + (n + 1) + ": say why the version cannot be undone: "
                            + IRREVERSIBLE + " <reason>");
                }
                irreversible.add(why);
            } else if (line.startsWith(JAVA_STEP.strip())) {
                String type = line.substring(JAVA_STEP.strip().length()).strip();
                if (section < 0 || !CLASS_NAME.matcher(type).matches()) {
                    throw new HistoryFormatException(source + ":" + (n + 1) + ": " + (section < 0
                            ? "a Java step must be inside a section (-- driftless:before, -- driftless:after, ...)"
                            : "'" + type + "' is not a class name: write " + JAVA_STEP + "<fully.qualified.Class>"));
                }
                flush(sections, section, sql);
                sections.get(section).add(JAVA_STEP + type);
            } else if (section >= 0) {
                sql.append(lines[n]).append('\n');
            } else if (!line.isEmpty() && !line.startsWith("--")) {
                throw new HistoryFormatException(source + ":" + (n + 1) + ": SQL before the first section line;"
                        + " start with -- driftless:before or -- driftless:after");
            }
        }
        flush(sections, section, sql);
        return new HandWrittenSteps(sections.get(0), sections.get(1), sections.get(2), sections.get(3), irreversible);
    }

    private static void flush(List<List<String>> sections, int section, StringBuilder sql) {
        if (section >= 0) {
            sections.get(section).addAll(SqlScript.split(sql.toString()));
        }
        sql.setLength(0);
    }

    /** Statements, Java steps included, as a version file writes them. */
    static void write(StringBuilder out, List<String> statements) {
        for (String s : statements) {
            out.append(s).append(javaStepClass(s) != null ? "\n\n" : ";\n\n");
        }
    }

    /**
     * For each line of {@code text} (as split into {@code lines}), whether its first character other
     * than white space is outside every string, quoted identifier, dollar-quoted body and block
     * comment: only there is a line starting with {@code --} a comment, and so a section line.
     */
    static boolean[] topLevel(String text, String[] lines) {
        BitSet starts = SqlLexer.tokenStarts(text);
        var out = new boolean[lines.length];
        int offset = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            out[n] = starts.get(offset + line.length() - line.stripLeading().length()) || line.isBlank();
            offset += line.length() + (text.startsWith("\r\n", offset + line.length()) ? 2 : 1);
        }
        return out;
    }

    /** Splits a section of a version file like {@link #read} does, Java steps included. */
    static List<String> split(String text) {
        var out = new ArrayList<String>();
        var sql = new StringBuilder();
        String[] lines = text.split("\r?\n", -1);
        boolean[] topLevel = topLevel(text, lines);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (topLevel[n] && line.strip().startsWith(JAVA_STEP.strip())) {
                out.addAll(SqlScript.split(sql.toString()));
                sql.setLength(0);
                out.add(JAVA_STEP + line.strip().substring(JAVA_STEP.strip().length()).strip());
            } else {
                sql.append(line).append('\n');
            }
        }
        out.addAll(SqlScript.split(sql.toString()));
        return out;
    }
}
