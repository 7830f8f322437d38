package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.model.SchemaModel;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Migrator#snapshotOnClassPath()}: the snapshot beside the generated index, parsed once per
 * index class, and read anew for code loaded again by another class loader.
 */
class SnapshotOnClassPathTest {

    @TempDir
    Path directory;

    /** The index the generated code registers; here with no versions, beside a snapshot file. */
    public static final class Index implements MigrationIndex {
        @Override
        public List<Migration> migrations() {
            return List.of();
        }
    }

    @Test
    void theSnapshotIsParsedOncePerIndexClass() throws Exception {
        try (URLClassLoader loader = classPath("one", 3)) {
            Optional<Snapshot> first = in(loader, Migrator::snapshotOnClassPath);
            Optional<Snapshot> second = in(loader, Migrator::snapshotOnClassPath);

            assertEquals(3, first.orElseThrow().version());
            assertSame(first.orElseThrow(), second.orElseThrow(), "the second call parsed the snapshot again");
        }
    }

    @Test
    void codeLoadedAgainReadsItsOwnSnapshot() throws Exception {
        try (URLClassLoader before = classPath("before", 3); URLClassLoader after = classPath("after", 4)) {
            Snapshot old = in(before, Migrator::snapshotOnClassPath).orElseThrow();
            Snapshot reloaded = in(after, Migrator::snapshotOnClassPath).orElseThrow();

            assertEquals(3, old.version());
            assertEquals(4, reloaded.version(), "a redeployed build must not see the snapshot of the one before");
            assertNotSame(old, reloaded);
        }
    }

    @Test
    void noSnapshotBesideTheIndexIsNone() throws Exception {
        try (URLClassLoader loader = classPath("none", -1)) {
            assertTrue(in(loader, Migrator::snapshotOnClassPath).isEmpty());
        }
    }

    @Test
    void aSnapshotThatFailsToParseFailsEveryTimeAndIsReadAgainOnceFixed() throws Exception {
        try (URLClassLoader loader = classPath("broken", 3)) {
            Path file = directory.resolve("broken").resolve(Index.class.getName().replace('.', '/') + ".class")
                    .resolveSibling(SnapshotFormat.FILE_NAME);
            Files.writeString(file, "driftless-snapshot 1\nversion x\n");
            Exception first = assertThrows(Exception.class, () -> in(loader, Migrator::snapshotOnClassPath));
            Exception second = assertThrows(Exception.class, () -> in(loader, Migrator::snapshotOnClassPath),
                    "a failed parse was kept as no snapshot");
            assertEquals(first.getMessage(), second.getMessage());

            Files.writeString(file, SnapshotFormat.write(new Snapshot(5, SchemaModel.EMPTY)));
            assertEquals(5, in(loader, Migrator::snapshotOnClassPath).orElseThrow().version());
        }
    }

    /**
     * A class path holding its own copy of {@link Index} (loaded by the new loader, not its parent),
     * registered as the index, with a snapshot of {@code version} beside it (none when negative).
     */
    private URLClassLoader classPath(String name, int version) throws Exception {
        Path root = Files.createDirectories(directory.resolve(name));
        String binary = Index.class.getName();
        Path classFile = root.resolve(binary.replace('.', '/') + ".class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = Index.class.getResourceAsStream(binary.substring(binary.lastIndexOf('.') + 1) + ".class")) {
            Files.write(classFile, in.readAllBytes());
        }
        if (version >= 0) {
            Files.writeString(classFile.resolveSibling(SnapshotFormat.FILE_NAME),
                    SnapshotFormat.write(new Snapshot(version, SchemaModel.EMPTY)));
        }
        Path services = root.resolve("META-INF/services/" + MigrationIndex.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, binary + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (!className.equals(binary)) {
                    return super.loadClass(className, resolve);
                }
                synchronized (getClassLoadingLock(className)) {
                    Class<?> loaded = findLoadedClass(className);
                    return loaded != null ? loaded : findClass(className);
                }
            }
        };
    }

    private static <T> T in(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
