package dev.driftless.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file of a frozen version: a SQL file whose header comments carry the version's identity and
 * whose two sections hold the up and down statements, so that it reads in review like the SQL it is.
 */
public final class VersionFormat {

    public static final Pattern FILE_NAME = Pattern.compile("V(\\d{4,})__([a-z0-9_]+)\\.sql");
    private static final String UP = "-- driftless:up";
    private static final String DOWN = "-- driftless:down";
    private static final Pattern HEADER = Pattern.compile("-- (version|name|parent|checksum): (.*)");

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
        out.append("--\n-- operations:\n");
        v.operations().forEach(o -> out.append("--   ").append(o.replace('\n', ' ')).append('\n'));
        out.append('\n').append(UP).append('\n');
        v.up().forEach(s -> out.append(s).append(";\n\n"));
        out.append(DOWN).append('\n');
        v.down().forEach(s -> out.append(s).append(";\n\n"));
        return out.toString().stripTrailing() + "\n";
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
        var operations = new ArrayList<String>();
        var up = new StringBuilder();
        var down = new StringBuilder();
        StringBuilder section = null;
        boolean inOperations = false;
        for (String line : text.split("\r?\n", -1)) {
            if (line.equals(UP)) {
                section = up;
            } else if (line.equals(DOWN)) {
                if (section != up) {
                    throw new HistoryFormatException(fileName + ": '" + DOWN + "' must follow '" + UP + "'");
                }
                section = down;
            } else if (section != null) {
                section.append(line).append('\n');
            } else {
                Matcher h = HEADER.matcher(line);
                if (h.matches()) {
                    header.put(h.group(1), h.group(2).strip());
                    inOperations = false;
                } else if (line.equals("-- operations:")) {
                    inOperations = true;
                } else if (inOperations && line.startsWith("--   ")) {
                    operations.add(line.substring(5));
                }
            }
        }
        if (section != down) {
            throw new HistoryFormatException(fileName + ": the '" + UP + "' and '" + DOWN + "' sections are missing");
        }
        for (String key : List.of("version", "name", "parent", "checksum")) {
            if (!header.containsKey(key)) {
                throw new HistoryFormatException(fileName + ": the header line '-- " + key + ": ...' is missing");
            }
        }
        FrozenVersion v;
        try {
            v = new FrozenVersion(Integer.parseInt(header.get("version")), header.get("name"), header.get("parent"),
                    operations, SqlScript.split(up.toString()), SqlScript.split(down.toString()));
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(fileName + ": " + e.getMessage());
        }
        if (v.version() != Integer.parseInt(file.group(1)) || !v.name().equals(file.group(2))) {
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
}
