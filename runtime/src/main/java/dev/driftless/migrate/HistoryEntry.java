package dev.driftless.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table. {@code success} is false for a row left by a failed attempt; its
 * {@code error} is PostgreSQL's message (null for successful rows). A version with statements that
 * run outside a transaction records its progress: {@code completedSteps} is how many of its
 * statements are done while it is not finished (null otherwise); with no error, it is in progress
 * and the next run resumes it.
 */
public record HistoryEntry(
        int version,
        String description,
        String checksum,
        Instant appliedAt,
        long executionMillis,
        boolean success,
        String error,
        Integer completedSteps) {

    public HistoryEntry(int version, String description, String checksum, Instant appliedAt, long executionMillis,
            boolean success, String error) {
        this(version, description, checksum, appliedAt, executionMillis, success, error, null);
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
