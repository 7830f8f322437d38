package dev.driftless.migrate;

import static dev.driftless.migrate.Text.oneLine;

import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.LiveSchema;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.introspect.SchemaIssue;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.PostgresPlanner;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code repair} command under the lock: what failed attempts left, cleared. A failed attempt
 * that was rolled back left only its row, which is deleted. A version that stopped half way and
 * that the code still has keeps its progress (the error is cleared, so the next migrate resumes
 * it). A version that stopped half way and that the code no longer has (the team went back to a
 * build without it) is undone from what is there: the cleanup is the diff from the live schema to
 * the snapshot of the code's version, plus the indexes left invalid; it is refused when it would
 * discard data unless forced, then run, and the row is deleted.
 */
final class Repair {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private final List<Migration> migrations;
    private final Optional<Snapshot> snapshot;
    private final Set<QualifiedName> toolTables;
    private final VersionTransaction transactions;

    Repair(List<Migration> migrations, Optional<Snapshot> snapshot, Set<QualifiedName> toolTables,
            VersionTransaction transactions) {
        this.migrations = migrations;
        this.snapshot = snapshot;
        this.toolTables = toolTables;
        this.transactions = transactions;
    }

    List<HistoryEntry> run(Connection connection, String table, boolean force) throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        List<HistoryEntry> history = SchemaHistory.readHistory(connection, table);
        Map<Integer, String> checksums = migrations.stream()
                .collect(Collectors.toMap(Migration::version, Migration::checksum));
        List<HistoryEntry> withdrawn = history.stream()
                .filter(e -> !e.success() && e.completedSteps() != null
                        && !e.checksum().equals(checksums.get(e.version())))
                .toList();
        if (!withdrawn.isEmpty()) {
            cleanUp(connection, table, history, withdrawn, force);
        }
        List<HistoryEntry> failed = history.stream()
                .filter(e -> !e.success() && e.error() != null && !withdrawn.contains(e)).toList();
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
        var cleared = new ArrayList<>(withdrawn);
        cleared.addAll(failed);
        if (!cleared.isEmpty()) {
            Session.durable(connection, table, null);
        }
        return cleared;
    }

    /** Undoes what the versions the code no longer has left, then deletes their rows. */
    private void cleanUp(Connection connection, String table, List<HistoryEntry> history, List<HistoryEntry> withdrawn,
            boolean force) throws SQLException {
        String names = withdrawn.stream().map(e -> "version " + e.version() + " (" + e.description() + ")")
                .collect(Collectors.joining(", "));
        int current = SchemaHistory.currentVersion(history);
        Snapshot expected = snapshot.orElseThrow(() -> new MigrationException(names + " stopped half way, and the"
                + " code does not have it; undoing what it did needs the snapshot of the code's version, and there is"
                + " none beside the migration index (Migrator.Builder.expectedSnapshot names one). Nothing was changed."));
        if (expected.version() != current) {
            throw new MigrationException(names + " stopped half way, and the code does not have it; the code's snapshot"
                    + " is of version " + expected.version() + " but the database is at version " + current
                    + ", so it cannot tell what to undo. Run repair with the build whose latest version is " + current
                    + ", or restore the failed version so that it can be finished. Nothing was changed.");
        }
        // Invalid indexes are dropped first; the rest is planned from what is left, so an index the
        // code's version has, left invalid, is built again.
        LiveSchema inspected = PostgresIntrospector.inspect(connection, expected.model().schemas(), toolTables);
        SchemaModel live = inspected.withoutInvalidIndexes();
        SchemaModel wanted = Canonical.of(connection, expected.model(), live);
        List<String> cleanup = new ArrayList<>(inspected.issues().stream()
                .filter(SchemaIssue.InvalidIndex.class::isInstance).map(SchemaIssue.InvalidIndex.class::cast)
                .map(i -> "DROP INDEX CONCURRENTLY IF EXISTS "
                        + QualifiedName.quote(new QualifiedName(i.table().schema(), i.name())))
                .toList());
        cleanup.addAll(PostgresPlanner.statements(SchemaDiff.between(live, wanted)));
        List<String> discards = DataCheck.findings(connection, cleanup);
        String plan = cleanup.isEmpty() ? "  (nothing: the schema is that of version " + current + ")"
                : "  " + String.join(";\n  ", cleanup) + ";";
        if (!discards.isEmpty() && !force) {
            throw new MigrationException(names + " stopped half way, and the code does not have it. Undoing what it"
                    + " left, to the schema of version " + current + ", would discard data: the cleanup\n  "
                    + String.join("\n  ", discards) + "\nThe cleanup:\n" + plan + "\nNothing was changed. Back up"
                    + " what you need, then repair with force (`driftless repair --force`), or restore the failed"
                    + " version so that it can be finished.");
        }
        LOG.log(Level.WARNING, () -> names + " stopped half way, and the code does not have it: undoing what it left,"
                + " to the schema of version " + current + ":\n" + plan);
        discards.forEach(d -> LOG.log(Level.WARNING, () -> "discarding data, as forced: the cleanup " + d));
        Function<String, JavaStep> noJava = name -> {
            throw new MigrationException("the cleanup has no Java step " + name);
        };
        try {
            for (Phases.Phase phase : Phases.of(cleanup).phases()) {
                if (phase.from() == phase.to()) {
                    continue;
                }
                if (phase.transactional()) {
                    transactions.run(connection, cleanup, phase.from(), phase.to(), noJava, "its step", took -> { });
                } else {
                    transactions.runAlone(connection, cleanup.get(phase.from()),
                            "statement " + (phase.from() + 1) + " of " + cleanup.size() + " of the cleanup");
                }
            }
        } catch (VersionTransaction.StepFailure e) {
            throw new MigrationException("undoing what " + names + " left failed: " + e.getMessage() + ". The rows of"
                    + " the failed versions are kept; repair again once the cause is fixed (the cleanup is planned"
                    + " anew from what is there)", e.getCause());
        }
        for (HistoryEntry entry : withdrawn) {
            LOG.log(Level.WARNING, () -> "clearing version " + entry.version() + " (" + entry.description()
                    + "), undone: " + oneLine(entry.error()));
            SchemaHistory.deleteFailed(connection, table, entry.version());
        }
    }

    /** Deletes the row of a failed attempt that was rolled back: the row is all it left behind. */
    static void forgetFailedAttempt(Connection connection, String table, HistoryEntry entry) throws SQLException {
        LOG.log(Level.WARNING, () -> "clearing the failed attempt of version " + entry.version() + " ("
                + entry.description() + ") at " + entry.appliedAt() + ": " + entry.error());
        SchemaHistory.deleteFailed(connection, table, entry.version());
    }
}
