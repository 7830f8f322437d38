package dev.driftless.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file of a frozen version: a SQL file whose header comments carry the version's identity and
 * whose two sections hold the up and down statements, so that it reads in review like the SQL it is.
 */
public final class VersionFormat {

    public static final Pattern FILE_NAME = Pattern.compile("([VB])(\\d{4,})__([a-z0-9_]+)\\.sql");
    private static final String UP = "-- driftless:up";
    private static final String DOWN = "-- driftless:down";
    /** The sections in the order a file has them; only up and down are required. */
    private static final List<String> SECTIONS = List.of(UP + ":before", UP, UP + ":after", DOWN + ":before", DOWN,
            DOWN + ":after");
    private static final Pattern HEADER = Pattern.compile("-- (version|name|parent|checksum|irreversible|squashes): (.*)");

    private VersionFormat() {}

    public static String write(FrozenVersion v) {
        return write(v, "-- Driftless frozen version. Never edit: change the entities and freeze a new version.\n");
    }

    /** A draft: the same layout, so that what is reviewed is what freezing will write. */
    public static String writeDraft(FrozenVersion v) {
        return write(v, "-- Driftless DRAFT of the next version: not frozen, never applied to a database.\n"
                + "-- Freeze it with -Ddriftless.freeze=<name>; the frozen file gets that name and its own checksum.\n");
    }

    private static String write(FrozenVersion v, String banner) {
        var out = new StringBuilder(banner);
        out.append("-- version: ").append(v.version()).append('\n');
        out.append("-- name: ").append(v.name()).append('\n');
        out.append("-- parent: ").append(v.parentChecksum()).append('\n');
        out.append("-- checksum: ").append(v.checksum()).append('\n');
        v.irreversible().forEach(i -> out.append("-- irreversible: ").append(oneLine(i)).append('\n'));
        v.squashed().forEach((n, c) -> out.append("-- squashes: ").append(n).append(' ').append(c).append('\n'));
        out.append("--\n-- operations:\n");
        v.operations().forEach(o -> out.append("--   ").append(oneLine(o)).append('\n'));
        out.append('\n');
        section(out, SECTIONS.get(0), v.handWritten().before(), false);
        section(out, UP, v.up(), true);
        section(out, SECTIONS.get(2), v.handWritten().after(), false);
        section(out, SECTIONS.get(3), v.handWritten().downBefore(), false);
        section(out, DOWN, v.down(), true);
        section(out, SECTIONS.get(5), v.handWritten().downAfter(), false);
        return out.toString().stripTrailing() + "\n";
    }

    /** A header line's text: a name with a line break in it must not end the line. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static void section(StringBuilder out, String marker, List<String> statements, boolean always) {
        if (always || !statements.isEmpty()) {
            out.append(marker).append('\n');
            HandWrittenSteps.write(out, statements);
        }
    }

    /**
     * Reads a version file and checks it: the header must match the file name, and the recorded
     * checksum must match the statements (a hand edit is refused here, before any database sees it).
     */
    public static FrozenVersion read(String text, String fileName) {
        Matcher file = FILE_NAME.matcher(fileName);
        if (!file.matches()) {
            throw new HistoryFormatException(fileName + ": a version file is named V<number>__<name>.sql");
        }
        Map<String, String> header = new HashMap<>();
        var irreversible = new ArrayList<String>();
        var squashed = new TreeMap<Integer, String>();
        var operations = new ArrayList<String>();
        var sections = new ArrayList<StringBuilder>();
        SECTIONS.forEach(x -> sections.add(null));
        int section = -1;
        boolean inOperations = false;
        String[] lines = text.split("\r?\n", -1);
        // Only the sections are SQL: a section line inside a statement's string or body is text.
        int sql = 0;
        while (sql < lines.length && !SECTIONS.contains(lines[sql])) {
            sql++;
        }
        boolean[] topLevel = new boolean[lines.length];
        java.util.Arrays.fill(topLevel, 0, sql, true);
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(sql, lines.length));
        boolean[] inBody = HandWrittenSteps.topLevel(body, body.split("\n", -1));
        System.arraycopy(inBody, 0, topLevel, sql, lines.length - sql);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int marker = topLevel[n] ? SECTIONS.indexOf(line) : -1;
            if (marker >= 0) {
                if (marker <= section) {
                    throw new HistoryFormatException(fileName + ": the section '" + line + "' is out of place; the order is "
                            + String.join(", ", SECTIONS));
                }
                section = marker;
                sections.set(section, new StringBuilder());
            } else if (section >= 0) {
                sections.get(section).append(line).append('\n');
            } else {
                Matcher h = HEADER.matcher(line);
                if (h.matches() && h.group(1).equals("irreversible")) {
                    irreversible.add(h.group(2).strip());
                } else if (h.matches() && h.group(1).equals("squashes")) {
                    String[] parts = h.group(2).strip().split(" ", 2);
                    try {
                        squashed.put(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1].strip() : "");
                    } catch (NumberFormatException e) {
                        throw new HistoryFormatException(fileName + ": '-- squashes: " + h.group(2)
                                + "' is not '<version> <checksum>'");
                    }
                } else if (h.matches()) {
                    header.put(h.group(1), h.group(2).strip());
                    inOperations = false;
                } else if (line.equals("-- operations:")) {
                    inOperations = true;
                } else if (inOperations && line.startsWith("--   ")) {
                    operations.add(line.substring(5));
                }
            }
        }
        if (sections.get(1) == null || sections.get(4) == null) {
            throw new HistoryFormatException(fileName + ": the '" + UP + "' and '" + DOWN + "' sections are missing");
        }
        for (String key : List.of("version", "name", "parent", "checksum")) {
            if (!header.containsKey(key)) {
                throw new HistoryFormatException(fileName + ": the header line '-- " + key + ": ...' is missing");
            }
        }
        FrozenVersion v;
        try {
            var handWritten = new HandWrittenSteps(statements(sections.get(0)), statements(sections.get(2)),
                    statements(sections.get(3)), statements(sections.get(5)), List.of());
            v = new FrozenVersion(Integer.parseInt(header.get("version")), header.get("name"), header.get("parent"),
                    operations, statements(sections.get(1)), statements(sections.get(4)), handWritten, irreversible,
                    squashed);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(fileName + ": " + e.getMessage());
        }
        if (!v.fileName().equals(fileName)) {
            throw new HistoryFormatException(fileName + ": the header says version " + v.version() + " '" + v.name()
                    + "', which does not match the file name");
        }
        if (!v.checksum().equals(header.get("checksum"))) {
            throw new HistoryFormatException(fileName + ": the statements no longer match the recorded checksum: "
                    + "a frozen version was edited. Restore it from version control; to change the schema, "
                    + "edit the entities and freeze a new version.");
        }
        return v;
    }

    private static List<String> statements(StringBuilder section) {
        return section == null ? List.of() : HandWrittenSteps.split(section.toString());
    }
}
