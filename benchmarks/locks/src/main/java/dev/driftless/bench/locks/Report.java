package dev.driftless.bench.locks;

import dev.driftless.bench.locks.LockBenchmark.Run;
import dev.driftless.bench.locks.LockBenchmark.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report of one benchmark run: method, machine, summary, every run, what Driftless ran. */
final class Report {

    static final long TARGET_MICROS = 1_000_000;
    /** A change that takes less than this is given this long a window to count throughput in. */
    static final long SHORTEST_WINDOW_MICROS = 1_000_000;

    /** What a run measured, from the load's log. */
    record Measured(Run run, long stall, long gap, double tpsBefore, double tpsDuring, long stallBefore) {
        long millis() {
            return (run.end() - run.start()) / 1000;
        }
    }

    /** The machine and the server, read at the start. */
    record Environment(String started, int cores, String memory, String cpu, String loadAverage, String postgres,
            String settings, String jdk, String pgbench) {

        interface Admin {
            Connection connect() throws SQLException;
        }

        static Environment read(LockBenchmark.Options options, Admin admin) throws Exception {
            String postgres;
            String settings;
            try (Connection c = admin.connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select version()")) {
                    rs.next();
                    postgres = rs.getString(1);
                }
                var list = new ArrayList<String>();
                try (ResultSet rs = st.executeQuery("select name, setting, coalesce(unit, '') from pg_settings where name in"
                        + " ('shared_buffers', 'max_wal_size', 'maintenance_work_mem', 'max_parallel_maintenance_workers',"
                        + " 'synchronous_commit', 'autovacuum', 'fsync') order by name")) {
                    while (rs.next()) {
                        list.add(rs.getString(1) + "=" + rs.getString(2) + rs.getString(3));
                    }
                }
                settings = String.join(", ", list);
            }
            String pgbench;
            try {
                Process p = new ProcessBuilder(options.load().pgbench(), "--version").redirectErrorStream(true).start();
                pgbench = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                p.waitFor();
            } catch (IOException e) {
                pgbench = "unknown (" + e.getMessage() + ")";
            }
            return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    Runtime.getRuntime().availableProcessors(), procLine("/proc/meminfo", "MemTotal:"),
                    procLine("/proc/cpuinfo", "model name"), procLine("/proc/loadavg", ""), postgres, settings,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), pgbench);
        }

        private static String procLine(String file, String prefix) {
            try {
                return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                        .map(l -> l.substring(prefix.length()).replaceFirst("^\\s*:?\\s*", "").strip()).orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    private final LockBenchmark.Options options;
    private final Environment environment;
    private final Duration setup;
    private final List<Measured> measured;
    private final String loadErrors;
    private final Map<String, List<String>> statements;
    private final Map<String, List<String>> lint;
    private final int transactions;

    Report(LockBenchmark.Options options, Environment environment, Duration setup, List<Run> runs,
            Load.Transactions tx, String loadErrors, Map<String, List<String>> statements, Map<String, List<String>> lint) {
        this.options = options;
        this.environment = environment;
        this.setup = setup;
        this.loadErrors = loadErrors;
        this.statements = statements;
        this.lint = lint;
        this.transactions = tx.count();
        long before = options.before().toNanos() / 1000;
        this.measured = runs.stream().map(r -> {
            long windowEnd = Math.max(r.end(), r.start() + SHORTEST_WINDOW_MICROS);
            return new Measured(r, tx.longestLatency(r.start(), r.end()), tx.longestGap(r.start(), r.end()),
                    tx.perSecond(r.start() - before, r.start()), tx.perSecond(r.start(), windowEnd),
                    tx.longestLatency(r.start() - before, r.start() - before / 2));
        }).toList();
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    private String render() {
        var out = new StringBuilder();
        String args = options.args().isEmpty() ? "" : " " + String.join(" ", options.args());
        out.append("# Lock benchmark: Driftless-generated versions against naive DDL under load\n\n");
        out.append("Written by `benchmarks/locks/run").append(args).append("` (started ").append(environment.started())
                .append("); every figure below comes from that run. How to run it: `benchmarks/locks/README.md`.\n\n");

        out.append("## Method\n\n");
        out.append("- Table `fact_energy_hourly(id bigint primary key, datasource_id integer not null, ts timestamptz not"
                + " null, kwh double precision, note varchar(50), quality smallint)` with ")
                .append(String.format(Locale.ROOT, "%,d", options.rows()))
                .append(" rows, and `datasource(id integer primary key, name text)` with 100, built by"
                        + " `INSERT ... SELECT generate_series` then `VACUUM ANALYZE` (took ")
                .append(setup.toSeconds()).append(" s).\n");
        out.append("- Load: `").append(Load.describe(options.load())).append("` in its own process on loopback, for the"
                + " whole run. Each transaction of `load.sql` is a point read by random id, a point update of that row and"
                + " an insert of a new row (three autocommit statements). ")
                .append(options.load().rate() > 0 ? "`-R` fixes the arrival rate, so a client that is held up falls behind"
                        + " its schedule and pgbench counts the lag: a transaction's latency is the time from when it was due"
                        + " to when it finished."
                        : "The clients run flat out (no `-R`): each sends its next transaction as soon as the last one"
                        + " finished, so a transaction's latency is exactly how long its client waited for it.")
                .append(" Every transaction is logged (`-l`).\n");
        out.append("- For each kind of change, ").append(options.repeats())
                .append(" repeat(s) (").append(options.heavyRepeats())
                .append(" for the changes that touch every row: ")
                .append(String.join(", ", options.heavy().stream().sorted().toList()))
                .append("), each a Driftless run and a naive run in an order drawn per repeat (seed ").append(options.seed())
                .append("; the run log and the start times below give the order). A Driftless run plans the version with the real"
                        + " planner (`VersionPlan.plan` from the model before to the model after) and applies it with the"
                        + " real `Migrator` (defaults: `ddlLockTimeout` 500 ms, `ddlLockRetries` 10). A naive run executes the"
                        + " plain DDL other schema tools emit, in autocommit, without a lock timeout. Between runs the"
                        + " change is undone (outside any measured window; the table is vacuumed after the column fill);"
                        + " the varchar widening is not undone (narrowing rewrites), so each run doubles the width again.\n");
        out.append("- Windows: *before* is the ").append(options.before().toSeconds())
                .append(" s just before the change starts (after ").append(options.settle().toSeconds())
                .append(" s of settling); *during* is from the start to the end of the change (at least 1 s, so that an"
                        + " instant change still has a window).\n");
        out.append("- **Longest stall**: the longest latency of any transaction that was under way at some moment of the"
                + " change. Also recorded: the longest gap in which no client finished a transaction, throughput (finished"
                + " transactions per second) before and during, and the longest latency in the first half of the before window"
                + " (the machine's own noise).\n");
        out.append("- Target (issue #7): no client stalls longer than 1 s during any Driftless-generated version.\n\n");

        out.append("## Machine\n\n");
        out.append("- ").append(environment.cores()).append(" cores (").append(environment.cpu()).append("), ")
                .append(environment.memory()).append(" RAM; load average at the start: ")
                .append(environment.loadAverage()).append(" (the machine was shared with other builds)\n");
        out.append("- ").append(environment.postgres()).append("\n");
        out.append("- server settings: ").append(environment.settings()).append("\n");
        out.append("- ").append(environment.jdk()).append("; ").append(environment.pgbench()).append("\n");
        out.append("- load: ").append(String.format(Locale.ROOT, "%,d", transactions))
                .append(" transactions logged over the run\n\n");

        out.append("## Summary\n\n");
        out.append(options.repeats() > 1 ? "Stalls are median / max over the repeats; the other figures medians.\n\n"
                : "One run per change.\n\n");
        out.append("| change | Driftless longest stall | naive longest stall | Driftless tps during / before |"
                + " naive tps during / before | Driftless time | naive time | Driftless ≤ 1 s? |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        var verdicts = new ArrayList<String>();
        for (Change change : Change.all()) {
            List<Measured> d = of(change, Variant.DRIFTLESS);
            List<Measured> n = of(change, Variant.NAIVE);
            if (d.isEmpty() && n.isEmpty()) {
                continue;
            }
            String verdict = verdict(change, d);
            verdicts.add("- **" + change.name() + "**: " + verdict);
            out.append("| ").append(change.title()).append(" | ").append(stalls(d)).append(" | ").append(stalls(n))
                    .append(" | ").append(throughput(d)).append(" | ").append(throughput(n)).append(" | ")
                    .append(time(d)).append(" | ").append(time(n)).append(" | ")
                    .append(verdict.substring(0, verdict.indexOf(':') < 0 ? verdict.length() : verdict.indexOf(':')))
                    .append(" |\n");
        }
        out.append("\n## Target\n\n");
        verdicts.forEach(v -> out.append(v).append("\n"));

        out.append("\n## Every run\n\n");
        out.append("| change | variant | # | time (ms) | longest stall (ms) | longest gap (ms) | tps before | tps during |"
                + " noise: longest latency before (ms) | lock retries | error |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measured m : measured) {
            out.append("| ").append(m.run().change().name()).append(" | ").append(m.run().variant().name().toLowerCase())
                    .append(" | ").append(m.run().repeat()).append(" | ").append(m.millis()).append(" | ")
                    .append(m.stall() / 1000).append(" | ").append(m.gap() / 1000).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", m.tpsBefore())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", m.tpsDuring())).append(" | ")
                    .append(m.stallBefore() / 1000).append(" | ")
                    .append(m.run().lockRetries() < 0 ? "–" : String.valueOf(m.run().lockRetries())).append(" | ")
                    .append(m.run().error() == null ? "" : m.run().error().replace("|", "\\|")).append(" |\n");
        }

        out.append("\n## What each version ran\n\n");
        for (Change change : Change.all()) {
            List<String> sql = statements.get(change.name());
            if (sql == null) {
                continue;
            }
            out.append("### ").append(change.name()).append("\n\nDriftless:\n\n```sql\n");
            sql.forEach(s -> out.append(s.strip()).append(";\n"));
            out.append("```\n\nNaive:\n\n```sql\n");
            of(change, Variant.NAIVE).stream().findFirst().ifPresent(m -> m.run().statements()
                    .forEach(s -> out.append(s.strip()).append(";\n")));
            out.append("```\n");
            List<String> findings = lint.getOrDefault(change.name(), List.of());
            if (!findings.isEmpty()) {
                out.append("\nDriftless's lint on this version: ").append(String.join("; ", findings)).append("\n");
            }
            out.append("\n");
        }
        out.append("## Load errors\n\n");
        String errors = loadErrors.strip();
        out.append(errors.isEmpty() ? "pgbench reported no error: every client ran to the end.\n"
                : "pgbench's error output:\n\n```\n" + tail(errors) + "\n```\n");
        return out.toString();
    }

    private String verdict(Change change, List<Measured> runs) {
        if (runs.isEmpty()) {
            return "not measured";
        }
        long worst = runs.stream().mapToLong(Measured::stall).max().orElse(0);
        boolean failed = runs.stream().anyMatch(m -> m.run().error() != null);
        String seen = "longest stall " + ms(worst) + " over " + runs.size() + " run(s)";
        if (failed) {
            return "not met: a run failed (see Every run); " + seen;
        }
        return switch (change.expectation()) {
            case SAFE_FORM -> worst <= TARGET_MICROS ? "met: " + seen : "not met: " + seen;
            case REWRITE_FLAGGED -> "not met in place: a type change that rewrites the table runs the same ALTER as the"
                    + " naive DDL (under its lock timeout, which only bounds the wait for the lock, not the rewrite) and"
                    + " the lint flags the version with the safe alternative, an online rename to a column of the new"
                    + " type (the rename_column row); " + seen;
        };
    }

    private List<Measured> of(Change change, Variant variant) {
        return measured.stream().filter(m -> m.run().change().name().equals(change.name())
                && m.run().variant() == variant).toList();
    }

    private static String stalls(List<Measured> runs) {
        if (runs.isEmpty()) {
            return "—";
        }
        long[] v = runs.stream().mapToLong(Measured::stall).sorted().toArray();
        return v.length == 1 ? ms(v[0]) : ms(median(v)) + " / " + ms(v[v.length - 1]);
    }

    private static String throughput(List<Measured> runs) {
        if (runs.isEmpty()) {
            return "—";
        }
        double during = medianOf(runs.stream().mapToDouble(Measured::tpsDuring).toArray());
        double before = medianOf(runs.stream().mapToDouble(Measured::tpsBefore).toArray());
        return String.format(Locale.ROOT, "%.0f / %.0f", during, before);
    }

    private static String time(List<Measured> runs) {
        if (runs.isEmpty()) {
            return "—";
        }
        long[] v = runs.stream().mapToLong(m -> m.run().end() - m.run().start()).sorted().toArray();
        return ms(median(v));
    }

    private static long median(long[] sorted) {
        return sorted[(sorted.length - 1) / 2];
    }

    private static double medianOf(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(v.length - 1) / 2];
    }

    private static String ms(long micros) {
        return micros >= 10_000_000 ? String.format(Locale.ROOT, "%.1f s", micros / 1e6)
                : String.format(Locale.ROOT, "%d ms", micros / 1000);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return lines.stream().skip(Math.max(0, lines.size() - 20)).collect(Collectors.joining("\n"));
    }
}
