package dev.driftless.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A readable changelog of versions, newest first, in Markdown: what each added, renamed, changed
 * and dropped, whether it can be undone, and the lock each of its statements takes. The same
 * versions always give the same text.
 */
public final class Changelog {

    /** How much of a statement the lock table shows: its start names what it does. */
    static final int STATEMENT_WIDTH = 100;

    /** The file beside the history's versions that holds their changelog. */
    public static final String FILE_NAME = "changelog.md";

    private Changelog() {}

    public static String markdown(String title, List<ChangelogEntry> versions) {
        var out = new StringBuilder("# ").append(title).append("\n");
        if (versions.isEmpty()) {
            out.append("\nNo version yet.\n");
        }
        List<ChangelogEntry> newestFirst = versions.stream()
                .sorted(Comparator.comparingInt(ChangelogEntry::version).reversed()).toList();
        for (ChangelogEntry v : newestFirst) {
            out.append("\n## Version ").append(v.version()).append(": ").append(v.name()).append("\n");
            if (v.state() != null) {
                out.append("\n").append(capitalized(v.state())).append(".\n");
            }
            for (var group : grouped(v.changes()).entrySet()) {
                out.append("\n").append(group.getKey()).append(":\n");
                group.getValue().forEach(line -> out.append("- ").append(line).append("\n"));
            }
            if (v.irreversible().isEmpty()) {
                out.append("\nCan be undone (downgrade).\n");
            } else {
                out.append("\nCannot be undone without losing data:\n");
                v.irreversible().forEach(line -> out.append("- ").append(line).append("\n"));
            }
            if (!v.up().isEmpty()) {
                out.append("\n| # | Statement | Lock |\n| ---: | --- | --- |\n");
                for (int i = 0; i < v.up().size(); i++) {
                    String statement = v.up().get(i);
                    out.append("| ").append(i + 1).append(" | ").append(code(statement)).append(" | ")
                            .append(StatementLocks.of(statement)).append(" |\n");
                }
            }
        }
        return out.toString();
    }

    /** The changes under the headings Added, Renamed, Changed and Dropped, each in the version's order. */
    static Map<String, List<String>> grouped(List<String> changes) {
        var groups = new LinkedHashMap<String, List<String>>();
        for (String heading : List.of("Added", "Renamed", "Changed", "Dropped")) {
            groups.put(heading, new ArrayList<>());
        }
        for (String change : changes) {
            String heading;
            if (change.startsWith("create ") || change.startsWith("add ") || change.startsWith("keep ")) {
                heading = "Added";
            } else if (change.startsWith("rename ")) {
                heading = "Renamed";
            } else if (change.startsWith("drop ") || change.startsWith("remove ") || change.startsWith("stop ")) {
                heading = "Dropped";
            } else {
                heading = "Changed";
            }
            groups.get(heading).add(change);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    /** A statement's first line, shortened, as inline code a Markdown table cell can hold. */
    static String code(String statement) {
        String line = statement.strip().lines().findFirst().orElse("").strip();
        boolean cut = line.length() > STATEMENT_WIDTH || statement.strip().lines().count() > 1;
        if (line.length() > STATEMENT_WIDTH) {
            line = line.substring(0, STATEMENT_WIDTH);
        }
        return "`" + line.replace("`", "'").replace("|", "\\|") + (cut ? " …" : "") + "`";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
