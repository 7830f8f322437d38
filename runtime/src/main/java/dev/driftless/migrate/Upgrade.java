package dev.driftless.migrate;

import static dev.driftless.migrate.Text.human;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The {@code migrate} command under the lock: the pending versions up to a target, in order. */
final class Upgrade {

    private final List<Migration> migrations;
    private final Function<List<HistoryEntry>, HistoryValidation> validation;
    private final VersionRunner runner;

    Upgrade(List<Migration> migrations, Function<List<HistoryEntry>, HistoryValidation> validation, VersionRunner runner) {
        this.migrations = migrations;
        this.validation = validation;
        this.runner = runner;
    }

    /**
     * Whether the probe of a start shows nothing to do, so that the locked path ({@link #run}) would
     * run no version and change no row or table (a start that the probe ends logs nothing; the locked
     * path would log that the database is up to date):
     * the history table is where the locked path would look (the schema option, or the current
     * schema), no process holds the migration lock (one that does may be applying versions or not
     * yet have flushed them: the locked path waits for it), every row is a finished success that
     * no downgrade is undoing, the history validates with no version newer than the code, and every
     * version up to the target is applied, none above it. Anything else, and the locked path looks
     * again under the lock, as it always has. Pure.
     *
     * @param schema the schema option, null for the connection's current schema
     */
    static Optional<MigrateResult> upToDate(List<Migration> migrations, HistoryProbe probe, String schema,
            String historyTable, int target, boolean retryFailedVersions, boolean acceptNewerVersions) {
        String targetSchema = schema != null ? schema : probe.currentSchema();
        if (targetSchema == null || !targetSchema.equals(probe.tableSchema())
                || probe.heldLocks().contains(SchemaHistory.lockKey(targetSchema, historyTable))) {
            return Optional.empty();
        }
        List<HistoryEntry> history = probe.history();
        for (HistoryEntry entry : history) {
            if (!entry.success() || entry.reverting()) {
                return Optional.empty();
            }
        }
        HistoryValidation validation = HistoryValidation.of(migrations, history, retryFailedVersions,
                acceptNewerVersions);
        if (history.isEmpty() || !validation.ok() || !validation.newerVersions().isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> done = SchemaHistory.successfulVersions(history);
        int current = SchemaHistory.currentVersion(history);
        if (current > target) {
            return Optional.empty();
        }
        for (Migration migration : migrations) {
            if (migration.version() <= target && !done.contains(migration.version())) {
                return Optional.empty();
            }
        }
        return Optional.of(new MigrateResult(List.of(), current));
    }

    MigrateResult run(Connection connection, String table, int target) throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        // Read only now, under the lock: a process that waited must see what the winner applied.
        List<HistoryEntry> read = SchemaHistory.readHistory(connection, table);
        HistoryValidation checked = validation.apply(read);
        // Versions newer than the code, when accepted, are another release's: left as they are.
        List<HistoryEntry> history = checked.known(read);
        List<HistoryEntry> successful = new ArrayList<>();
        Map<Integer, Integer> resume = new HashMap<>();
        HistoryEntry reverting = null;
        for (HistoryEntry entry : history) {
            if (entry.reverting()) {
                // A downgrade of it stopped half way: it is not applied any more, not yet reverted.
                reverting = entry;
            } else if (entry.success()) {
                successful.add(entry);
            } else if (entry.completedSteps() != null) {
                // Part of it is done: never forget that, go on from there.
                resume.put(entry.version(), entry.completedSteps());
            } else {
                Repair.forgetFailedAttempt(connection, table, entry);
            }
        }
        Set<Integer> done = SchemaHistory.successfulVersions(successful);
        int current = SchemaHistory.currentVersion(successful);
        if (current > target) {
            throw new MigrationException("the database is at version " + current + ", past the target version "
                    + target + ": to go back, downgrade to " + target + ". Nothing was executed.");
        }
        List<AppliedVersion> applied = new ArrayList<>();
        List<Migration> pending = migrations.stream()
                .filter(m -> m.version() <= target && !done.contains(m.version()))
                .toList();
        String synchronousCommit = pending.isEmpty() && reverting == null ? null
                : Session.asynchronousCommits(connection);
        Throwable failed = null;
        try {
            if (reverting != null) {
                // Its down is the one way known from where it stands: finish it, then the version is pending again.
                HistoryEntry stopped = reverting;
                Migration migration = migrations.stream().filter(m -> m.version() == stopped.version()).findFirst()
                        .orElseThrow(() -> new MigrationException("version " + stopped.version() + " ("
                                + stopped.description() + ") was being reverted, and the code does not have it"));
                List<String> rest = migration.down().subList(stopped.revertedStatements(), migration.down().size());
                List<String> discards = DataCheck.findings(connection, rest);
                if (!discards.isEmpty()) {
                    // Since the downgrade checked, the application may have written where the rest of the down drops.
                    throw new MigrationException(Text.describe(migration) + " was being downgraded and stopped after"
                            + " statement " + stopped.revertedStatements() + " of its down; finishing it, before"
                            + " applying it again, would discard data:\n  " + String.join("\n  ", discards)
                            + "\nNothing was executed. Back up what you need, then finish the downgrade with force"
                            + " (`driftless downgrade --to " + (migration.version() - 1) + " --force`) and migrate again.");
                }
                Log.get().log(Level.WARNING, () -> Text.describe(migration) + " was being downgraded and stopped after statement "
                        + stopped.revertedStatements() + " of its down: finishing the downgrade before applying it again");
                runner.revert(connection, table, migration, stopped.revertedStatements());
            }
            for (Migration migration : pending) {
                AppliedVersion version = runner.apply(connection, table, migration, resume.get(migration.version()));
                Log.get().log(Level.INFO, () -> "applied version " + version.version() + " (" + version.description()
                        + ") in " + human(version.took()));
                applied.add(version);
                current = Math.max(current, version.version());
            }
        } catch (Throwable e) {
            failed = e;
            throw e;
        } finally {
            if (synchronousCommit != null) {
                Session.durable(connection, table, synchronousCommit, failed);
            }
        }
        if (applied.isEmpty()) {
            int upToDate = current;
            Log.get().log(Level.INFO, () -> "database is up to date at version " + upToDate);
        }
        return new MigrateResult(applied, Math.max(current, checked.newestVersion()));
    }
}
