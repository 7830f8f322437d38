package dev.driftless.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a version's down would discard, read from its statements: the planner's own spellings of
 * a dropped table ({@code DROP TABLE t}), a dropped column ({@code ALTER TABLE t DROP COLUMN c})
 * and a type change ({@code ALTER TABLE t ALTER COLUMN c TYPE x [COLLATE n] [USING c::[text::]x]}; a
 * collation alone keeps every value), and the dropped
 * trigger of an online rename's column sync ({@code DROP TRIGGER driftless_sync_... ON t}), whose
 * columns hold the same values, so that dropping one of them discards nothing.
 *
 * <p>Reading the statements is reliable for generated downs: a frozen version's statements are the
 * exact text {@code PostgresPlanner} wrote when it was frozen and never change, the planner spells
 * these operations in these forms only, and each pattern matches a whole statement (identifiers as
 * {@code Identifiers.quote} writes them), so no other statement is taken for one of them. Key
 * words match in any case, so a hand-written statement of the same form counts too; one that
 * discards data in another form ({@code IF EXISTS}, {@code DELETE}, {@code TRUNCATE}, a Java step)
 * cannot be judged. Pure.
 */
final class DownDiscards {

    /** One object of the schema that the down removes or converts. */
    sealed interface Discard {
        /** The table, as SQL (quoted as the statement has it). */
        String table();
    }

    record DroppedTable(String table) implements Discard {}

    record DroppedColumn(String table, String column) implements Discard {}

    /** A type change: whether it keeps every value depends on the column's type now. */
    record ChangedType(String table, String column, String type) implements Discard {}

    /** A column sync whose trigger the down drops; its two columns are read from the trigger. */
    record DroppedSync(String table, String trigger) {}

    private static final String IDENT = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")*\")";
    private static final String QNAME = IDENT + "(?:\\." + IDENT + ")?";
    private static final Pattern DROP_TABLE = Pattern.compile("(?i)" + "DROP TABLE (" + QNAME + ")");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?i)" + "ALTER TABLE (" + QNAME + ") DROP COLUMN (" + IDENT + ")");
    private static final Pattern CHANGE_TYPE = Pattern.compile(
            "(?i)" + "ALTER TABLE (" + QNAME + ") ALTER COLUMN (" + IDENT + ") TYPE ([^;]+?)(?: COLLATE " + IDENT + ")?"
                    + "(?: USING (" + IDENT + ")::(?:text::)?(.+))?");
    private static final Pattern DROP_SYNC = Pattern.compile(
            "(?i)" + "DROP TRIGGER (\"?driftless_sync_(?:[^\"]|\"\")*\"?) ON (" + QNAME + ")");

    private final List<Discard> discards;
    private final List<DroppedSync> syncs;

    private DownDiscards(List<Discard> discards, List<DroppedSync> syncs) {
        this.discards = List.copyOf(discards);
        this.syncs = List.copyOf(syncs);
    }

    static DownDiscards of(List<String> down) {
        var discards = new ArrayList<Discard>();
        var syncs = new ArrayList<DroppedSync>();
        for (String statement : down) {
            String sql = statement.strip();
            Matcher m;
            if ((m = DROP_TABLE.matcher(sql)).matches()) {
                discards.add(new DroppedTable(m.group(1)));
            } else if ((m = DROP_COLUMN.matcher(sql)).matches()) {
                discards.add(new DroppedColumn(m.group(1), m.group(2)));
            } else if ((m = CHANGE_TYPE.matcher(sql)).matches()
                    && (m.group(4) == null || (m.group(4).equals(m.group(2)) && m.group(5).equals(m.group(3))))) {
                discards.add(new ChangedType(m.group(1), m.group(2), m.group(3)));
            } else if ((m = DROP_SYNC.matcher(sql)).matches()) {
                syncs.add(new DroppedSync(m.group(2), m.group(1)));
            }
        }
        return new DownDiscards(discards, syncs);
    }

    List<Discard> discards() {
        return discards;
    }

    List<DroppedSync> syncs() {
        return syncs;
    }
}
