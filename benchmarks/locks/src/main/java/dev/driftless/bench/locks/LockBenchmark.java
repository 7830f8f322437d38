package dev.driftless.bench.locks;

import dev.driftless.diff.Operation;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.plan.Lint;
import dev.driftless.plan.VersionPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Applies each kind of change to a large table under a steady load from pgbench, once as the
 * version Driftless plans and once as the naive DDL, and writes what the load's clients saw to a
 * Markdown report. See {@code benchmarks/locks/README.md}.
 */
public final class LockBenchmark {

    /** How Driftless or the naive DDL applied one change, and when (epoch microseconds). */
    /**
     * How Driftless or the naive DDL applied one change, and when (epoch microseconds).
     *
     * @param lockRetries for a Driftless run, how often the migrator could not get a lock within its
     *     lock timeout and tried again (its log's warnings); -1 for the naive DDL, which has no timeout
     */
    record Run(Change change, Variant variant, int repeat, long start, long end, List<String> statements, String error,
            int lockRetries) {}

    enum Variant { DRIFTLESS, NAIVE }

    static final String DATABASE = "driftless_lockbench_main";

    private final Options options;
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, List<String>> driftlessStatements = new LinkedHashMap<>();
    private final Map<String, List<String>> lint = new LinkedHashMap<>();
    private BenchTable state = BenchTable.initial();

    private final java.util.Random order;

    private LockBenchmark(Options options) {
        this.order = new java.util.Random(options.seed());
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new LockBenchmark(options).run();
    }

    private void run() throws Exception {
        Report.Environment environment = Report.Environment.read(options, this::connectAdmin);
        recreateDatabase();
        try {
            log("building " + options.rows() + " rows");
            long setupStart = System.nanoTime();
            setUp();
            Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
            log("set up in " + setup.toSeconds() + " s");
            Load.Transactions transactions;
            String loadErrors;
            try (Load load = Load.start(options.load(), DATABASE, options.rows(), options.work().resolve("load"))) {
                sleep(options.warmUp());
                for (Change change : Change.all()) {
                    if (!options.only().isEmpty() && !options.only().contains(change.name())) {
                        continue;
                    }
                    int repeats = options.heavy().contains(change.name()) ? options.heavyRepeats() : options.repeats();
                    for (int r = 1; r <= repeats; r++) {
                        // Which of the twins goes first is drawn per repeat: the second runs on a warmer table.
                        var variants = new ArrayList<>(List.of(Variant.values()));
                        java.util.Collections.shuffle(variants, order);
                        for (Variant variant : variants) {
                            requireAlive(load);
                            runOnce(change, variant, r);
                        }
                    }
                }
                sleep(options.settle());
                requireAlive(load);
                transactions = load.stop();
                loadErrors = load.errors();
            }
            log("load: " + transactions.count() + " transactions logged");
            Report report = new Report(options, environment, setup, runs, transactions, loadErrors,
                    driftlessStatements, lint);
            report.write(options.output());
            log("wrote " + options.output());
        } finally {
            if (!options.keep()) {
                dropDatabase();
            }
        }
    }

    private void runOnce(Change change, Variant variant, int repeat) throws Exception {
        BenchTable before = state;
        if (change.preparation() != null) {
            execute(change.preparation().make().apply(state));
            before = change.preparation().state().apply(state);
        }
        BenchTable after = change.change().apply(before);
        Migrator migrator = null;
        List<String> statements;
        if (variant == Variant.DRIFTLESS) {
            execute(List.of("DROP TABLE IF EXISTS driftless_history"));
            FrozenVersion existing = VersionPlan.next(History.EMPTY, before.model(), "existing").orElseThrow();
            History history = History.EMPTY.plus(existing, new Snapshot(1, before.model()));
            VersionPlan.Planned planned = VersionPlan.plan(history, after.model(), change.name(), change.renames(),
                    HandWrittenSteps.NONE).orElseThrow();
            var versions = new ArrayList<Migration>(List.of(new PlannedMigration(existing, true),
                    new PlannedMigration(planned.version(), false)));
            statements = new ArrayList<>(planned.version().allUp());
            var operations = new ArrayList<>(planned.operations());
            if (change.contract() != null) {
                // Online: the contract is frozen from the expand's snapshot and applied right after it.
                History expanded = history.plus(planned.version(), new Snapshot(2, planned.reached()));
                VersionPlan.Planned contract = VersionPlan.plan(expanded, after.model(), change.name() + "_contract",
                        change.contract(), HandWrittenSteps.NONE).orElseThrow();
                versions.add(new PlannedMigration(contract.version(), false));
                statements.addAll(contract.version().allUp());
                operations.addAll(contract.operations());
            }
            driftlessStatements.putIfAbsent(change.name(), statements);
            lint.putIfAbsent(change.name(), Lint.of(operations).stream().map(Lint.Finding::describe).toList());
            migrator = Migrator.builder(dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
        } else {
            statements = change.naive().apply(before);
        }
        sleep(options.settle());
        sleep(options.before());
        log(change.name() + " #" + repeat + " " + variant.name().toLowerCase() + ": applying");
        var retries = new java.util.concurrent.atomic.AtomicInteger(migrator != null ? 0 : -1);
        java.util.logging.Handler countRetries = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("could not get a lock within")) {
                    retries.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger migratorLog = java.util.logging.Logger.getLogger("dev.driftless.migrate");
        migratorLog.addHandler(countRetries);
        long start = now();
        String error = null;
        try {
            if (migrator != null) {
                migrator.migrate();
            } else {
                execute(statements);
            }
        } catch (RuntimeException | SQLException e) {
            error = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        } finally {
            migratorLog.removeHandler(countRetries);
        }
        long end = now();
        log(change.name() + " #" + repeat + " " + variant.name().toLowerCase() + ": " + (end - start) / 1000 + " ms"
                + (retries.get() >= 0 ? ", " + retries.get() + " lock retries" : "")
                + (error != null ? ", failed: " + error : ""));
        runs.add(new Run(change, variant, repeat, start, end, statements, error, retries.get()));
        // The load goes on while the change is undone; that time is in no window.
        sleep(Duration.ofSeconds(1));
        List<String> revert = change.revert().apply(before);
        if (error == null && !revert.isEmpty()) {
            execute(revert);
        }
        if (change.vacuumAfter()) {
            execute(List.of("VACUUM fact_energy_hourly"));
        }
        if (error == null && revert.isEmpty()) {
            state = after;
        }
        if (change.preparation() != null) {
            execute(change.preparation().undo().apply(state));
        }
    }

    private void setUp() throws SQLException {
        long rows = options.rows();
        execute(List.of(
                "CREATE TABLE datasource (id integer NOT NULL, name text NOT NULL, CONSTRAINT datasource_pkey PRIMARY KEY (id))",
                "INSERT INTO datasource SELECT g, 'meter ' || g FROM generate_series(1, 100) g",
                "CREATE TABLE fact_energy_hourly (id bigint NOT NULL, datasource_id integer NOT NULL,"
                        + " ts timestamp with time zone NOT NULL, kwh double precision, note varchar(50), quality smallint)",
                // The same shape of rows as the load inserts: datasource and hour follow from the id.
                "INSERT INTO fact_energy_hourly SELECT g, g % 100 + 1, timestamptz '2020-01-01 00:00:00+00'"
                        + " + g * interval '1 hour', round((random() * 10)::numeric, 3), 'reading ' || g, (g % 5)::smallint"
                        + " FROM generate_series(1, " + rows + ") g",
                "ALTER TABLE fact_energy_hourly ADD CONSTRAINT fact_energy_hourly_pkey PRIMARY KEY (id)",
                "CREATE SEQUENCE fact_energy_hourly_id_seq START " + (rows + 1),
                "VACUUM ANALYZE fact_energy_hourly",
                "VACUUM ANALYZE datasource"));
    }

    private void execute(List<String> statements) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private PGSimpleDataSource dataSource() {
        var ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {options.load().host()});
        ds.setPortNumbers(new int[] {options.load().port()});
        ds.setDatabaseName(DATABASE);
        ds.setUser(options.load().user());
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    private Connection connectAdmin() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", options.load().user());
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + options.load().host() + ":" + options.load().port()
                + "/postgres", properties);
    }

    private void recreateDatabase() throws SQLException {
        dropDatabase();
        try (Connection c = connectAdmin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private void dropDatabase() throws SQLException {
        try (Connection c = connectAdmin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private static void requireAlive(Load load) {
        if (!load.alive()) {
            throw new IllegalStateException("the load stopped: " + load.errors());
        }
    }

    static long now() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static void log(String message) {
        System.out.println("[lock-benchmark] " + message);
        System.out.flush();
    }

    /** The command-line options; see {@code benchmarks/locks/README.md}. */
    record Options(long rows, int repeats, int heavyRepeats, Set<String> heavy, Set<String> only, Load.Settings load,
            Duration warmUp, Duration settle, Duration before, Path output, Path work, boolean keep, long seed,
            List<String> args) {

        static Options parse(String[] args) {
            long rows = 10_000_000;
            int repeats = 3;
            int heavyRepeats = 3;
            long seed = System.currentTimeMillis();
            String only = "";
            String host = "127.0.0.1";
            int port = 5432;
            String user = "postgres";
            String pgbench = "pgbench";
            int clients = 4;
            int threads = 2;
            int rate = 0;
            int before = 5;
            Path output = Path.of("benchmarks/locks/RESULTS.md");
            Path work = Path.of("benchmarks/locks/target/run");
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> {
                        rows = 1_000_000;
                        repeats = 1;
                    }
                    case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                    case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                    case "--heavy-repeats" -> heavyRepeats = Integer.parseInt(args[++i]);
                    case "--only" -> only = args[++i];
                    case "--host" -> host = args[++i];
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--user" -> user = args[++i];
                    case "--pgbench" -> pgbench = args[++i];
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Integer.parseInt(args[++i]);
                    case "--before" -> before = Integer.parseInt(args[++i]);
                    case "--output" -> output = Path.of(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--keep" -> keep = true;
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see benchmarks/locks/README.md)");
                }
            }
            return new Options(rows, repeats, Math.min(heavyRepeats, repeats),
                    Set.of("add_column_volatile_default", "int_to_bigint", "rename_column"),
                    only.isEmpty() ? Set.of() : Set.of(only.split(",")),
                    new Load.Settings(pgbench, host, port, user, clients, threads, rate),
                    Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(before), output, work, keep, seed,
                    List.of(args));
        }
    }
}
