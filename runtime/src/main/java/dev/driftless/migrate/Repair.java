package dev.driftless.migrate;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** The {@code repair} command under the lock: what failed attempts left, cleared. */
final class Repair {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private Repair() {}

    static List<HistoryEntry> run(Connection connection, String table) throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        List<HistoryEntry> failed = SchemaHistory.readHistory(connection, table).stream()
                .filter(e -> !e.success() && e.error() != null).toList();
        for (HistoryEntry entry : failed) {
            if (entry.completedSteps() == null) {
                forgetFailedAttempt(connection, table, entry);
            } else {
                // Its first statements stayed: clear the error, so that the next run resumes it.
                LOG.log(Level.WARNING, () -> "version " + entry.version() + " (" + entry.description()
                        + ") will resume after its statement " + entry.completedSteps() + "; it had failed: "
                        + entry.error());
                SchemaHistory.updateProgress(connection, table, entry.version(), entry.completedSteps(), false,
                        null, Duration.ZERO);
            }
        }
        return failed;
    }

    /** Deletes the row of a failed attempt that was rolled back: the row is all it left behind. */
    static void forgetFailedAttempt(Connection connection, String table, HistoryEntry entry) throws SQLException {
        LOG.log(Level.WARNING, () -> "clearing the failed attempt of version " + entry.version() + " ("
                + entry.description() + ") at " + entry.appliedAt() + ": " + entry.error());
        SchemaHistory.deleteFailed(connection, table, entry.version());
    }
}
