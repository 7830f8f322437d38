package dev.driftless.migrate;

import java.util.List;

/**
 * The list of a module's frozen versions. The processor generates one implementation per module
 * and registers it in {@code META-INF/services}, so the runtime finds migrations through
 * {@link java.util.ServiceLoader} instead of scanning the class path.
 */
public interface MigrationIndex {

    /**
     * The versions in ascending order. The generated index lists them as {@link IndexedVersion}s,
     * so that listing them loads none of their classes.
     */
    List<Migration> migrations();
}
