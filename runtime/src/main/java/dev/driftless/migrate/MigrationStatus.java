package dev.driftless.migrate;

import java.util.List;

/**
 * Where a database stands: the highest successfully applied version (0 when none), every history
 * row in version order, and the code's versions not yet applied, in the order they would run.
 */
public record MigrationStatus(int currentVersion, List<HistoryEntry> applied, List<Migration> pending) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    public boolean upToDate() {
        return pending.isEmpty();
    }
}
