package dev.driftless.migrate;

import static dev.driftless.migrate.Text.excerpt;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements to send together, each with what a failure of it is called: a JDBC batch, which
 * the driver sends in one round trip. When one fails, the error names it.
 */
final class StatementBatch {
    private final List<String> all;
    private final List<String> sql = new ArrayList<>();
    /** Per entry, what its failure is called; null for a version's statement, named by its number when it fails. */
    private final List<String> names = new ArrayList<>();
    private final List<Integer> indices = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private int firstStatement = -1;
    private int lastStatement = -1;
    /** Whether the last entry is the {@code COMMIT}. */
    private boolean commits;

    /** @param all the version's statements, which the failures name by their numbers */
    StatementBatch(List<String> all) {
        this.all = all;
    }

    /** The version's statement {@code index}. */
    void statement(int index) {
        sql.add(all.get(index));
        names.add(null);
        indices.add(index);
        groups.add(null);
        firstStatement = firstStatement < 0 ? index : firstStatement;
        lastStatement = index;
    }

    /**
     * A statement that is not one of the version's.
     *
     * @param group what a failure in the batch is called when the error does not say which entry it was
     */
    void add(String statement, String name, String group) {
        sql.add(statement);
        names.add(name);
        indices.add(-1);
        groups.add(group);
    }

    /** What a failure of entry {@code entry} is called. */
    private String nameOf(int entry) {
        return names.get(entry) != null ? names.get(entry) : name(indices.get(entry));
    }

    boolean isEmpty() {
        return sql.isEmpty();
    }

    /** The {@code COMMIT}, last. */
    void commit() {
        add("COMMIT", "the commit", "the commit");
        commits = true;
    }

    /** What is in a batch that ends with the commit, for a failure that leaves its outcome unknown. */
    private String everything() {
        var parts = new ArrayList<String>();
        if (firstStatement >= 0) {
            parts.add(firstStatement == lastStatement ? name(firstStatement) : "statements " + (firstStatement + 1)
                    + " to " + (lastStatement + 1) + " of " + all.size() + " (from " + excerpt(all.get(firstStatement))
                    + ")");
        }
        parts.add(names.get(names.size() - 2));
        return String.join(", ", parts) + " and the commit, sent together";
    }

    private String name(int index) {
        return "statement " + (index + 1) + " of " + all.size() + " (" + excerpt(all.get(index)) + ")";
    }

    /** What the batch's failure is called when the error names no entry. */
    private String unknown() {
        if (firstStatement == lastStatement && firstStatement >= 0) {
            return name(firstStatement);
        }
        if (firstStatement >= 0) {
            return "one of statements " + (firstStatement + 1) + " to " + (lastStatement + 1) + " of " + all.size()
                    + " (sent together in one batch, from " + excerpt(all.get(firstStatement))
                    + "; the error does not say which)";
        }
        return groups.stream().filter(g -> g != null).findFirst().orElse(nameOf(0));
    }

    /**
     * Sends what is pending in one round trip (a single statement alone, so that it may return
     * rows) and empties it.
     */
    void send(Connection connection) throws SQLException {
        if (sql.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (sql.size() == 1) {
                try {
                    statement.execute(sql.get(0));
                } catch (SQLException e) {
                    throw new EntryFailed(nameOf(0), e);
                }
                return;
            }
            for (String each : sql) {
                statement.addBatch(each);
            }
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException error = e.getNextException() != null ? e.getNextException() : e;
            // A broken connection names no entry: the driver counts the replies it read, and the
            // server sends none before the batch's end.
            boolean broke = broken(error);
            if (commits && (broke || pastTheLast(e, sql.size()))) {
                throw new EntryFailed(everything(), error, true);
            }
            int entry = broke ? -1 : failedEntry(e, sql.size());
            throw new EntryFailed(entry < 0 ? unknown() : nameOf(entry), error);
        } catch (EntryFailed e) {
            throw e;
        } catch (SQLException e) {
            // The connection broke, say, while the batch ran: the error names no entry.
            if (commits && broken(e)) {
                throw new EntryFailed(everything(), e, true);
            }
            throw new EntryFailed(unknown(), e);
        } finally {
            commits = false;
            sql.clear();
            names.clear();
            indices.clear();
            groups.clear();
            firstStatement = -1;
            lastStatement = -1;
        }
    }

    /** A connection failure (SQLSTATE class 08): the client lost the server, which may have gone on. */
    private static boolean broken(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** Whether the driver read the replies of every entry before the error: the error came after the last. */
    private static boolean pastTheLast(BatchUpdateException e, int size) {
        Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
        return m.find() && Integer.parseInt(m.group(1)) >= size;
    }

    /** A statement of a batch failed: which one, and the server's error. */
    static final class EntryFailed extends SQLException {
        final String which;
        /** The batch held the commit and the connection broke: the server may have committed it. */
        final boolean inFlight;

        EntryFailed(String which, SQLException error) {
            this(which, error, false);
        }

        EntryFailed(String which, SQLException error, boolean inFlight) {
            super(error.getMessage(), error.getSQLState(), error);
            this.which = which;
            this.inFlight = inFlight;
        }

        SQLException error() {
            return (SQLException) getCause();
        }
    }

    /** pgjdbc names the batch entry that failed (in English, whatever the locale). */
    private static final Pattern BATCH_ENTRY = Pattern.compile("^Batch entry (\\d+) ");

    /**
     * The batch entry that failed, -1 when it is not known. The update counts tell it when they
     * are counts: the entries before it succeeded, it and those after it did not run. Inside a
     * transaction pgjdbc marks every entry failed (all were rolled back); then its message names
     * the entry.
     */
    static int failedEntry(BatchUpdateException e, int size) {
        int[] counts = e.getUpdateCounts();
        if (counts != null) {
            for (int i = 0; i < counts.length && i < size; i++) {
                if (counts[i] == Statement.EXECUTE_FAILED) {
                    if (i > 0) {
                        return i;
                    }
                    break;
                }
            }
            if (counts.length > 0 && counts.length < size && counts[counts.length - 1] != Statement.EXECUTE_FAILED) {
                // The driver stopped at the failing entry: the counts are those of the entries before it.
                return counts.length;
            }
        }
        Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Math.min(Integer.parseInt(m.group(1)), size - 1) : -1;
    }
}
