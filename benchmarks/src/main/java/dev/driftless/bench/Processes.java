package dev.driftless.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one measured command as a process of its own: its wall time from start to exit, its peak
 * resident set (GNU time's {@code %M}, when {@code /usr/bin/time} is GNU time), and what it reports
 * on standard output as {@code bench:<key>=<nanoseconds>} lines (the in-process figures), and the
 * lines it printed on both streams.
 */
final class Processes {

    static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path logs;
    private int count;

    Processes(Path logs) {
        this.logs = logs;
    }

    /** One run: wall seconds, peak RSS in kB (-1 when unknown), in-process seconds by key, output lines. */
    record Sample(double wallSeconds, long peakRssKb, Map<String, Double> reported, List<String> lines) {
        double reported(String key) {
            Double v = reported.get(key);
            if (v == null) {
                throw new IllegalStateException("the run reported no " + key + ": " + lines);
            }
            return v;
        }
    }

    static boolean hasGnuTime() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(GNU_TIME.toString(), "-f", "%M", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && out.matches("\\d+");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Sample run(String label, List<String> command, Map<String, String> env) {
        try {
            Files.createDirectories(logs);
            String name = String.format("%04d-%s", ++count, label.replaceAll("[^A-Za-z0-9._-]+", "_"));
            Path out = logs.resolve(name + ".out");
            Path err = logs.resolve(name + ".err");
            Path rss = logs.resolve(name + ".rss");
            List<String> full = new ArrayList<>();
            boolean timed = hasGnuTimeCached();
            if (timed) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process process = pb.start();
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            List<String> lines = Files.readAllLines(out);
            if (exit != 0) {
                List<String> errLines = Files.readAllLines(err);
                throw new IllegalStateException(label + " failed with exit " + exit + ": "
                        + String.join("\n", errLines.subList(Math.max(0, errLines.size() - 30), errLines.size()))
                        + "\n(see " + err + ")");
            }
            long peak = -1;
            if (timed) {
                List<String> r = Files.readAllLines(rss);
                peak = Long.parseLong(r.get(r.size() - 1).trim());
            }
            Map<String, Double> reported = new LinkedHashMap<>();
            for (String line : lines) {
                if (line.startsWith("bench:") && line.contains("=")) {
                    String key = line.substring(6, line.indexOf('='));
                    reported.put(key, Long.parseLong(line.substring(line.indexOf('=') + 1).trim()) / 1e9);
                }
            }
            // What the process printed on both streams: javac's notes (the processor's draft) go to stderr.
            var printed = new ArrayList<>(lines);
            printed.addAll(Files.readAllLines(err));
            return new Sample(wall, peak, reported, printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Boolean gnuTime;

    private boolean hasGnuTimeCached() {
        if (gnuTime == null) {
            gnuTime = hasGnuTime();
        }
        return gnuTime;
    }
}
