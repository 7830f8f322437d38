package dev.driftless.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table. {@code success} is false for a row left by a failed attempt; its
 * {@code error} is PostgreSQL's message (null for successful rows).
 */
public record HistoryEntry(
        int version,
        String description,
        String checksum,
        Instant appliedAt,
        long executionMillis,
        boolean success,
        String error) {

    public HistoryEntry {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
