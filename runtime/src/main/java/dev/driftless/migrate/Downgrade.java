package dev.driftless.migrate;

import static dev.driftless.migrate.Text.describe;
import static dev.driftless.migrate.Text.human;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code downgrade} command under the lock: the downs of the applied versions above a target, newest first. */
final class Downgrade {

    private static final System.Logger LOG = System.getLogger("dev.driftless.migrate");

    private final List<Migration> migrations;
    private final Function<List<HistoryEntry>, HistoryValidation> validation;
    private final VersionRunner runner;

    Downgrade(List<Migration> migrations, Function<List<HistoryEntry>, HistoryValidation> validation, VersionRunner runner) {
        this.migrations = migrations;
        this.validation = validation;
        this.runner = runner;
    }

    MigrateResult run(Connection connection, String table, int target, boolean force) throws SQLException {
        SchemaHistory.createHistoryTable(connection, table);
        List<HistoryEntry> history = SchemaHistory.readHistory(connection, table);
        validation.apply(history);
        int current = SchemaHistory.currentVersion(history);
        if (current < target) {
            throw new MigrationException("the database is at version " + current + ", below the target version "
                    + target + ": to go forward, migrate to " + target + ". Nothing was executed.");
        }
        Map<Integer, Migration> byVersion = new HashMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        List<AppliedVersion> reverted = new ArrayList<>();
        // A version whose up stopped half way is finished first: its down undoes a whole version.
        List<HistoryEntry> unfinished = history.stream()
                .filter(e -> !e.success() && e.completedSteps() != null && e.version() > target)
                .toList();
        List<HistoryEntry> newestFirst = history.stream()
                .filter(e -> (e.success() || unfinished.contains(e)) && e.version() > target)
                .sorted(Comparator.comparingInt(HistoryEntry::version).reversed())
                .toList();
        List<String> refusals = new ArrayList<>();
        for (HistoryEntry entry : unfinished) {
            if (entry.error() != null) {
                refusals.add("version " + entry.version() + " (" + entry.description() + ") stopped after "
                        + entry.completedSteps() + " of its statements with an error (" + entry.error() + "): fix the"
                        + " cause and run `driftless repair`, then downgrade again (the downgrade first finishes"
                        + " the version, then reverts it)");
            }
        }
        for (HistoryEntry entry : newestFirst) {
            Migration m = byVersion.get(entry.version());
            if (m == null) {
                int squash = migrations.isEmpty() || migrations.get(0).squashed().isEmpty() ? entry.version()
                        : migrations.get(0).version();
                refusals.add("version " + entry.version() + " (" + entry.description() + ") was squashed into"
                        + " version " + squash + ": the code can no longer undo it, so the database cannot go below "
                        + squash);
            } else if (!force && !m.irreversible().isEmpty()) {
                refusals.add(describe(m) + " is irreversible: " + String.join("; ", m.irreversible()));
            }
        }
        for (HistoryEntry entry : newestFirst) {
            if (entry.baselined()) {
                refusals.add("version " + entry.version() + " (" + entry.description() + ") was recorded by baseline:"
                        + " the database had it before Driftless managed it, and its down would destroy what was"
                        + " there before, so Driftless does not downgrade below version " + entry.version()
                        + " (not even with force). To remove those objects, drop them by hand");
            }
        }
        if (!refusals.isEmpty()) {
            throw new MigrationException(String.join("\n", refusals) + "\nNothing was executed."
                    + (refusals.stream().anyMatch(r -> r.contains("irreversible"))
                            ? " Downgrading with force runs the downs anyway: the schema comes back, the data"
                                    + " those versions discarded does not." : ""));
        }
        // Asked before anything runs, under the lock: what the downs would discard that is there now.
        List<String> discards = new ArrayList<>();
        for (HistoryEntry entry : newestFirst) {
            Migration m = byVersion.get(entry.version());
            // What an interrupted down already did is done; a version whose up is unfinished has yet
            // to create some of what its down drops, and creates it empty.
            int from = entry.revertedStatements() == null ? 0 : entry.revertedStatements();
            DataCheck.findings(connection, m.down().subList(from, m.down().size()), !unfinished.contains(entry))
                    .forEach(f -> discards.add(describe(m) + ": its down " + f));
        }
        if (!discards.isEmpty() && !force) {
            throw new MigrationException("downgrading to version " + target + " would discard data, or cannot be"
                    + " shown not to:\n  "
                    + String.join("\n  ", discards) + "\nNothing was executed. Back up what you need, then"
                    + " downgrade with force (`driftless downgrade --to " + target + " --force`) to discard it.");
        }
        discards.forEach(d -> LOG.log(Level.WARNING, () -> "discarding data, as forced: " + d));
        Throwable failed = null;
        try {
            for (HistoryEntry entry : unfinished) {
                Migration migration = byVersion.get(entry.version());
                LOG.log(Level.WARNING, () -> describe(migration) + " stopped after statement " + entry.completedSteps()
                        + " of its up: finishing it before reverting it");
                runner.apply(connection, table, migration, entry.completedSteps());
            }
            for (HistoryEntry entry : newestFirst) {
                // The validation refused versions the code lacks, so every applied version is known here.
                AppliedVersion version = runner.revert(connection, table, byVersion.get(entry.version()),
                        entry.revertedStatements());
                LOG.log(Level.INFO, () -> "reverted version " + version.version() + " (" + version.description()
                        + ") in " + human(version.took()));
                reverted.add(version);
            }
        } catch (Throwable e) {
            failed = e;
            throw e;
        } finally {
            if (!unfinished.isEmpty() || !newestFirst.isEmpty()) {
                Session.durable(connection, table, null, failed);
            }
        }
        return new MigrateResult(reverted, SchemaHistory.currentVersion(SchemaHistory.readHistory(connection, table)));
    }
}
