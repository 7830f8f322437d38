package dev.driftless.migrate;

import static dev.driftless.migrate.Migrator.excerpt;
import static dev.driftless.migrate.Migrator.human;
import static dev.driftless.migrate.Migrator.oneLine;
import static dev.driftless.migrate.Migrator.sleep;

import dev.driftless.history.HandWrittenSteps;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

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

        /** PostgreSQL's lock_not_available: the lock timeout expired. */
        boolean lockTimedOut() {
            return getCause() instanceof SQLException e && "55P03".equals(e.getSQLState());
        }
    }

    /**
     * Runs the statements and then the bookkeeping in one transaction and commits. Every statement
     * waits at most the DDL lock timeout for its locks, so that a migration queued behind a long
     * transaction never stalls the readers and writers queued behind it; a version that timed out
     * is rolled back and tried again after a pause, up to the configured number of retries. On
     * failure, throws a {@link StepFailure} naming the step; the connection is back in autocommit.
     */
    Duration run(Connection connection, List<String> statements, Function<String, JavaStep> javaSteps,
            String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(connection, statements, javaSteps, bookkeepingStep, bookkeeping);
            } catch (StepFailure failure) {
                if (!failure.lockTimedOut() || attempt > retries) {
                    if (failure.lockTimedOut()) {
                        throw new StepFailure(failure.getMessage() + " (gave up after " + attempt + " attempts of "
                                + human(lockTimeout) + " each: a long-running transaction holds a lock the"
                                + " version needs; find it in pg_stat_activity)", (SQLException) failure.getCause(),
                                failure.took);
                    }
                    throw failure;
                }
                Duration pause = Duration.ofMillis(Math.min(10_000L, 500L << (attempt - 1)));
                int tried = attempt;
                LOG.log(Level.WARNING, () -> "could not get a lock within " + human(lockTimeout) + " ("
                        + failure.getMessage() + "); rolled back, trying again in " + human(pause) + " (retry "
                        + tried + " of " + retries + ")");
                sleep(pause.toNanos());
            }
        }
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

    private Duration attempt(Connection connection, List<String> statements, Function<String, JavaStep> javaSteps,
            String bookkeepingStep, Bookkeeping bookkeeping) throws StepFailure {
        long start = System.nanoTime();
        String step = "starting its transaction";
        try {
            connection.setAutoCommit(false);
            if (!lockTimeout.isZero()) {
                try (Statement statement = connection.createStatement()) {
                    // LOCAL: the setting ends with the transaction, the connection keeps its own.
                    statement.execute("set local lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                }
            }
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                String javaStep = HandWrittenSteps.javaStepClass(sql);
                step = "statement " + (i + 1) + " of " + statements.size() + " ("
                        + (javaStep != null ? "Java step " + javaStep : excerpt(sql)) + ")";
                if (javaStep != null) {
                    runJava(connection, javaSteps.apply(javaStep), javaStep);
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            step = bookkeepingStep;
            bookkeeping.record(took);
            step = "the commit";
            connection.commit();
            connection.setAutoCommit(true);
            return took;
        } catch (SQLException e) {
            StepFailure failure = new StepFailure(step + " failed: " + oneLine(e.getMessage()), e,
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
