package dev.driftless.migrate;

import static dev.driftless.migrate.Text.excerpt;
import static dev.driftless.migrate.Text.human;
import static dev.driftless.migrate.Text.oneLine;
import static dev.driftless.migrate.Text.sleep;

import dev.driftless.history.HandWrittenSteps;
import java.lang.System.Logger.Level;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one version's statements with their history bookkeeping in one transaction, under a lock
 * timeout, retrying a version whose locks were not to be had.
 */
final class VersionTransaction {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private final Duration lockTimeout;
    private final int retries;

    VersionTransaction(Duration lockTimeout, int retries) {
        this.lockTimeout = lockTimeout;
        this.retries = retries;
    }

    /** The history bookkeeping that commits together with a version's statements. */
    interface Bookkeeping {
        void record(Duration took) throws SQLException;
    }

    /** A statement of a version failed; the message says which, the transaction is rolled back. */
    static final class StepFailure extends Exception {
        final Duration took;

        StepFailure(String message, SQLException cause, Duration took) {
            super(message, cause);
            this.took = took;
        }

        /**
         * Whether the attempt could not get its locks: the lock timeout expired, or PostgreSQL broke
         * a deadlock with an application transaction by cancelling the version's.
         */
        boolean lockTimedOut() {
            return getCause() instanceof SQLException e
                    && ("55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState()));
        }
    }

    /**
     * Runs the statements and then the bookkeeping in one transaction and commits. Every statement
     * waits at most the DDL lock timeout for its locks, so that a migration queued behind a long
     * transaction never stalls the readers and writers queued behind it; a version that timed out
     * is rolled back and tried again after a pause, up to the configured number of retries. Before
     * the first statement the phase locks are taken ({@link PhaseLocks}: the tables' locks up front,
     * children before parents), under the same timeout and retries. On failure, throws a {@link
     * StepFailure} naming the step; the connection is back in autocommit.
     */
    Duration run(Connection connection, List<String> statements, Function<String, JavaStep> javaSteps,
            String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        return run(connection, statements, 0, statements.size(), javaSteps, bookkeepingStep, bookkeeping);
    }

    /**
     * Like {@link #run(Connection, List, Function, String, Bookkeeping)} for the statements
     * {@code [from, to)} of a version's {@code all}: a failure names the statement by its number
     * in the version.
     */
    Duration run(Connection connection, List<String> all, int from, int to, Function<String, JavaStep> javaSteps,
            String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        return retrying(() -> attempt(connection, all, from, to, javaSteps, bookkeepingStep, bookkeeping),
                "rolled back, ");
    }

    /** One try of a step; a {@link StepFailure} whose lock timed out is tried again. */
    private interface Attempt {
        Duration run() throws StepFailure;
    }

    /**
     * Runs the attempt, again after a growing pause each time it could not get its locks, up to the
     * configured number of retries; the final failure says how many attempts were made.
     *
     * @param undone what a timed-out attempt left undone, for the log ("rolled back, " or "")
     */
    private Duration retrying(Attempt attempt, String undone) throws StepFailure {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (StepFailure failure) {
                if (!failure.lockTimedOut()) {
                    throw failure;
                }
                if (n > retries) {
                    throw new StepFailure(failure.getMessage() + " (gave up after " + n + " attempts of "
                            + human(lockTimeout) + " each: a long-running transaction holds a lock the"
                            + " version needs; find it in pg_stat_activity)", (SQLException) failure.getCause(),
                            failure.took);
                }
                Duration pause = Duration.ofMillis(Math.min(10_000L, 500L << (n - 1)));
                int tried = n;
                LOG.log(Level.WARNING, () -> "could not get a lock within " + human(lockTimeout) + " ("
                        + failure.getMessage() + "); " + undone + "trying again in " + human(pause) + " (retry "
                        + tried + " of " + retries + ")");
                sleep(pause.toNanos());
            }
        }
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] [schema.]table}. */
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)\\s*create\\s+(?:unique\\s+)?index\\s+concurrently\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s+on\\s+(?:only\\s+)?(?:(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*\\.\\s*)?.*");

    /**
     * Runs one statement that PostgreSQL refuses inside a transaction block, in autocommit, under
     * the DDL lock timeout and with the same retries. A concurrent index build is resumable: an
     * index of that name left invalid by an interrupted build is dropped and built again, and a
     * valid one (built, but not yet recorded) is kept.
     */
    Duration runAlone(Connection connection, String sql, String step) throws StepFailure {
        return runAlone(connection, sql, step, name -> {
            throw new IllegalStateException("no Java step runs here: " + name);
        });
    }

    /**
     * Like {@link #runAlone(Connection, String, String)}; the statement may be the Java step of a
     * fill, which runs on the connection in autocommit (each statement it runs commits by itself).
     * A step that turned autocommit off has what it left committed, and the connection back in
     * autocommit.
     */
    Duration runAlone(Connection connection, String sql, String step, Function<String, JavaStep> javaSteps)
            throws StepFailure {
        return retrying(() -> runAloneOnce(connection, sql, step, javaSteps), "");
    }

    private Duration runAloneOnce(Connection connection, String sql, String step, Function<String, JavaStep> javaSteps)
            throws StepFailure {
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                try {
                    if (HandWrittenSteps.isJavaFill(sql)) {
                        runFill(connection, javaSteps.apply(HandWrittenSteps.javaStepClass(sql)),
                                HandWrittenSteps.javaStepClass(sql));
                    } else if (!alreadyBuilt(connection, sql)) {
                        statement.execute(sql);
                    }
                } finally {
                    statement.execute("reset lock_timeout");
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (SQLException e) {
            String what = HandWrittenSteps.isJavaFill(sql) ? "Java step " + HandWrittenSteps.javaStepClass(sql)
                    + " of a fill" : excerpt(sql);
            throw new StepFailure(step + " (" + what + ") failed: " + oneLine(e.getMessage()), e,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static void runFill(Connection connection, JavaStep step, String name) throws SQLException {
        try {
            step.run(connection);
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            throw e;
        } catch (RuntimeException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            throw new SQLException("Java step " + name + " threw " + e, e);
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /**
     * For a concurrent index build: whether the index already exists and is valid. An invalid one,
     * left by a build that was interrupted, is dropped here so that the build can run again.
     */
    private static boolean alreadyBuilt(Connection connection, String sql) throws SQLException {
        Matcher m = CONCURRENT_INDEX.matcher(sql);
        if (!m.matches()) {
            return false;
        }
        String index = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
        Boolean valid = null;
        try (PreparedStatement find = connection.prepareStatement(
                "select i.indisvalid from pg_catalog.pg_index i where i.indexrelid = to_regclass(?)")) {
            find.setString(1, index);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    valid = rs.getBoolean(1);
                }
            }
        }
        if (valid == null) {
            return false;
        }
        if (valid) {
            LOG.log(Level.INFO, () -> "index " + index + " is already built; an earlier run was interrupted after it");
            return true;
        }
        LOG.log(Level.WARNING, () -> "index " + index + " was left invalid by an interrupted build; dropping it to"
                + " build it again");
        try (Statement drop = connection.createStatement()) {
            drop.execute("drop index concurrently if exists " + index);
        }
        return false;
    }

    private static void runJava(Connection connection, JavaStep step, String name) throws SQLException {
        try {
            step.run(connection);
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SQLException("Java step " + name + " threw " + e, e);
        }
        if (connection.getAutoCommit()) {
            throw new SQLException("Java step " + name + " switched the connection to autocommit: a step must leave"
                    + " the version's transaction alone");
        }
    }

    /**
     * Runs statements in one round trip (a JDBC batch, which the driver sends together). When one
     * fails, the error names it as the version's statement it is.
     *
     * @param first the index in {@code all} of {@code run}'s first statement (-1 when that is the
     *     lock timeout setting, which is not one of the version's)
     */
    private static void execute(Connection connection, List<String> run, List<String> all, int first)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (run.size() == 1) {
                statement.execute(run.get(0));
                return;
            }
            for (String sql : run) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            int entry = failedEntry(e, run.size());
            SQLException error = e.getNextException() != null ? e.getNextException() : e;
            if (entry < 0) {
                throw new BatchEntryFailed(batch(all, first, run.size()), error);
            }
            int index = first + entry;
            String which = index < 0 ? "setting the lock timeout"
                    : "statement " + (index + 1) + " of " + all.size() + " (" + excerpt(all.get(index)) + ")";
            throw new BatchEntryFailed(which, error);
        } catch (SQLException e) {
            if (run.size() == 1) {
                throw e;
            }
            // The connection broke, say, while the batch ran: the error names no entry.
            throw new BatchEntryFailed(batch(all, first, run.size()), e);
        }
    }

    /** A batch whose failing entry is not known, by the numbers of the version's statements in it. */
    private static String batch(List<String> all, int first, int size) {
        int from = Math.max(first, 0) + 1;
        int to = first + size;
        return "one of statements " + from + " to " + to + " of " + all.size() + " (sent together in one batch,"
                + " from " + excerpt(all.get(from - 1)) + "; the error does not say which)";
    }

    /** A statement of a batch failed: which one, and the server's error. */
    private static final class BatchEntryFailed extends SQLException {
        final String which;

        BatchEntryFailed(String which, SQLException error) {
            super(error.getMessage(), error.getSQLState(), error);
            this.which = which;
        }

        SQLException error() {
            return (SQLException) getCause();
        }
    }

    /** DDL that returns no rows, after any leading comments: what can go in a batch. */
    private static final Pattern BATCHABLE = Pattern.compile(
            "(?is)(\\s*(--[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*(create|alter|drop|comment)\\b.*");

    private static boolean batchable(String sql) {
        return HandWrittenSteps.javaStepClass(sql) == null && BATCHABLE.matcher(sql).matches();
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

    /**
     * Runs the phase's {@code LOCK TABLE} statements ({@link PhaseLocks}) in one round trip, after
     * the lock timeout setting when there is one; a failure names the table it could not lock.
     */
    private static void lockUpFront(Connection connection, String setTimeout, List<String> locks, int from, int to)
            throws SQLException {
        var run = new ArrayList<String>();
        if (setTimeout != null) {
            run.add(setTimeout);
        }
        run.addAll(locks);
        try (Statement statement = connection.createStatement()) {
            for (String sql : run) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            int failed = failedEntry(e, run.size());
            int lock = failed - (setTimeout == null ? 0 : 1);
            SQLException error = e.getNextException() != null ? e.getNextException() : e;
            String which = failed >= 0 && lock < 0 ? "setting the lock timeout"
                    : "taking the locks of statements " + (from + 1) + " to " + to + " up front ("
                            + (failed < 0 ? String.join("; ", locks) : locks.get(lock)) + ")";
            throw new BatchEntryFailed(which, error);
        }
    }

    private Duration attempt(Connection connection, List<String> statements, int from, int to,
            Function<String, JavaStep> javaSteps, String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        long start = System.nanoTime();
        String step = "starting its transaction";
        try {
            connection.setAutoCommit(false);
            // LOCAL: the setting ends with the transaction, the connection keeps its own.
            String setTimeout = lockTimeout.isZero() ? null : "set local lock_timeout = '" + lockTimeout.toMillis() + "ms'";
            step = "reading which tables statements " + (from + 1) + " to " + to + " lock";
            List<String> upFront = PhaseLocks.statements(connection, statements, from, to);
            if (!upFront.isEmpty()) {
                step = "taking the locks of statements " + (from + 1) + " to " + to + " up front";
                lockUpFront(connection, setTimeout, upFront, from, to);
                setTimeout = null;
            }
            int i = from;
            while (i < to) {
                String javaStep = HandWrittenSteps.javaStepClass(statements.get(i));
                if (javaStep != null) {
                    step = "statement " + (i + 1) + " of " + statements.size() + " (Java step " + javaStep + ")";
                    if (setTimeout != null) {
                        execute(connection, List.of(setTimeout), statements, -1);
                        setTimeout = null;
                    }
                    runJava(connection, javaSteps.apply(javaStep), javaStep);
                    i++;
                    continue;
                }
                // DDL goes in batches; a statement that may return rows (a hand-written SELECT) alone.
                int end = i + 1;
                if (batchable(statements.get(i))) {
                    while (end < to && batchable(statements.get(end))) {
                        end++;
                    }
                }
                var run = new ArrayList<String>();
                if (setTimeout != null) {
                    run.add(setTimeout);
                }
                run.addAll(statements.subList(i, end));
                step = "statement " + (i + 1) + " of " + statements.size() + " (" + excerpt(statements.get(i)) + ")";
                execute(connection, run, statements, setTimeout == null ? i : i - 1);
                setTimeout = null;
                i = end;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            step = bookkeepingStep;
            bookkeeping.record(took);
            step = "the commit";
            connection.commit();
            connection.setAutoCommit(true);
            return took;
        } catch (SQLException e) {
            // A failure in a batch names the statement that failed, not the batch's first.
            String which = e instanceof BatchEntryFailed f ? f.which : step;
            SQLException error = e instanceof BatchEntryFailed f ? f.error() : e;
            StepFailure failure = new StepFailure(which + " failed: " + oneLine(error.getMessage()), error,
                    Duration.ofNanos(System.nanoTime() - start));
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException rollback) {
                failure.addSuppressed(rollback);
            }
            throw failure;
        }
    }
}
