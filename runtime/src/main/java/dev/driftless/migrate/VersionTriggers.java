package dev.driftless.migrate;

import dev.driftless.introspect.SchemaIssue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The triggers that the statements of applied versions leave in place: those their hand-written
 * steps create, minus those later ones drop or rename. The model has no triggers but the sync
 * triggers of online renames, so a trigger a version made on purpose is part of the history, not
 * drift. A trigger is known by its name and its table's name (without schema); a statement that
 * makes one some other way (a Java step, dynamic SQL in a {@code DO} block) is not seen, and that
 * trigger stays an issue.
 */
final class VersionTriggers {

    private static final String NAME = "\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*";
    private static final String IDENTIFIER = "(" + NAME + ")";
    /** A table name, optionally schema-qualified: only its last part is kept. */
    private static final String TABLE = "(?:(?:" + NAME + ")\\s*\\.\\s*)?" + IDENTIFIER;
    private static final Pattern CREATE = Pattern.compile("(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+"
            + IDENTIFIER + "\\s+(?:BEFORE|AFTER|INSTEAD\\s+OF)\\s.*?\\sON\\s+" + TABLE + ".*");
    private static final Pattern DROP = Pattern.compile("(?is)DROP\\s+TRIGGER\\s+(?:IF\\s+EXISTS\\s+)?" + IDENTIFIER
            + "\\s+ON\\s+" + TABLE + ".*");
    private static final Pattern RENAME = Pattern.compile("(?is)ALTER\\s+TRIGGER\\s+" + IDENTIFIER + "\\s+ON\\s+" + TABLE
            + "\\s+RENAME\\s+TO\\s+" + IDENTIFIER + ".*");

    /** A trigger by its table's name and its own, as PostgreSQL stores them. */
    record Trigger(String table, String name) {}

    private final Set<Trigger> triggers;

    private VersionTriggers(Set<Trigger> triggers) {
        this.triggers = Set.copyOf(triggers);
    }

    /** The triggers left by the up statements of {@code versions}, applied in their order. */
    static VersionTriggers of(List<Migration> versions) {
        var left = new HashSet<Trigger>();
        for (Migration m : versions) {
            for (String statement : m.up()) {
                String s = statement.strip();
                Matcher c = CREATE.matcher(s);
                Matcher d = DROP.matcher(s);
                Matcher r = RENAME.matcher(s);
                if (c.matches()) {
                    left.add(new Trigger(name(c.group(2)), name(c.group(1))));
                } else if (d.matches()) {
                    left.remove(new Trigger(name(d.group(2)), name(d.group(1))));
                } else if (r.matches() && left.remove(new Trigger(name(r.group(2)), name(r.group(1))))) {
                    left.add(new Trigger(name(r.group(2)), name(r.group(3))));
                }
            }
        }
        return new VersionTriggers(left);
    }

    Set<Trigger> triggers() {
        return triggers;
    }

    /** The issues but the triggers that applied versions made. */
    List<SchemaIssue> unaccounted(List<SchemaIssue> issues) {
        return issues.stream().filter(i -> !(i instanceof SchemaIssue.UnmanagedTrigger t
                && triggers.contains(new Trigger(t.table().name(), t.name())))).toList();
    }

    /** An identifier as PostgreSQL stores it: a quoted one as written, any other in lower case. */
    private static String name(String sql) {
        return sql.startsWith("\"") ? sql.substring(1, sql.length() - 1).replace("\"\"", "\"") : sql.toLowerCase(Locale.ROOT);
    }
}
