package dev.driftless.migrate;

/** What {@link Migrator#migrate()} does when, after migrating, the live schema differs from the snapshot. */
public enum DriftPolicy {
    /** Do not compare (the default: the comparison costs a few catalog queries). */
    IGNORE,
    /** Log the differences as a warning and go on. */
    WARN,
    /** Throw a {@link MigrationException} with the differences, so that the service does not start. */
    FAIL
}
