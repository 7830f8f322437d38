package dev.driftless.migrate;

import java.util.List;
import java.util.Objects;

/**
 * Where a database stands: the highest successfully applied version (0 when none), every history
 * row in version order, the code's versions not yet applied, in the order they would run, and the
 * validation of the history against the code, which {@link Migrator#migrate()} refuses to go on from
 * when it is not {@link HistoryValidation#ok()}.
 */
public record MigrationStatus(int currentVersion, List<HistoryEntry> applied, List<Migration> pending,
        HistoryValidation validation) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        Objects.requireNonNull(validation, "validation");
    }

    /** Nothing pending and nothing that stops the code from going on. */
    public boolean upToDate() {
        return pending.isEmpty() && validation.ok();
    }
}
