package dev.driftless.spring;

import dev.driftless.migrate.MigrationException;

/**
 * The start-up migration failed, so the application does not start;
 * {@link DriftlessFailureAnalyzer} turns it into Spring Boot's description and action.
 */
public class DriftlessMigrationFailedException extends RuntimeException {

    public DriftlessMigrationFailedException(MigrationException cause) {
        super("Driftless could not migrate the database: " + cause.getMessage(), cause);
    }

    /** The migrator's own message, which says what failed and what to do. */
    public String reason() {
        return getCause().getMessage();
    }
}
