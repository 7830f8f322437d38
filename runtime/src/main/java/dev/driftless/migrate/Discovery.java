package dev.driftless.migrate;

import static dev.driftless.migrate.Text.describe;

import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the code's versions: every {@link MigrationIndex} on the class path (through
 * {@link ServiceLoader}), and the snapshot the processor placed beside it.
 */
final class Discovery {

    private Discovery() {}

    static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Migrator.class.getClassLoader();
    }

    /** The versions of every index on the class path, in order; a version provided twice is refused. */
    static List<Migration> migrations() {
        List<Migration> all = new ArrayList<>();
        Map<Integer, String> providers = new HashMap<>();
        for (MigrationIndex index : ServiceLoader.load(MigrationIndex.class, classLoader())) {
            String provider = index.getClass().getName();
            for (Migration migration : index.migrations()) {
                String other = providers.putIfAbsent(migration.version(), provider);
                if (other != null) {
                    throw new MigrationException("version " + migration.version() + " is provided by both "
                            + other + " and " + provider + ": each version number must exist once");
                }
                all.add(migration);
            }
        }
        return ordered(all, "the migration indexes");
    }

    /** The versions sorted by number; numbers below 1 or given twice are refused. */
    static List<Migration> ordered(List<Migration> migrations, String source) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            Migration migration = sorted.get(i);
            if (migration.version() < 1) {
                throw new MigrationException(
                        "version numbers start at 1, but " + source + " contain " + describe(migration));
            }
            if (i > 0 && sorted.get(i - 1).version() == migration.version()) {
                throw new MigrationException(source + " contain version " + migration.version()
                        + " twice: " + sorted.get(i - 1).description() + " and " + migration.description());
            }
        }
        return List.copyOf(sorted);
    }

    /**
     * The snapshot beside the first index that has one. Each index's snapshot is parsed once per
     * index class (so once per class loader that loads the generated code) and kept with the class:
     * the resource belongs to the same build as the class, and a snapshot is immutable. A class
     * loader that loads the code again (a restarted application, a redeployment) loads a new index
     * class, and so reads its own snapshot.
     */
    static Optional<Snapshot> snapshot() {
        for (MigrationIndex index : ServiceLoader.load(MigrationIndex.class, classLoader())) {
            Optional<Snapshot> snapshot = SNAPSHOTS.get(index.getClass());
            if (snapshot.isPresent()) {
                return snapshot;
            }
        }
        return Optional.empty();
    }

    /** The parsed snapshot beside each index class, or none; a failed read is not kept, so it is retried. */
    private static final ClassValue<Optional<Snapshot>> SNAPSHOTS = new ClassValue<>() {
        @Override
        protected Optional<Snapshot> computeValue(Class<?> indexClass) {
            return read(indexClass);
        }
    };

    private static Optional<Snapshot> read(Class<?> indexClass) {
        try (InputStream in = indexClass.getResourceAsStream(SnapshotFormat.FILE_NAME)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(SnapshotFormat.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    indexClass.getPackageName() + "/" + SnapshotFormat.FILE_NAME));
        } catch (IOException e) {
            throw new MigrationException("could not read the snapshot beside " + indexClass.getName(), e);
        }
    }
}
