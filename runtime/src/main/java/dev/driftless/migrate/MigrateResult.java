package dev.driftless.migrate;

import java.util.List;

/** What one {@link Migrator#migrate()} call did, and the version the database is at afterwards. */
public record MigrateResult(List<AppliedVersion> applied, int currentVersion) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    /** Whether the database was already at the code's version, so nothing was applied. */
    public boolean upToDate() {
        return applied.isEmpty();
    }
}
