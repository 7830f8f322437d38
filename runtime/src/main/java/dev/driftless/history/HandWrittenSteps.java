package dev.driftless.history;

import dev.driftless.model.QualifiedName;
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
 *
 * <p>{@code -- driftless:fill <table>.<column>} starts a section that says how the rows already
 * there get the value of a column the version adds ({@link ColumnFill}): an SQL expression, or a
 * Java step line. The planner places the fill between the column's {@code ADD COLUMN} and its
 * {@code NOT NULL}, so a required column without a default is added in one version.
 */
public record HandWrittenSteps(
        List<String> before, List<String> after, List<String> downBefore, List<String> downAfter,
        List<String> irreversible, List<ColumnFill> fills) {

    public static final String FILE_NAME = "next.sql";
    public static final HandWrittenSteps NONE = new HandWrittenSteps(List.of(), List.of(), List.of(), List.of(), List.of());

    /** How a Java step is written among a version's statements. */
    public static final String JAVA_STEP = "-- driftless:java ";
    /**
     * How the Java step of a fill is written among a version's generated statements: it runs alone,
     * outside the version's transaction, on a connection in autocommit, so that each batch it
     * writes commits by itself.
     */
    public static final String JAVA_FILL = "-- driftless:java-fill ";
    /** The line that starts a fill section in {@value #FILE_NAME}. */
    public static final String FILL = "-- driftless:fill";
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
        fills = List.copyOf(fills);
    }

    /** Steps without fills. */
    public HandWrittenSteps(List<String> before, List<String> after, List<String> downBefore, List<String> downAfter,
            List<String> irreversible) {
        this(before, after, downBefore, downAfter, irreversible, List.of());
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty() && downBefore.isEmpty() && downAfter.isEmpty()
                && irreversible.isEmpty() && fills.isEmpty();
    }

    /** The same steps without the fills, which the planner turns into generated statements. */
    public HandWrittenSteps withoutFills() {
        return new HandWrittenSteps(before, after, downBefore, downAfter, irreversible);
    }

    /** The class a statement runs, when it is a Java step (of a fill or not); else null. */
    public static String javaStepClass(String statement) {
        if (statement.startsWith(JAVA_FILL)) {
            return statement.substring(JAVA_FILL.length()).strip();
        }
        return statement.startsWith(JAVA_STEP) ? statement.substring(JAVA_STEP.length()).strip() : null;
    }

    /** Whether the statement is the Java step of a fill, which runs alone in autocommit. */
    public static boolean isJavaFill(String statement) {
        return statement.startsWith(JAVA_FILL);
    }

    /**
     * Reads {@value #FILE_NAME}: statements under the section lines {@code -- driftless:before},
     * {@code -- driftless:after}, {@code -- driftless:down:before}, {@code -- driftless:down:after};
     * text before the first section is commentary.
     */
    public static HandWrittenSteps read(String text, String source) {
        List<List<String>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        var irreversible = new ArrayList<String>();
        var fills = new ArrayList<ColumnFill>();
        Fill fill = null;
        int section = -1;
        var sql = new StringBuilder();
        String[] lines = text.split("\r?\n", -1);
        boolean[] topLevel = topLevel(text, lines);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!topLevel[n]) {
                // Inside a string, a dollar-quoted body or a block comment: text, even when it looks like a section line.
                if (section >= 0 || fill != null) {
                    sql.append(lines[n]).append('\n');
                }
                continue;
            }
            Integer next = SECTIONS.get(line);
            boolean fillLine = line.equals(FILL) || line.startsWith(FILL + " ");
            if (next != null || fillLine) {
                if (fill != null) {
                    fills.add(fill.end(sql, source));
                    fill = null;
                } else {
                    flush(sections, section, sql);
                }
                section = -1;
                if (fillLine) {
                    fill = Fill.start(line.substring(FILL.length()).strip(), fills, source, n + 1);
                } else {
                    section = next;
                }
            } else if (line.startsWith(IRREVERSIBLE)) {
                String why = line.substring(IRREVERSIBLE.length()).strip();
                if (why.isEmpty()) {
                    throw new HistoryFormatException(source + ":" + (n + 1) + ": say why the version cannot be undone: "
                            + IRREVERSIBLE + " <reason>");
                }
                irreversible.add(why);
            } else if (fill != null && line.startsWith(JAVA_STEP.strip())) {
                String type = line.substring(JAVA_STEP.strip().length()).strip();
                if (!CLASS_NAME.matcher(type).matches() || fill.javaStep != null) {
                    throw new HistoryFormatException(source + ":" + (n + 1) + ": " + (fill.javaStep != null
                            ? "a fill has one Java step" : "'" + type + "' is not a class name: write " + JAVA_STEP
                            + "<fully.qualified.Class>"));
                }
                fill.javaStep = type;
            } else if (fill != null) {
                sql.append(lines[n]).append('\n');
            } else if (line.startsWith(JAVA_STEP.strip())) {
                String type = line.substring(JAVA_STEP.strip().length()).strip();
                if (section < 0 || !CLASS_NAME.matcher(type).matches()) {
                    throw new HistoryFormatException(source + ":" + (n + 1) + ": " + (section < 0
                            ? "a Java step must be inside a section (-- driftless:before, -- driftless:after, "
                                    + FILL + " <table>.<column>, ...)"
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
        if (fill != null) {
            fills.add(fill.end(sql, source));
        } else {
            flush(sections, section, sql);
        }
        return new HandWrittenSteps(sections.get(0), sections.get(1), sections.get(2), sections.get(3), irreversible,
                fills);
    }

    /** A fill section being read. */
    private static final class Fill {
        final QualifiedName table;
        final String column;
        final int line;
        String javaStep;

        private Fill(QualifiedName table, String column, int line) {
            this.table = table;
            this.column = column;
            this.line = line;
        }

        static Fill start(String target, List<ColumnFill> earlier, String source, int line) {
            String[] parts = target.split("\\.", -1);
            boolean named = (parts.length == 2 || parts.length == 3) && java.util.Arrays.stream(parts)
                    .allMatch(p -> !p.isEmpty() && p.chars().noneMatch(Character::isWhitespace));
            if (!named) {
                throw new HistoryFormatException(source + ":" + line + ": '" + target + "' names no column: write "
                        + FILL + " <table>.<column> (or <schema>.<table>.<column>), then the SQL expression of its"
                        + " value on the next lines");
            }
            QualifiedName table = parts.length == 3 ? new QualifiedName(parts[0], parts[1]) : QualifiedName.of(parts[0]);
            String column = parts[parts.length - 1];
            if (earlier.stream().anyMatch(f -> f.table().equals(table) && f.column().equals(column))) {
                throw new HistoryFormatException(source + ":" + line + ": " + table + "." + column
                        + " is filled twice: keep one fill section for it");
            }
            return new Fill(table, column, line);
        }

        ColumnFill end(StringBuilder sql, String source) {
            List<String> expression = SqlScript.split(sql.toString());
            sql.setLength(0);
            String where = source + ":" + line + ": the fill of " + table + "." + column;
            if (javaStep != null) {
                if (!expression.isEmpty()) {
                    throw new HistoryFormatException(where + " has a Java step and SQL: keep one of them");
                }
                return new ColumnFill(table, column, null, javaStep);
            }
            if (expression.size() != 1) {
                throw new HistoryFormatException(where + (expression.isEmpty()
                        ? " says nothing: write the SQL expression of its value (e.g. 0, or coalesce(other_column, 0))"
                                + " on the lines after it, or a line " + JAVA_STEP + "<class>"
                        : " holds " + expression.size() + " statements: write one SQL expression, the value of the"
                                + " column for each row"));
            }
            return new ColumnFill(table, column, expression.get(0), null);
        }
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
            if (topLevel[n] && line.strip().startsWith(JAVA_FILL.strip() + " ")) {
                out.addAll(SqlScript.split(sql.toString()));
                sql.setLength(0);
                out.add(JAVA_FILL + line.strip().substring(JAVA_FILL.strip().length()).strip());
            } else if (topLevel[n] && line.strip().startsWith(JAVA_STEP.strip())) {
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
