package dev.driftless.migrate;

import java.time.Duration;
import java.util.Objects;

/** A version that one {@link Migrator#migrate()} call applied, and how long it took. */
public record AppliedVersion(int version, String description, Duration took) {

    public AppliedVersion {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(took, "took");
    }
}
