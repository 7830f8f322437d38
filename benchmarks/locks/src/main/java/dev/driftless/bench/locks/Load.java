package dev.driftless.bench.locks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The steady read and write load: pgbench in its own process on loopback, running {@code load.sql}
 * from several clients at a fixed total rate and logging every transaction (its latency, counted
 * from the moment it was scheduled, and the moment it ended). The log is read once the load has
 * stopped; {@link Transactions} answers questions about windows of time.
 */
final class Load implements AutoCloseable {

    /** The settings of the load. */
    record Settings(String pgbench, String host, int port, String user, int clients, int threads, int rate) {}

    private final Path directory;
    private final Process process;

    private Load(Path directory, Process process) {
        this.directory = directory;
        this.process = process;
    }

    /** Starts pgbench against the database; it runs until {@link #stop()}. */
    static Load start(Settings settings, String database, long rows, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path script = directory.resolve("load.sql");
        try (InputStream in = Load.class.getResourceAsStream("load.sql")) {
            Files.write(script, in.readAllBytes());
        }
        var command = new ArrayList<>(List.of(settings.pgbench(), "-h", settings.host(), "-p",
                String.valueOf(settings.port()), "-U", settings.user(), "-n",
                "-c", String.valueOf(settings.clients()), "-j", String.valueOf(settings.threads()),
                "-T", "86400", "-l", "--log-prefix=" + directory.resolve("tx"), "-D", "rows=" + rows,
                "-f", script.toString()));
        if (settings.rate() > 0) {
            command.addAll(List.of("-R", String.valueOf(settings.rate())));
        }
        command.add(database);
        Process process = new ProcessBuilder(command).redirectOutput(directory.resolve("pgbench.out").toFile())
                .redirectError(directory.resolve("pgbench.err").toFile()).start();
        return new Load(directory, process);
    }

    /** The command line, for the report. */
    static String describe(Settings settings) {
        return "pgbench -n -c " + settings.clients() + " -j " + settings.threads() + (settings.rate() > 0 ? " -R "
                + settings.rate() : "") + " -l -f load.sql -D rows=<rows> -T <until stopped>";
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What pgbench printed on its error stream so far (client errors, aborted clients). */
    String errors() {
        try {
            Path err = directory.resolve("pgbench.err");
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops pgbench (it has no graceful stop: the last few kilobytes of each log may be lost, so the
     * caller keeps a tail of load after its last window) and reads its transaction logs.
     */
    Transactions stop() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        var ends = new ArrayList<long[]>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("tx.")).toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split(" ");
                    if (f.length < 6) {
                        continue; // the cut-off last line
                    }
                    try {
                        long latency = Long.parseLong(f[2]);
                        long end = Long.parseLong(f[4]) * 1_000_000L + Long.parseLong(f[5]);
                        ends.add(new long[] {end, latency});
                    } catch (NumberFormatException cut) {
                        // the cut-off last line
                    }
                }
            }
        }
        ends.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] end = new long[ends.size()];
        long[] latency = new long[ends.size()];
        for (int i = 0; i < end.length; i++) {
            end[i] = ends.get(i)[0];
            latency[i] = ends.get(i)[1];
        }
        return new Transactions(end, latency);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Every logged transaction: when it ended and how long its client waited for it, both in
     * microseconds (the end on the epoch clock, which this process shares).
     */
    record Transactions(long[] end, long[] latency) {

        int count() {
            return end.length;
        }

        /** Transactions that ended in {@code [from, to)} per second. */
        double perSecond(long from, long to) {
            return (first(to) - first(from)) * 1e6 / (to - from);
        }

        /** The longest latency of a transaction that was under way at some moment of {@code [from, to]}. */
        long longestLatency(long from, long to) {
            long max = 0;
            // Every transaction ending after `from` whose start (end - latency) is not after `to`.
            for (int i = first(from); i < end.length; i++) {
                if (end[i] - latency[i] <= to) {
                    max = Math.max(max, latency[i]);
                }
                if (end[i] > to + 3_600_000_000L) {
                    break;
                }
            }
            return max;
        }

        /** The longest stretch of {@code [from, to]} in which no transaction ended. */
        long longestGap(long from, long to) {
            long previous = from;
            long gap = 0;
            for (int i = first(from); i < end.length && end[i] <= to; i++) {
                gap = Math.max(gap, end[i] - previous);
                previous = end[i];
            }
            return Math.max(gap, to - previous);
        }

        private int first(long time) {
            int i = Arrays.binarySearch(end, time);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && end[i - 1] == time) {
                i--;
            }
            return i;
        }
    }
}
