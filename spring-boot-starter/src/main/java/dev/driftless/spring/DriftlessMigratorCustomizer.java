package dev.driftless.spring;

import dev.driftless.migrate.Migrator;

/**
 * A bean that adjusts the {@link Migrator.Builder} after the {@code driftless.*} properties are
 * applied: what no property says (the versions to apply, the snapshot drift is compared with).
 */
@FunctionalInterface
public interface DriftlessMigratorCustomizer {

    void customize(Migrator.Builder builder);
}
