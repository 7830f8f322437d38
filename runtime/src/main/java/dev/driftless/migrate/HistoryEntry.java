package dev.driftless.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table. {@code success} is false for a row left by a failed attempt; its
 * {@code error} is PostgreSQL's message (null for successful rows). A version with statements that
 * run outside a transaction records its progress: {@code completedSteps} is how many of its
 * statements are done while it is not finished (null otherwise); with no error, it is in progress
 * and the next run resumes it. A downgrade in several phases records its progress the same way:
 * {@code revertedStatements} is how many statements of the version's down are done while the
 * version is still recorded as applied (null when no downgrade of it is under way); the next
 * {@code downgrade} goes on from there, the next {@code migrate} finishes it and applies the version
 * again. {@code baselined} marks a version recorded by a baseline: the database had it before
 * Driftless managed it, so its down would destroy what was there before.
 */
public record HistoryEntry(
        int version,
        String description,
        String checksum,
        Instant appliedAt,
        long executionMillis,
        boolean success,
        String error,
        Integer completedSteps,
        Integer revertedStatements,
        boolean baselined) {

    public HistoryEntry(int version, String description, String checksum, Instant appliedAt, long executionMillis,
            boolean success, String error) {
        this(version, description, checksum, appliedAt, executionMillis, success, error, null);
    }

    public HistoryEntry(int version, String description, String checksum, Instant appliedAt, long executionMillis,
            boolean success, String error, Integer completedSteps) {
        this(version, description, checksum, appliedAt, executionMillis, success, error, completedSteps, null, false);
    }

    /** An applied version whose downgrade was interrupted: part of its down is done. */
    public boolean reverting() {
        return success && revertedStatements != null;
    }

    /** An unfinished version that the next run continues: interrupted, or failed and repaired. */
    public boolean resumable() {
        return !success && error == null && completedSteps != null;
    }

    public HistoryEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
