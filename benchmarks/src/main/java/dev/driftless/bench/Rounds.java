package dev.driftless.bench;

import dev.driftless.bench.Processes.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rounds of a scenario. Each round runs every tool once, in an order drawn afresh for the round
 * (from a seed the report gives, so a run can be repeated in the same order), after reading the
 * machine's load average. A round that starts while the load is above the core count is waited
 * for, then repeated once it is quieter, and marked when it never is. Every sample goes to a CSV
 * log, so that each median in the report can be derived again from its samples.
 */
final class Rounds {

    /** A round is taken again at most this many times when the machine was busy as it began. */
    private static final int RETRIES = 3;
    private static final long SETTLE_MILLIS = 20_000;

    private final Random order;
    private final long seed;
    private final Path log;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<String> marked = new ArrayList<>();
    private int repeated;

    Rounds(long seed, Path log) {
        this.seed = seed;
        this.order = new Random(seed);
        this.log = log;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "scenario,round,position,tool,load1,wall_s,peak_rss_kb,reported\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code warmups + runs} rounds of every tool, discarding the warm-up rounds.
     *
     * @return the measured samples by tool, in the order the tools were given
     */
    Map<String, List<Sample>> run(String scenario, Collection<String> tools, int warmups, int runs,
            Function<String, Sample> run) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        tools.forEach(t -> samples.put(t, new ArrayList<>()));
        for (int round = 1; round <= warmups + runs; round++) {
            double load = quietLoad(scenario, round);
            List<String> shuffled = new ArrayList<>(tools);
            Collections.shuffle(shuffled, order);
            Benchmarks.log(scenario + " round " + round + " (load " + format(load) + "): " + String.join(", ", shuffled));
            for (int position = 0; position < shuffled.size(); position++) {
                String tool = shuffled.get(position);
                Sample sample = run.apply(tool);
                append(scenario, round, position + 1, tool, load, sample);
                if (round > warmups) {
                    samples.get(tool).add(sample);
                }
            }
        }
        return samples;
    }

    /** The 1-minute load average once it is at most the core count, waiting up to {@value #RETRIES} times. */
    private double quietLoad(String scenario, int round) {
        double load = loadAverage();
        for (int attempt = 0; attempt < RETRIES && load > cores; attempt++) {
            repeated++;
            Benchmarks.log(scenario + " round " + round + ": load " + format(load) + " above " + cores
                    + " cores, waiting before taking the round");
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            load = loadAverage();
        }
        if (load > cores) {
            marked.add(scenario + " round " + round + " (load " + format(load) + ")");
        }
        return load;
    }

    private void append(String scenario, int round, int position, String tool, double load, Sample sample) {
        var reported = new StringBuilder();
        new TreeMap<>(sample.reported()).forEach((k, v) -> reported.append(reported.isEmpty() ? "" : " ")
                .append(k).append('=').append(String.format(Locale.ROOT, "%.6f", v)));
        String line = String.join(",", csv(scenario), String.valueOf(round), String.valueOf(position), csv(tool),
                format(load), String.format(Locale.ROOT, "%.6f", sample.wallSeconds()),
                String.valueOf(sample.peakRssKb()), csv(reported.toString())) + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the report says of the order and the load: the seed, the repeated and the marked rounds. */
    String summary() {
        return "Tool order drawn per round from seed " + seed + " (`--seed=" + seed + "` repeats it); "
                + (repeated == 0 ? "no round had to wait for the machine"
                        : repeated + " waits of " + SETTLE_MILLIS / 1000 + " s for a load above " + cores + " cores")
                + "; " + (marked.isEmpty() ? "no round was taken under load"
                        : "taken under load anyway, and so marked: " + String.join(", ", marked))
                + ". Every sample is in `" + log.getFileName() + "` beside the logs.";
    }

    boolean anyMarked() {
        return !marked.isEmpty();
    }

    static double loadAverage() {
        try {
            String first = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
            return Double.parseDouble(first);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String format(double load) {
        return Double.isNaN(load) ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
