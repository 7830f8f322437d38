package dev.driftless.migrate;

import static dev.driftless.migrate.Text.excerpt;
import static dev.driftless.migrate.Text.human;
import static dev.driftless.migrate.Text.oneLine;
import static dev.driftless.migrate.Text.sleep;

import dev.driftless.history.HandWrittenSteps;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

        /**
         * The bookkeeping as one statement that returns no rows, sent in one round trip with the
         * last statements and the commit; null when it is other work, which then runs after the
         * statements, before the commit.
         *
         * @param millis an SQL expression of the milliseconds the statements took
         */
        default String statement(String millis) {
            return null;
        }

        /** Bookkeeping that is one statement; {@code sql} makes it from an SQL expression of the milliseconds. */
        static Bookkeeping statement(Connection connection, Function<String, String> sql) {
            return new Bookkeeping() {
                @Override
                public void record(Duration took) throws SQLException {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(sql.apply(Long.toString(took.toMillis())));
                    }
                }

                @Override
                public String statement(String millis) {
                    return sql.apply(millis);
                }
            };
        }
    }

    /** A statement of a version failed; the message says which, the transaction is rolled back. */
    static final class StepFailure extends Exception {
        final Duration took;
        /**
         * The connection broke while the server had the statements, the bookkeeping and the
         * {@code COMMIT}, sent together: the server runs what it received whether or not the client
         * is still there, so the step may have been committed, bookkeeping included. Only the
         * history table tells.
         */
        final boolean mayHaveCommitted;

        StepFailure(String message, SQLException cause, Duration took) {
            this(message, cause, took, false);
        }

        StepFailure(String message, SQLException cause, Duration took, boolean mayHaveCommitted) {
            super(message, cause);
            this.took = took;
            this.mayHaveCommitted = mayHaveCommitted;
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
                            failure.took, failure.mayHaveCommitted);
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
                String timeout = lockTimeout.toMillis() + "ms";
                boolean fill = HandWrittenSteps.isJavaFill(sql);
                Matcher index = CONCURRENT_INDEX.matcher(sql);
                boolean concurrent = !fill && index.matches();
                if (!concurrent) {
                    statement.execute("set lock_timeout = '" + timeout + "'");
                }
                try {
                    if (fill) {
                        runFill(connection, javaSteps.apply(HandWrittenSteps.javaStepClass(sql)),
                                HandWrittenSteps.javaStepClass(sql));
                    } else if (!concurrent || !alreadyBuilt(connection, index, timeout)) {
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
     * For a concurrent index build ({@code m} matched {@link #CONCURRENT_INDEX}): whether the index
     * already exists and is valid. An invalid one, left by a build that was interrupted, is dropped
     * here so that the build can run again. The same round trip sets the session's lock timeout
     * (reset by the caller).
     */
    private static boolean alreadyBuilt(Connection connection, Matcher m, String timeout) throws SQLException {
        String index = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
        Boolean valid = null;
        try (PreparedStatement find = connection.prepareStatement("select pg_catalog.set_config('lock_timeout', ?,"
                + " false), (select i.indisvalid from pg_catalog.pg_index i where i.indexrelid = to_regclass(?))")) {
            find.setString(1, timeout);
            find.setString(2, index);
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                valid = rs.getObject(2, Boolean.class);
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
            step.run(guarded(connection, name));
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
     * The version's connection as a Java step gets it: ending the transaction through it ({@code
     * commit()}, {@code rollback()}, {@code setAutoCommit(true)}) would commit or undo the statements
     * before the step without the history row, and is refused.
     */
    private static Connection guarded(Connection connection, String name) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String called = method.getName();
                    boolean noArgs = args == null || args.length == 0;
                    if ((called.equals("commit") || called.equals("rollback")) && noArgs
                            || called.equals("setAutoCommit") && Boolean.TRUE.equals(args[0])) {
                        throw new SQLException("Java step " + name + " called " + called + (noArgs ? "()" : "(true)")
                                + ", which ends the version's transaction: a step must leave the version's transaction"
                                + " alone (it commits with the history row)", "2D000");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** DDL that returns no rows, after any leading comments: what can go in a batch. */
    private static final Pattern BATCHABLE = Pattern.compile(
            "(?is)(\\s*(--[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*(create|alter|drop|comment)\\b");

    /**
     * A statement that ends the transaction it runs in ({@code COMMIT}, {@code END}, {@code ROLLBACK}
     * but not {@code ROLLBACK TO} a savepoint, {@code ABORT}, {@code PREPARE TRANSACTION}), after any
     * leading comments.
     */
    private static final Pattern ENDS_TRANSACTION = Pattern.compile("(?is)(\\s*(--[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*"
            + "(commit|end|abort|rollback(?!\\s+((work|transaction)\\s+)?to\\b)|prepare\\s+transaction)\\b");

    private static boolean batchable(String sql) {
        // The start decides: lookingAt does not read the rest of a long statement.
        return HandWrittenSteps.javaStepClass(sql) == null && BATCHABLE.matcher(sql).lookingAt();
    }


    /**
     * One try of the statements {@code [from, to)} with their bookkeeping, in one transaction, in as
     * few round trips as the statements allow: the lock timeout setting, the phase's {@code LOCK
     * TABLE} statements ({@link PhaseLocks}) and the statements up to the first that is not DDL
     * (a Java step, a statement that may return rows) go in one batch; when the bookkeeping is a
     * statement ({@link Bookkeeping#statement}), it and the {@code COMMIT} go in the last batch
     * (after a statement that ran alone, a batch of their own). A failure names the entry that
     * failed.
     */
    private Duration attempt(Connection connection, List<String> statements, int from, int to,
            Function<String, JavaStep> javaSteps, String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        long start = System.nanoTime();
        String step = "starting its transaction";
        var pending = new StatementBatch(statements);
        try {
            connection.setAutoCommit(false);
            // LOCAL: the setting ends with the transaction, the connection keeps its own.
            if (!lockTimeout.isZero()) {
                pending.add("set local lock_timeout = '" + lockTimeout.toMillis() + "ms'", "setting the lock timeout", null);
            }
            List<String> phase = statements.subList(from, to);
            PhaseLocks.Needs needs = PhaseLocks.needs(statements, from, to);
            // The client's work before the transaction's first statement; the server counts the rest.
            long before = System.nanoTime() - start;
            step = "reading which tables statements " + (from + 1) + " to " + to + " lock";
            List<String> upFront = PhaseLocks.statements(connection, phase, needs);
            String locking = "taking the locks of statements " + (from + 1) + " to " + to + " up front";
            for (String lock : upFront) {
                pending.add(lock, locking + " (" + lock + ")", locking + " (" + String.join("; ", upFront) + ")");
            }
            for (int k = from; k < to; k++) {
                if (ENDS_TRANSACTION.matcher(statements.get(k)).lookingAt()) {
                    // Run, it would commit the statements before it without the bookkeeping.
                    step = "statement " + (k + 1) + " of " + statements.size() + " (" + excerpt(statements.get(k)) + ")";
                    throw new SQLException("it ends the transaction the statements run in, which would commit those"
                            + " before it without the history row; remove it: the version commits by itself", "2D000");
                }
            }
            int i = from;
            while (i < to) {
                String sql = statements.get(i);
                String javaStep = HandWrittenSteps.javaStepClass(sql);
                if (javaStep != null) {
                    step = "statement " + (i + 1) + " of " + statements.size() + " (Java step " + javaStep + ")";
                    pending.send(connection);
                    runJava(connection, javaSteps.apply(javaStep), javaStep);
                    i++;
                } else if (!batchable(sql)) {
                    // A statement that may return rows (a hand-written SELECT) goes alone.
                    pending.send(connection);
                    pending.statement(i);
                    pending.send(connection);
                    i++;
                } else {
                    // DDL waits in the batch for what follows it.
                    for (; i < to && batchable(statements.get(i)); i++) {
                        pending.statement(i);
                    }
                }
            }
            String recording = bookkeeping.statement("(" + before / 1_000_000
                    + " + (extract(epoch from clock_timestamp() - now()) * 1000)::bigint)");
            if (recording != null) {
                // One round trip for the last statements, the bookkeeping and the commit.
                pending.add(recording, bookkeepingStep, bookkeepingStep);
                pending.commit();
                pending.send(connection);
                connection.setAutoCommit(true);
                return Duration.ofNanos(System.nanoTime() - start);
            }
            pending.send(connection);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            step = bookkeepingStep;
            bookkeeping.record(took);
            step = "the commit";
            connection.commit();
            connection.setAutoCommit(true);
            return took;
        } catch (SQLException e) {
            // A failure in a batch names the statement that failed, not the batch's first.
            String which = e instanceof StatementBatch.EntryFailed f ? f.which : step;
            SQLException error = e instanceof StatementBatch.EntryFailed f ? f.error() : e;
            boolean inFlight = e instanceof StatementBatch.EntryFailed f && f.inFlight;
            StepFailure failure = new StepFailure(inFlight ? "the connection broke while the server had " + which
                    + " (" + oneLine(error.getMessage()) + ")" : which + " failed: " + oneLine(error.getMessage()),
                    error, Duration.ofNanos(System.nanoTime() - start), inFlight);
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
