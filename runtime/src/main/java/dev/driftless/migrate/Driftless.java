package dev.driftless.migrate;

import javax.sql.DataSource;

/** The one-line entry point for applications that take every default. */
public final class Driftless {

    private Driftless() {}

    /**
     * Applies the pending versions of every {@link MigrationIndex} on the class path, keeping the
     * history in {@code driftless_history} in the connection's current schema.
     */
    public static MigrateResult migrate(DataSource dataSource) {
        return Migrator.builder(dataSource).build().migrate();
    }
}
