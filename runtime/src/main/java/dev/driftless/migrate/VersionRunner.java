package dev.driftless.migrate;

import static dev.driftless.migrate.Text.describe;
import static dev.driftless.migrate.Text.oneLine;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs one version in either direction, with its history bookkeeping: a version of one
 * transactional phase commits together with its history row; a version of several phases records
 * its progress after each, so that an interrupted run resumes where it stopped.
 */
final class VersionRunner {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private final VersionTransaction transactions;

    /** What to do when the connection broke while the server had a commit: the history table knows. */
    private static final String UNKNOWN_OUTCOME = "The server runs what it received even once the connection is gone;"
            + " the history table records which it was: run `driftless status`, and migrate again to go on from there";

    VersionRunner(VersionTransaction transactions) {
        this.transactions = transactions;
    }

    /** Applies the version; {@code resumeFrom} is the number of its up statements already done, or null. */
    AppliedVersion apply(Connection connection, String table, Migration migration, Integer resumeFrom)
            throws SQLException {
        Phases phases = Phases.of(migration.up());
        if (!phases.single() || resumeFrom != null) {
            return applyInPhases(connection, table, migration, phases, resumeFrom);
        }
        try {
            Duration took = transactions.run(connection, migration.up(), migration::javaStep, "recording it in the history",
                    VersionTransaction.Bookkeeping.statement(connection,
                            millis -> SchemaHistory.insertHistorySql(table, migration, millis)));
            return new AppliedVersion(migration.version(), migration.description(), took);
        } catch (VersionTransaction.StepFailure e) {
            if (e.mayHaveCommitted) {
                throw new MigrationException(describe(migration) + " may have been committed, history row included, or"
                        + " rolled back: " + e.getMessage() + ". " + UNKNOWN_OUTCOME, e.getCause());
            }
            MigrationException failure = new MigrationException(describe(migration)
                    + " failed and was rolled back (none of its statements took effect): " + e.getMessage(), e.getCause());
            try {
                // Its own transaction, so the failure stays recorded although the version was rolled back.
                SchemaHistory.insertHistory(connection, table, migration, e.took, oneLine(e.getCause().getMessage()));
            } catch (SQLException recording) {
                failure.addSuppressed(recording);
            }
            throw failure;
        }
    }

    /**
     * A version with statements that cannot run in a transaction: each transactional phase commits
     * together with the progress it made, each other statement is recorded once it is done, so an
     * interrupted run resumes after the last statement recorded.
     */
    private AppliedVersion applyInPhases(Connection connection, String table, Migration migration, Phases phases,
            Integer resumeFrom) throws SQLException {
        long start = System.nanoTime();
        int done = resumeFrom == null ? 0 : resumeFrom;
        if (resumeFrom == null) {
            SchemaHistory.insertProgress(connection, table, migration);
        } else {
            int from = done;
            LOG.log(Level.INFO, () -> "resuming " + describe(migration) + " after its statement " + from);
        }
        List<String> up = migration.up();
        boolean recordedDone = false;
        for (Phases.Phase phase : phases.phases()) {
            if (phase.to() <= done) {
                continue;
            }
            int from = Math.max(done, phase.from());
            // The last phase records the version as applied, with its own progress.
            boolean last = phase.to() == up.size();
            Integer completed = last ? null : phase.to();
            try {
                if (phase.transactional()) {
                    transactions.run(connection, up, from, phase.to(), migration::javaStep,
                            "recording its progress", VersionTransaction.Bookkeeping.statement(connection,
                                    millis -> SchemaHistory.updateProgressSql(table, migration.version(), completed,
                                            millis)));
                } else {
                    Duration took = transactions.runAlone(connection, up.get(from), "statement " + (from + 1) + " of "
                            + up.size(), migration::javaStep);
                    try {
                        SchemaHistory.updateProgress(connection, table, migration.version(), completed, last, null, took);
                    } catch (SQLException e) {
                        throw new MigrationException(describe(migration) + ": statement " + (from + 1) + " is done, but"
                                + " recording that failed: " + oneLine(e.getMessage()) + ". Migrate again to go on"
                                + " (the statement runs again)", e);
                    }
                }
                done = phase.to();
                recordedDone = last;
            } catch (VersionTransaction.StepFailure e) {
                int stopped = done;
                if (e.mayHaveCommitted) {
                    String which = phase.to() - from == 1 ? "its statement " + phase.to()
                            : "its statements " + (from + 1) + " to " + phase.to();
                    throw new MigrationException(describe(migration) + ": " + which + " may have been committed, with"
                            + " the progress they made, or rolled back: " + e.getMessage() + ". Done and kept before them: "
                            + Text.donePhases(up, stopped) + ". "
                            + UNKNOWN_OUTCOME, e.getCause());
                }
                MigrationException failure = new MigrationException(describe(migration) + " stopped after " + stopped
                        + " of its " + up.size() + " statements: " + e.getMessage() + ". Done and kept: "
                        + Text.donePhases(up, stopped) + "; the failing phase was rolled back or never took effect."
                        + " Fix the cause, run `driftless repair`, and migrate again to resume it", e.getCause());
                try {
                    SchemaHistory.updateProgress(connection, table, migration.version(), stopped, false,
                            oneLine(e.getCause().getMessage()), e.took);
                } catch (SQLException recording) {
                    // The connection is gone, say: the row still has the progress recorded before.
                    failure.addSuppressed(recording);
                }
                throw failure;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!recordedDone) {
            // Resumed after its last statement: every phase was done and recorded, the success not yet.
            SchemaHistory.updateProgress(connection, table, migration.version(), null, true, null, Duration.ZERO);
        }
        return new AppliedVersion(migration.version(), migration.description(), took);
    }

    /**
     * Runs the version's down and removes its history row; {@code resumeFrom} is the number of its
     * down statements an interrupted downgrade already did, or null.
     */
    AppliedVersion revert(Connection connection, String table, Migration migration, Integer resumeFrom)
            throws SQLException {
        Phases phases = Phases.of(migration.down());
        if (!phases.single() || resumeFrom != null) {
            return revertInPhases(connection, table, migration, phases, resumeFrom);
        }
        try {
            Duration took = transactions.run(connection, migration.down(), migration::javaStep,
                    "removing it from the history", VersionTransaction.Bookkeeping.statement(connection,
                            millis -> SchemaHistory.deleteSql(table, migration.version())));
            return new AppliedVersion(migration.version(), migration.description(), took);
        } catch (VersionTransaction.StepFailure e) {
            if (e.mayHaveCommitted) {
                throw new MigrationException("reverting " + describe(migration) + " may have been committed, its history"
                        + " row removed with it, or rolled back: " + e.getMessage() + ". " + UNKNOWN_OUTCOME, e.getCause());
            }
            throw new MigrationException("reverting " + describe(migration) + " failed and was rolled back, so the"
                    + " database is still at version " + migration.version() + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * A down with statements outside a transaction, run like an up in phases: the history row
     * records how many of the down's statements are done (each transactional phase commits
     * together with that count, each other statement is counted once it is done), so that an
     * interrupted downgrade goes on after the last statement counted instead of running again what
     * no longer applies. The row is removed once the last phase is done.
     */
    private AppliedVersion revertInPhases(Connection connection, String table, Migration migration, Phases phases,
            Integer resumeFrom) throws SQLException {
        long start = System.nanoTime();
        List<String> down = migration.down();
        int done = resumeFrom == null ? 0 : resumeFrom;
        if (resumeFrom == null) {
            SchemaHistory.updateReverted(connection, table, migration.version(), 0);
        } else {
            int from = done;
            LOG.log(Level.INFO, () -> "resuming the downgrade of " + describe(migration) + " after statement " + from
                    + " of its down");
        }
        for (Phases.Phase phase : phases.phases()) {
            if (phase.to() <= done) {
                continue;
            }
            int from = Math.max(done, phase.from());
            try {
                if (phase.transactional()) {
                    transactions.run(connection, down, from, phase.to(), migration::javaStep,
                            "recording its progress",
                            took -> SchemaHistory.updateReverted(connection, table, migration.version(), phase.to()));
                } else {
                    transactions.runAlone(connection, down.get(from), "statement " + (from + 1) + " of " + down.size(),
                            migration::javaStep);
                    try {
                        SchemaHistory.updateReverted(connection, table, migration.version(), phase.to());
                    } catch (SQLException e) {
                        throw new MigrationException("reverting " + describe(migration) + ": statement " + (from + 1)
                                + " of its down is done, but recording that failed: " + oneLine(e.getMessage())
                                + ". Downgrade again to go on (the statement runs again)", e);
                    }
                }
                done = phase.to();
            } catch (VersionTransaction.StepFailure e) {
                int stopped = done;
                throw new MigrationException("reverting " + describe(migration) + " stopped after " + stopped
                        + " of the " + down.size() + " statements of its down (done and kept: "
                        + Text.donePhases(down, stopped) + "; the history table records it): " + e.getMessage() + ". Fix the cause and downgrade again to go on"
                        + " from there, or migrate to finish the downgrade and apply the version again", e.getCause());
            }
        }
        SchemaHistory.delete(connection, table, migration.version());
        return new AppliedVersion(migration.version(), migration.description(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
