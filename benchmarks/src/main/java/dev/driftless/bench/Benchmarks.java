package dev.driftless.bench;

import dev.driftless.bench.ModelSpec.Entity;
import dev.driftless.bench.ModelSpec.Field;
import dev.driftless.bench.ModelSpec.FieldType;
import dev.driftless.bench.Processes.Sample;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every scenario of the benchmark (P1–P8) and writes BENCHMARKS.md. Each measured tool runs in
 * a process of its own, interleaved with its peers round by round, so the figures of one round share
 * the machine's state; results are medians with min–max and ratios to the peer in the same run.
 *
 * <p>Usage: {@code Benchmarks [--quick] [--runs <n>] --work <dir> --out <BENCHMARKS.md> [--notes <file>]}; see
 * {@code benchmarks/run}.
 */
public final class Benchmarks {

    private static final String TOOL = Tool.class.getName();
    /** Calls after the first (cold) one in a P2 or P4 process: the warm figures. */
    private static final int WARM_CALLS = 5;
    private static final String START_FLOOR = "floor: connect, read history";

    /** The sizes and repetitions of a run. */
    record Config(boolean quick, int warmups, int runs, List<Integer> compileSizes, int tables, int versions,
            List<Integer> diffSizes) {
        static Config of(boolean quick) {
            return quick
                    ? new Config(true, 1, 3, List.of(50, 200), 100, 20, List.of(100, 1_000))
                    : new Config(false, 1, 5, List.of(200, 1_000), 1_000, 200, List.of(100, 1_000, 10_000));
        }
    }

    private final Config config;
    private final Path work;
    private final Postgres pg;
    private final Processes processes;
    private final List<Path> classPath;
    private final StringBuilder report = new StringBuilder();
    private final List<String> targets = new ArrayList<>();
    private final Instant started = Instant.now();
    private final Rounds rounds;

    private Benchmarks(Config config, Path work, long seed) {
        this.config = config;
        this.work = work;
        this.rounds = new Rounds(seed, work.resolveSibling(work.getFileName() + "-samples.csv"));
        this.pg = Postgres.fromEnvironment();
        this.processes = new Processes(work.resolve("logs"));
        this.classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Integer runs = null;
        Path work = Path.of("benchmarks/target/bench-work");
        Path out = Path.of("BENCHMARKS.md");
        Path notes = null;
        String only = null;
        long seed = System.currentTimeMillis();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--notes" -> notes = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Config config = Config.of(quick);
        if (runs != null) {
            config = new Config(config.quick(), config.warmups(), runs, config.compileSizes(), config.tables(),
                    config.versions(), config.diffSizes());
        }
        var bench = new Benchmarks(config, work.toAbsolutePath(), seed);
        String text = only == null ? bench.run(notes) : bench.runOnly(only);
        Files.writeString(out, text);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * One scenario alone (P2, the start with nothing to do; P3, the one a change to how versions commit moves; P4, the drift check,
     * over the database Driftless migrates as in P2; or P7 or P8, which need no evolution), for a
     * re-measure between full runs: its section and its target line, to be read beside the full run's.
     */
    private String runOnly(String scenario) throws IOException {
        if (!List.of("P2", "P3", "P4", "P7", "P8").contains(scenario)) {
            throw new IllegalArgumentException("--only takes P2, P3, P4, P7 or P8 (the other scenarios run in the full run only)");
        }
        deleteTree(work);
        Files.createDirectories(work);
        claimDatabases();
        String section = switch (scenario) {
            case "P7" -> ideLoop();
            case "P8" -> tenants();
            case "P2" -> {
                log("setting up the evolution: " + config.tables() + " tables over " + config.versions() + " versions");
                yield startUp(evolution());
            }
            case "P4" -> {
                log("setting up the evolution: " + config.tables() + " tables over " + config.versions() + " versions");
                Evolution e = evolution();
                log("P4: applying the history with Driftless, as in P2");
                pg.create(pg.database("p2_driftless"));
                toolRun("p2-setup-Driftless", e, migrateCommand("Driftless", e, pg.database("p2_driftless")));
                yield drift(e);
            }
            default -> {
                log("setting up the evolution: " + config.tables() + " tables over " + config.versions() + " versions");
                yield freshApply(evolution());
            }
        };
        pg.dropOwn();
        report.append("# Benchmark ").append(scenario).append(" alone\n\n")
                .append("Generated by `benchmarks/run --only=").append(scenario).append(config.quick() ? " --quick" : "")
                .append("`. Run of ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        started.atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC, took ")
                .append(Duration.between(started, Instant.now()).toMinutes()).append(" min.\n\n");
        report.append("- " + rounds.summary() + "\n\n");
        report.append(machine());
        report.append("| # | target | result | met |\n|---|---|---|---|\n");
        targets.forEach(t -> report.append(t).append('\n'));
        report.append('\n').append(section);
        return report.toString();
    }

    /**
     * This run's databases carry its own prefix and only they are dropped, at the end or when the
     * JVM is stopped (Ctrl-C, kill); other runs' databases are named, never touched.
     */
    private void claimDatabases() {
        log("benchmark databases of this run: " + pg.prefix() + "*");
        List<String> others = pg.othersDatabases();
        if (!others.isEmpty()) {
            log("left alone, another run's (going on, or killed; benchmarks/run --drop-leftovers drops them"
                    + " when no run is going on): " + String.join(", ", others));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.dropOwn();
            } catch (RuntimeException e) {
                System.err.println("could not drop this run's databases " + pg.prefix() + "*: " + e.getMessage()
                        + "; benchmarks/run --drop-leftovers drops them");
            }
        }, "drop-benchmark-databases"));
    }

    private String run(Path notes) throws IOException {
        deleteTree(work);
        Files.createDirectories(work);
        claimDatabases();
        log("setting up the evolution: " + config.tables() + " tables over " + config.versions() + " versions");
        Evolution evolution = evolution();
        String p1 = compile();
        String p2 = startUp(evolution);
        String p3 = freshApply(evolution);
        String p4 = drift(evolution);
        String p5 = diffAndPlan();
        String p6 = sizes(evolution);
        String p7 = ideLoop();
        String p8 = tenants();
        pg.dropOwn();

        report.append("# Benchmarks\n\n");
        report.append("Generated by `benchmarks/run").append(config.quick() ? " --quick" : "")
                .append("` (see the README); do not edit the tables by hand. ")
                .append(config.quick() ? "**Quick mode: small sizes and 3 runs, for development only.** " : "")
                .append("Run of ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        started.atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC, took ")
                .append(Duration.between(started, Instant.now()).toMinutes()).append(" min.\n\n");
        report.append(method());
        report.append(machine());
        report.append("## Targets\n\n| # | target | result | met |\n|---|---|---|---|\n");
        targets.forEach(t -> report.append(t).append('\n'));
        report.append('\n');
        report.append(p1).append(p2).append(p3).append(p4).append(p5).append(p6).append(p7).append(p8);
        if (notes != null && Files.exists(notes)) {
            report.append(Files.readString(notes));
        }
        return report.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Setup: the evolution of M versions, frozen for Driftless, written for the peers, compiled once.

    private record Evolution(List<ModelSpec> models, History history, Path historyDir, Path classes,
            Path generated, Path flywayDir, Path liquibaseChangelog, Path psqlScript, Path entityList,
            Sample checkedCompile) {}

    private Evolution evolution() throws IOException {
        Path root = work.resolve("evolution");
        List<ModelSpec> models = ModelGenerator.evolution(config.tables(), config.versions(), 20_26);
        Path historyDir = root.resolve("driftless");
        History history = HistoryFiles.freeze(models, historyDir);
        Path flyway = root.resolve("flyway");
        HistoryFiles.writeFlyway(history, flyway);
        Path changelog = HistoryFiles.writeLiquibase(history, root.resolve("liquibase"));
        Path psql = HistoryFiles.writePsql(history, root.resolve("psql/all.sql"));
        ModelSpec last = models.get(models.size() - 1);
        Path sources = root.resolve("src");
        List<Path> files = EntitySources.write(last, sources);
        Path entityList = root.resolve("entities.txt");
        Files.write(entityList, EntitySources.classNames(last));
        Path classes = root.resolve("classes");
        Path generated = root.resolve("generated");
        // The processor checks the entities against the history made from SchemaFactory's models:
        // any difference fails this compilation, so the generated history is what it would have frozen.
        log("compiling the last version's entities with the processor in check mode");
        Sample sample = javac("evolution-check", files, classes, generated, driftlessArgs(historyDir, true));
        return new Evolution(models, history, historyDir, classes, generated, flyway, changelog, psql, entityList,
                sample);
    }

    // ---------------------------------------------------------------------------------------------
    // P1: compilation.

    private String compile() throws IOException {
        var s = new StringBuilder("## P1 — compiling N entities\n\n");
        s.append("javac compiles the entities of a model (plus its enum) in one process: plain (`-proc:none`), with "
                + "the Driftless processor (a frozen history of version 1 on disk, the sources are version 2, so the "
                + "processor loads and checks the history, diffs, writes the draft and generates the migration "
                + "classes and index, which javac then compiles), and with Hibernate's metamodel processor "
                + "(`hibernate-jpamodelgen`, now `hibernate-processor`). Same class path for all three "
                + "(jakarta.persistence-api and driftless-runtime). Wall time of the javac process.\n\n");
        s.append("| N | plain javac | + Driftless | + jpamodelgen | Driftless / plain | jpamodelgen / plain "
                + "| peak RSS plain | peak RSS Driftless | peak RSS jpamodelgen |\n|---|---|---|---|---|---|---|---|---|\n");
        List<String> variants = List.of("plain", "driftless", "jpamodelgen");
        for (int n : config.compileSizes()) {
            Path root = work.resolve("p1/n" + n);
            ModelSpec v1 = ModelGenerator.model(n, n);
            ModelSpec v2 = ModelGenerator.evolve(v1, 2, new Random(n));
            Path history = root.resolve("history");
            HistoryFiles.freeze(List.of(v1), history);
            List<Path> v1Files = EntitySources.write(v1, root.resolve("src-v1"));
            javac("p1-check-" + n, v1Files, root.resolve("check/classes"), root.resolve("check/generated"),
                    driftlessArgs(history, true));
            List<Path> files = EntitySources.write(v2, root.resolve("src"));
            Map<String, List<Sample>> samples = rounds.run("P1 N=" + n, variants, config.warmups(), config.runs(),
                    variant -> {
                        List<String> args = switch (variant) {
                            case "plain" -> List.of("-proc:none");
                            case "driftless" -> driftlessArgs(history, false);
                            default -> jpamodelgenArgs();
                        };
                        return javac("p1-" + n + "-" + variant, files, root.resolve(variant + "/classes"),
                                root.resolve(variant + "/generated"), args);
                    });
            Stats plain = wall(samples.get("plain"));
            Stats driftless = wall(samples.get("driftless"));
            Stats metamodel = wall(samples.get("jpamodelgen"));
            s.append("| ").append(n).append(" | ").append(plain.seconds()).append(" | ").append(driftless.seconds())
                    .append(" | ").append(metamodel.seconds()).append(" | ").append(ratio(driftless, plain))
                    .append(" | ").append(ratio(metamodel, plain)).append(" | ").append(rss(samples.get("plain")))
                    .append(" | ").append(rss(samples.get("driftless"))).append(" | ")
                    .append(rss(samples.get("jpamodelgen"))).append(" |\n");
            double r = driftless.median() / plain.median();
            targets.add(String.format("| P1 | N=%d: javac + Driftless ≤ 1.25 × plain javac | %.2f× (jpamodelgen %.2f×) | %s |",
                    n, r, metamodel.median() / plain.median(), r <= 1.25 ? "yes" : "**no**"));
        }
        s.append('\n');
        return s.toString();
    }

    private List<String> driftlessArgs(Path history, boolean check) {
        List<String> args = new ArrayList<>(List.of("-processorpath", jars("driftless-processor", "driftless-runtime",
                "javapoet"), "-processor", "dev.driftless.processor.DriftlessProcessor",
                "-Adriftless.history=" + history));
        if (check) {
            args.add("-Adriftless.check=true");
        }
        return args;
    }

    private List<String> jpamodelgenArgs() {
        return List.of("-processorpath", jars("hibernate-", "jakarta.", "jboss-logging", "jandex", "jaxb-", "txw2",
                "istack-", "angus-", "antlr4-", "byte-buddy", "classmate"),
                "-processor", "org.hibernate.processor.HibernateProcessor");
    }

    private Sample javac(String label, List<Path> files, Path classes, Path generated, List<String> processing) {
        try {
            deleteTree(classes);
            deleteTree(generated);
            Files.createDirectories(classes);
            Files.createDirectories(generated);
            Path list = classes.resolveSibling(classes.getFileName() + ".sources");
            Files.write(list, files.stream().map(Path::toString).toList());
            List<String> command = new ArrayList<>(List.of(javaHome("javac"), "-d", classes.toString(), "-s",
                    generated.toString(), "-cp", jars("jakarta.persistence-api", "driftless-runtime")));
            command.addAll(processing);
            command.add("@" + list);
            return processes.run(label, command, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // P2: start-up with every version applied.

    private String startUp(Evolution e) {
        Map<String, String> databases = new LinkedHashMap<>();
        databases.put("Driftless", pg.database("p2_driftless"));
        databases.put("Flyway", pg.database("p2_flyway"));
        databases.put("Liquibase", pg.database("p2_liquibase"));
        log("P2: applying the history once with each tool");
        databases.forEach((tool, db) -> {
            pg.create(db);
            toolRun("p2-setup-" + tool, e, migrateCommand(tool, e, db));
        });
        List<String> tools = new ArrayList<>(databases.keySet());
        tools.add(START_FLOOR);
        Map<String, List<Sample>> samples = rounds("P2", tools, tool -> toolRun("p2-" + tool, e,
                tool.equals(START_FLOOR) ? List.of("history-floor", pg.url(databases.get("Driftless")))
                        : migrateCommand(tool, e, databases.get(tool)), WARM_CALLS + 1));
        var s = new StringBuilder("## P2 — start-up with all " + config.versions() + " versions applied\n\n");
        s.append("Each tool's own database was brought to version ").append(config.versions())
                .append(" (").append(config.tables()).append(" tables) by that tool; then each run starts a JVM that "
                + "calls the tool ").append(WARM_CALLS + 1).append(" times and exits. *Cold* is the first call that ends with \"up to date\" "
                + "(Driftless: `Migrator.builder(ds).build().migrate()`, which loads the generated index through "
                + "ServiceLoader; Flyway: `Flyway.configure()...load().migrate()` over `filesystem:` SQL files, which "
                + "validates their checksums; Liquibase: `update` through `CommandScope` with an XML changelog "
                + "including one formatted-SQL file per version), *warm* the median of the ").append(WARM_CALLS)
                .append(" calls after it in the same JVM (a new tool object and connection each). The floor loads the "
                + "driver, connects and reads every row of Driftless's history table: what any tool must do before it "
                + "knows that nothing is pending. *Whole process* is the JVM from start to exit.\n\n");
        s.append(coldWarmTable(samples, START_FLOOR));
        Stats coldDriftless = Stats.of(reported(samples.get("Driftless"), "call"));
        Stats coldFloor = Stats.of(reported(samples.get(START_FLOOR), "call"));
        Stats warmDriftless = Stats.of(warm(samples.get("Driftless")));
        Stats warmFloor = Stats.of(warm(samples.get(START_FLOOR)));
        Stats flyway = Stats.of(reported(samples.get("Flyway"), "call"));
        double cold = coldDriftless.median() / coldFloor.median();
        double warm = warmDriftless.median() / warmFloor.median();
        targets.add(String.format("| P2 | no-op start-up: cold ≤ 1.15 × floor, warm ≤ 2 × floor | cold %.2f× (%s vs %s), warm %.2f× (%s vs %s); %.2f× Flyway cold | %s |",
                cold, coldDriftless.millis(), coldFloor.millis(), warm, warmDriftless.millis(), warmFloor.millis(),
                coldDriftless.median() / flyway.median(), cold <= 1.15 && warm <= 2 ? "yes" : "**no**"));
        return s.toString();
    }

    private List<String> migrateCommand(String tool, Evolution e, String db) {
        return switch (tool) {
            case "Driftless" -> List.of("driftless-migrate", pg.url(db));
            case "Flyway" -> List.of("flyway-migrate", pg.url(db), e.flywayDir().toString());
            case "Liquibase" -> List.of("liquibase-update", pg.url(db), e.liquibaseChangelog().toString());
            default -> throw new IllegalArgumentException(tool);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // P3: a fresh database, every version applied.

    private String freshApply(Evolution e) {
        String db = pg.database("p3");
        List<String> tools = List.of("Driftless", "Flyway", "Liquibase", "psql");
        Map<String, List<Sample>> samples = rounds("P3", tools, tool -> {
            pg.create(db);
            try {
                if (tool.equals("psql")) {
                    List<String> psql = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
                    if (HistoryFiles.singleTransaction(e.psqlScript())) {
                        psql.add("-1");
                    }
                    psql.addAll(List.of("-f", e.psqlScript().toString()));
                    return processes.run("p3-psql", psql, pg.libpqEnvironment(db));
                }
                return toolRun("p3-" + tool, e, migrateCommand(tool, e, db));
            } finally {
                pg.drop(db);
            }
        });
        var s = new StringBuilder("## P3 — fresh database, all " + config.versions() + " versions\n\n");
        s.append("A new empty database for every run; each tool applies the same DDL (Driftless's frozen up "
                + "statements): Driftless one transaction per version with its history row, Flyway and Liquibase "
                + "their defaults (Flyway with `mixed` and Liquibase with `runInTransaction:false` for versions that build an "
                + "index CONCURRENTLY), and the floor `psql -X -1 -v ON_ERROR_STOP=1 -f` of all versions concatenated (one "
                + "transaction, no bookkeeping; when versions build indexes CONCURRENTLY, one transaction per version "
                + "with those statements after it, without `-1`). psql has no in-process figure: its whole process is the floor. "
                + "Ratios are to psql's whole process.\n\n");
        s.append(toolTable(samples, "psql"));
        Stats driftless = Stats.of(reported(samples.get("Driftless"), "call"));
        Stats psql = wall(samples.get("psql"));
        double r = driftless.median() / psql.median();
        double whole = wall(samples.get("Driftless")).median() / psql.median();
        targets.add(String.format("| P3 | fresh apply ≤ 1.3 × psql | %.2f× in-process, %.2f× whole process | %s |",
                r, whole, r <= 1.3 ? "yes (in-process)" + (whole <= 1.3 ? ", yes (whole process)" : ", **no** (whole process)")
                        : "**no**"));
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // P4: drift check of the whole database.

    private String drift(Evolution e) throws IOException {
        String db = pg.database("p2_driftless");
        String url = pg.url(db);
        List<String> tools = List.of("Driftless", "JDBC metadata walk", "pg_catalog floor");
        Map<String, List<Sample>> samples = rounds("P4", tools, tool -> toolRun("p4-" + tool, e, switch (tool) {
            case "Driftless" -> List.of("driftless-drift", url);
            case "JDBC metadata walk" -> List.of("jdbc-metadata", url);
            default -> List.of("catalog-floor", url);
        }, WARM_CALLS + 1));
        // Hibernate boots once (its boot dominates) and validates the same database repeatedly.
        log("P4: Hibernate validation");
        Sample hibernate = toolRun("p4-hibernate", e, List.of("hibernate-validate", e.entityList().toString(),
                String.valueOf(config.warmups() + config.runs()), url));
        var s = new StringBuilder("## P4 — drift check of a " + config.tables() + "-table database\n\n");
        s.append("The database Driftless migrated in P2, against the snapshot of its last version. Driftless: "
                + "`Migrator.checkDrift(Migrator.snapshotOnClassPath())` (reads the snapshot, introspects pg_catalog, "
                + "diffs). Hibernate: `SessionFactory.getSchemaManager().validateMappedObjects()` (what "
                + "`hbm2ddl.auto=validate` runs), measured apart below because its session-factory boot dominates. JDBC metadata walk: `getTables`, one `getColumns` for all tables, then "
                + "`getPrimaryKeys`, `getImportedKeys`, `getIndexInfo` per table, every row read, nothing compared. "
                + "Floor: four hand-written pg_catalog queries (columns with types, defaults, identity and comments; "
                + "constraints; indexes; sequences), every row read, nothing built or compared.\n\n");
        s.append("Each run is a JVM that checks ").append(WARM_CALLS + 1).append(" times: *cold* is the first check, "
                + "*warm* the median of the ").append(WARM_CALLS).append(" after it (each opens its own connection).\n\n");
        s.append(coldWarmTable(samples, "pg_catalog floor"));
        Stats driftless = Stats.of(reported(samples.get("Driftless"), "call"));
        Stats floor = Stats.of(reported(samples.get("pg_catalog floor"), "call"));
        Stats warmDriftless = Stats.of(warm(samples.get("Driftless")));
        Stats warmFloor = Stats.of(warm(samples.get("pg_catalog floor")));
        List<Double> validations = new ArrayList<>();
        for (int r = config.warmups() + 1; r <= config.warmups() + config.runs(); r++) {
            validations.add(hibernate.reported("run" + r));
        }
        Stats validate = Stats.of(validations);
        s.append("Hibernate validation, in one JVM that booted once (").append(String.format("%.1f s", hibernate.reported("boot")))
                .append(" to boot the session factory for ").append(config.tables()).append(" entities) and then validated ")
                .append(config.warmups() + config.runs()).append(" times, the first ").append(config.warmups())
                .append(" discarded: ").append(validate.millis()).append(", ").append(ratio(validate, floor))
                .append(" the floor; that JVM's whole process ").append(String.format("%.1f s", hibernate.wallSeconds()))
                .append(", peak RSS ").append(hibernate.peakRssKb() < 0 ? "n/a" : String.format("%.0f MiB", hibernate.peakRssKb() / 1024.0))
                .append(".\n\n");
        double r = driftless.median() / floor.median();
        double w = warmDriftless.median() / warmFloor.median();
        String found = driftCoverage(e, s);
        boolean fast = r <= 1.5 && w <= 1.5;
        targets.add(String.format("| P4 | drift check ≤ 1.5 × floor cold and warm, every difference reported | cold %.2f× (%s vs %s), warm %.2f× (%s vs %s); %s | %s |",
                r, driftless.millis(), floor.millis(), w, warmDriftless.millis(), warmFloor.millis(), found,
                fast && found.startsWith("all") ? "yes" : fast ? "time yes, **coverage no**" : "**no**"));
        return s.toString();
    }

    /** One kind of difference made by hand in a copy of the database. */
    private record Drift(String what, String sql, String table, String token) {}

    private String driftCoverage(Evolution e, StringBuilder s) {
        List<ModelSpec.Entity> all = e.models().get(e.models().size() - 1).entities();
        ModelSpec.Entity withKey = all.stream()
                .filter(x -> x.fields().stream().anyMatch(f -> f.name().equals("owner"))).findFirst().orElseThrow();
        List<ModelSpec.Entity> plain = all.stream().filter(x -> x != withKey).toList();
        Function<Integer, String> t = i -> plain.get(i).table();
        List<Drift> drifts = List.of(
                new Drift("column added by hand", "alter table " + t.apply(0) + " add column hand_note text", t.apply(0), "hand_note"),
                new Drift("column dropped", "alter table " + t.apply(1) + " drop column ratio", t.apply(1), "ratio"),
                new Drift("type changed (integer → bigint)", "alter table " + t.apply(2) + " alter column quantity type bigint", t.apply(2), "quantity"),
                new Drift("varchar length changed", "alter table " + t.apply(3) + " alter column description type varchar(2000)", t.apply(3), "description"),
                new Drift("NOT NULL dropped", "alter table " + t.apply(4) + " alter column name drop not null", t.apply(4), "name"),
                new Drift("default added", "alter table " + t.apply(5) + " alter column quantity set default 0", t.apply(5), "quantity"),
                new Drift("identity dropped", "alter table " + t.apply(6) + " alter column id drop identity", t.apply(6), "id"),
                new Drift("index dropped", "drop index " + t.apply(7) + "_name_idx", t.apply(7), t.apply(7) + "_name_idx"),
                new Drift("index added by hand", "create index hand_idx on " + t.apply(8) + " (quantity)", t.apply(8), "hand_idx"),
                new Drift("unique constraint dropped", "alter table " + t.apply(9) + " drop constraint " + t.apply(9) + "_code_key", t.apply(9), t.apply(9) + "_code_key"),
                new Drift("foreign key dropped", "alter table " + withKey.table() + " drop constraint " + withKey.table() + "_owner_id_fkey", withKey.table(), withKey.table() + "_owner_id_fkey"),
                new Drift("table added by hand", "create table hand_made (id integer primary key)", "hand_made", "hand_made"),
                new Drift("table dropped", "drop table " + t.apply(10) + " cascade", t.apply(10), "drop table"),
                new Drift("column comment set", "comment on column " + t.apply(11) + ".name is 'set by hand'", t.apply(11), "comment"));
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < drifts.size(); i++) {
            String copy = pg.database("p4_drift_" + i);
            pg.create(copy, pg.database("p2_driftless"));
            pg.execute(copy, List.of(drifts.get(i).sql()));
            urls.add(pg.url(copy));
        }
        log("P4: drift coverage over " + drifts.size() + " altered copies");
        List<String> driftArgs = new ArrayList<>(List.of("driftless-drift"));
        driftArgs.addAll(urls);
        Sample driftless = toolRun("p4-coverage-driftless", e, driftArgs);
        List<String> hibernateArgs = new ArrayList<>(List.of("hibernate-validate", e.entityList().toString(), "1"));
        hibernateArgs.addAll(urls);
        Sample hibernate = toolRun("p4-coverage-hibernate", e, hibernateArgs);
        for (int i = 0; i < drifts.size(); i++) {
            pg.drop(pg.database("p4_drift_" + i));
        }
        s.append("Coverage: each kind of difference below was made by hand in its own copy of the database; the "
                + "table shows what each check reported for it (Driftless: the differences it listed; Hibernate: "
                + "the first problem it raised, or nothing).\n\n");
        s.append("| difference made | Driftless reports | Hibernate validation reports |\n|---|---|---|\n");
        int reported = 0;
        for (int i = 0; i < drifts.size(); i++) {
            Drift d = drifts.get(i);
            String prefix = "difference " + i + ": ";
            List<String> lines = driftless.lines().stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).toList();
            boolean found = lines.stream().anyMatch(l -> l.contains(d.table()) && l.contains(d.token()));
            if (found) {
                reported++;
            }
            String validation = "validation " + i + ": ";
            String hib = hibernate.lines().stream().filter(l -> l.startsWith(validation))
                    .map(l -> l.substring(validation.length())).findFirst().orElse("?");
            s.append("| ").append(d.what()).append(" (`").append(d.sql()).append("`) | ")
                    .append(found ? "yes: " : "**missed**: ")
                    .append(lines.isEmpty() ? "nothing" : lines.stream().limit(3).map(l -> "`" + l + "`")
                            .collect(Collectors.joining("; ")) + (lines.size() > 3 ? " (+" + (lines.size() - 3) + " more)" : ""))
                    .append(" | ").append(hib.equals("ok") ? "nothing (validation passed)" : "`" + abbreviate(hib, 160) + "`")
                    .append(" |\n");
        }
        s.append('\n');
        return (reported == drifts.size() ? "all " : "") + reported + " of " + drifts.size() + " kinds reported";
    }

    // ---------------------------------------------------------------------------------------------
    // P5: pure diff and plan.

    private String diffAndPlan() {
        var s = new StringBuilder("## P5 — diff + plan in memory\n\n");
        s.append("One JVM per size: a generated model of N tables against its next version (N/10 changes of the "
                + "four kinds — column added, index added, varchar widened, reference added — and N/100 tables "
                + "added): `SchemaDiff.between` and `PostgresPlanner.statements`, up and down, as freezing a "
                + "version does.\n\n");
        s.append("Each size runs in ").append(config.runs()).append(" fresh JVMs: *cold* is the first call of each "
                + "JVM (what javac's one call per compilation pays), *warm* the median of the calls after the warm-up "
                + "calls, pooled over the JVMs. Growth is judged by the exponent b of a least-squares fit of "
                + "time = a·N^b over the sizes (b = 1 is linear).\n\n");
        s.append("| tables | cold median (min–max) | warm median (min–max) | cold per table | peak RSS |\n|---|---|---|---|---|\n");
        List<Double> sizes = new ArrayList<>();
        List<Double> colds = new ArrayList<>();
        List<Double> warms = new ArrayList<>();
        for (int n : config.diffSizes()) {
            int calls = Math.max(5, config.runs());
            Map<String, List<Sample>> bySize = rounds("P5 N=" + n, List.of("diff-plan"), tool -> processes.run("p5-" + n,
                    java(List.of("diff-plan", String.valueOf(n), "3", String.valueOf(calls)), false), Map.of()));
            List<Sample> samples = bySize.get("diff-plan");
            Stats cold = Stats.of(reported(samples, "cold"));
            List<Double> warmCalls = new ArrayList<>();
            for (Sample sample : samples) {
                for (int i = 1; i <= calls; i++) {
                    warmCalls.add(sample.reported("run" + i));
                }
            }
            Stats warm = Stats.of(warmCalls);
            sizes.add((double) n);
            colds.add(cold.median());
            warms.add(warm.median());
            s.append("| ").append(n).append(" | ").append(cold.millis()).append(" | ").append(warm.millis())
                    .append(" | ").append(String.format("%.1f µs", cold.median() / n * 1e6)).append(" | ")
                    .append(rss(samples)).append(" |\n");
        }
        double coldExponent = exponent(sizes, colds);
        double warmExponent = exponent(sizes, warms);
        s.append("\nFitted exponent b: cold ").append(String.format("%.2f", coldExponent)).append(", warm ")
                .append(String.format("%.2f", warmExponent)).append(".\n\n");
        int largestSize = config.diffSizes().get(config.diffSizes().size() - 1);
        double largest = colds.get(colds.size() - 1);
        targets.add(String.format("| P5 | %d tables < 1 s cold, growth linear | cold %.0f ms; fitted exponent %.2f cold, %.2f warm | %s |",
                largestSize, largest * 1e3, coldExponent, warmExponent,
                largest < 1 && coldExponent <= 1.1 ? "yes" : "**no**"));
        return s.toString();
    }

    /** The exponent b of the least-squares fit of log(y) = log(a) + b·log(x). */
    static double exponent(List<Double> xs, List<Double> ys) {
        int n = xs.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(xs.get(i));
            double y = Math.log(ys.get(i));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    // ---------------------------------------------------------------------------------------------
    // P6: sizes of the committed history and of the generated code.

    private String sizes(Evolution e) throws IOException {
        List<FrozenVersion> versions = e.history().versions();
        long snapshot = Files.size(e.historyDir().resolve(SnapshotFormat.FILE_NAME));
        List<Long> versionSizes = new ArrayList<>();
        for (FrozenVersion v : versions) {
            versionSizes.add(Files.size(e.historyDir().resolve(v.fileName())));
        }
        long historyTotal = snapshot + versionSizes.stream().mapToLong(Long::longValue).sum();
        List<Long> later = versionSizes.subList(1, versionSizes.size());
        long laterTotal = later.stream().mapToLong(Long::longValue).sum();
        double bytesPerOperation = (double) laterTotal
                / versions.subList(1, versions.size()).stream().mapToInt(v -> v.operations().size()).sum();
        // What a copy of the model in every version (EF Core's Designer files) would add, in our format.
        long modelCopies = 0;
        for (int i = 0; i < versions.size(); i++) {
            modelCopies += SnapshotFormat.write(new dev.driftless.history.Snapshot(i + 1,
                    SchemaFactory.model(e.models().get(i)))).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        String migrationsPackage = "bench/model/migrations";
        long generatedSources = treeSize(e.generated().resolve(migrationsPackage), ".java");
        long generatedClasses = treeSize(e.classes().resolve(migrationsPackage), ".class");
        long firstVersionSource = treeSize(e.generated().resolve(migrationsPackage), "V0001.java");
        var s = new StringBuilder("## P6 — size after " + versions.size() + " versions over " + config.tables() + " tables\n\n");
        s.append("| what | size |\n|---|---|\n");
        s.append(row("committed history: snapshot + every version file", kib(historyTotal)));
        s.append(row("  snapshot.driftless (the one model copy, " + config.tables() + " tables)", kib(snapshot)));
        s.append(row("  version 1 (creates " + e.models().get(0).entities().size() + " tables)", kib(versionSizes.get(0))));
        s.append(row("  versions 2–" + versions.size() + ": total", kib(laterTotal)));
        s.append(row("  versions 2–" + versions.size() + ": median / largest", kib(median(later)) + " / "
                + kib(later.stream().mapToLong(Long::longValue).max().orElse(0))));
        s.append(row("  bytes of version file per operation (versions 2–" + versions.size() + ")", String.format("%.0f B", bytesPerOperation)));
        s.append(row("generated migration sources (" + (versions.size() + 1) + " classes with the index)", kib(generatedSources)
                + (firstVersionSource > 0 ? "" : "")));
        s.append(row("generated migration class files", kib(generatedClasses)));
        s.append(row("for comparison: a model copy in every version, as EF Core's Designer files keep one "
                + "(computed here in our snapshot format, not measured on EF Core)", kib(modelCopies)));
        s.append('\n');
        s.append("A version file holds its operations, up and down statements and a header: its size follows the "
                + "change, not the schema (the largest later version is ")
                .append(kib(later.stream().mapToLong(Long::longValue).max().orElse(0)))
                .append(" while the schema's snapshot is ").append(kib(snapshot)).append("). Only one model copy is "
                + "committed, the snapshot, rewritten by each freeze. Published figures for EF Core, whose every "
                + "migration carries a `.Designer.cs` with a full copy of the model (not measured here): a 1.5 MB "
                + "model snapshot duplicated into each migration, 46 migrations totalling 72.7 MB "
                + "(dotnet/efcore#34276); 450+ tables, 350 migrations, Designer files of about 2 MB each and a 640 MB "
                + "migrations folder (dotnet/efcore#20098); 500+ tables with about 1 MB per Designer file "
                + "(dotnet/efcore#33137).\n\n");
        s.append("The check compilation of the last version's ").append(config.tables()).append(" entities with the "
                + "processor and the ").append(versions.size()).append("-version history (setup, one run) took ")
                .append(String.format("%.1f s", e.checkedCompile().wallSeconds())).append(e.checkedCompile().peakRssKb() < 0 ? ""
                        : String.format(", peak RSS %.0f MiB", e.checkedCompile().peakRssKb() / 1024.0)).append(".\n\n");
        boolean small = (double) later.stream().mapToLong(Long::longValue).max().orElse(0) < snapshot / 10.0;
        targets.add(String.format("| P6 | history grows with the changes, not the schema | later versions median %s, largest %s; snapshot %s; total %s vs %s with a model copy per version | %s |",
                kib(median(later)), kib(later.stream().mapToLong(Long::longValue).max().orElse(0)), kib(snapshot),
                kib(historyTotal), kib(modelCopies), small ? "yes" : "**no**"));
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // P7: the IDE loop, one entity of a large model recompiled alone.

    private String ideLoop() throws IOException {
        int n = config.compileSizes().get(config.compileSizes().size() - 1);
        Path root = work.resolve("p7");
        ModelSpec model = ModelGenerator.model(n, n);
        Path history = root.resolve("history");
        HistoryFiles.freeze(List.of(model), history);
        Path classes = root.resolve("classes");
        log("P7: the full build the IDE starts from, " + n + " entities");
        Sample full = javac("p7-full", EntitySources.write(model, root.resolve("src")), classes, root.resolve("generated"),
                driftlessArgs(history, false));
        if (full.lines().stream().anyMatch(l -> l.contains("DL200"))) {
            throw new IllegalStateException("the full build of the frozen model drafted a version: " + full.lines());
        }
        Entity changed = model.entities().get(n / 2);
        Entity edited = changed.withField(new Field("p7_note", FieldType.STRING, true, false, 120, 0, 0, null));
        Path source = root.resolve("edit").resolve(EntitySources.PACKAGE.replace('.', '/')).resolve(changed.className() + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, EntitySources.source(edited));
        Map<String, List<Sample>> samples = rounds("P7", List.of("plain", "driftless"), variant -> {
            List<String> command = new ArrayList<>(List.of(javaHome("javac"), "-d", classes.toString(), "-s",
                    root.resolve("generated").toString(), "-cp", classes + File.pathSeparator
                            + jars("jakarta.persistence-api", "driftless-runtime")));
            command.addAll(variant.equals("plain") ? List.of("-proc:none") : driftlessArgs(history, false));
            command.add(source.toString());
            return processes.run("p7-" + variant, command, Map.of());
        });
        // The draft must be the one change: the new column of that entity's table, nothing dropped.
        var wrong = new ArrayList<String>();
        for (Sample sample : samples.get("driftless")) {
            String out = String.join("\n", sample.lines());
            if (!out.contains("DL200") || !out.contains("p7_note") || out.contains("DROP ")) {
                wrong.add(out);
            }
        }
        Stats plain = wall(samples.get("plain"));
        Stats driftless = wall(samples.get("driftless"));
        double added = (driftless.median() - plain.median()) / plain.median();
        var s = new StringBuilder("## P7 — the IDE loop: one entity of " + n + " recompiled alone\n\n");
        s.append("The model of ").append(n).append(" entities is frozen and compiled once with the processor (the "
                + "class output an IDE keeps). Then one entity gains a nullable column and that one source file is "
                + "compiled alone against the class output, as an IDE does on save: plain javac (`-proc:none`) against "
                + "javac with the processor, which reads the other entities from their class files and must draft "
                + "exactly the added column. Wall time of the javac process.\n\n");
        s.append("| variant | wall | peak RSS |\n|---|---|---|\n");
        s.append("| plain javac | ").append(plain.seconds()).append(" | ").append(rss(samples.get("plain"))).append(" |\n");
        s.append("| + Driftless | ").append(driftless.seconds()).append(" | ").append(rss(samples.get("driftless"))).append(" |\n\n");
        s.append(wrong.isEmpty() ? "Every run drafted the one added column and nothing else.\n\n"
                : "**" + wrong.size() + " runs drafted something else**; the first printed:\n\n```\n"
                        + abbreviate(wrong.get(0), 4000) + "\n```\n\n");
        targets.add(String.format("| P7 | IDE loop, %d entities: Driftless adds ≤ 0.5 × javac of the one file, draft correct | +%.2f× (%s vs %s); %s | %s |",
                n, added, driftless.seconds(), plain.seconds(), wrong.isEmpty() ? "draft correct" : "**draft wrong**",
                added <= 0.5 && wrong.isEmpty() ? "yes" : "**no**"));
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // P8: one version over many tenant schemas.

    private String tenants() {
        List<Integer> counts = config.quick() ? List.of(20, 100) : List.of(100, 1_000);
        int parallelism = 8;
        String db = pg.database("p8");
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<String> tools = new ArrayList<>();
        tools.add("one schema");
        counts.forEach(c -> tools.add(c + " tenants"));
        counts.forEach(c -> tools.add(c + " tenants, plain JDBC"));
        samples.putAll(rounds("P8", tools, tool -> {
            pg.create(db);
            try {
                int count = tool.equals("one schema") ? 1 : Integer.parseInt(tool.split(" ")[0]);
                String command = tool.endsWith("plain JDBC") ? "tenants-floor" : "tenants";
                return processes.run("p8-" + count + (tool.endsWith("plain JDBC") ? "-floor" : ""),
                        java(List.of(command, pg.url(db), String.valueOf(count),
                                String.valueOf(count == 1 ? 1 : parallelism)), false), Map.of());
            } finally {
                pg.drop(db);
            }
        }));
        Stats one = Stats.of(reported(samples.get("one schema"), "call"));
        var s = new StringBuilder("## P8 — one version over many tenant schemas\n\n");
        s.append("One version (five tables with their keys, indexes and foreign keys) applied by `TenantMigration.schemas` "
                + "to every tenant schema of one database, ").append(parallelism).append(" at a time (one connection "
                + "each), in a JVM that has migrated one schema first, unmeasured. One tenant in the middle already holds a table of that name with other columns, so its "
                + "version fails: it must be rolled back alone, every other tenant reaching version 1. The issue's floor is "
                + "one schema's migrate time × tenants / ").append(parallelism).append(", which assumes ").append(parallelism)
                .append(" sessions go ").append(parallelism).append(" times as fast as one; the measured floor is the same "
                + "statements applied to every schema (the same failing one included) by ").append(parallelism)
                .append(" plain JDBC sessions, each taking the next schema: schema created, search_path set, the "
                + "statements in one batch in one transaction, committed; no history, lock or settings. Retained heap is "
                + "what the JVM still holds after a full collection once the call has returned (the summary reachable), "
                + "less what it held before the call; peak RSS also follows the JVM's heap sizing, which grows with what "
                + "is allocated, not only with what is kept.\n\n");
        s.append("| tenants | in-process | floor (formula) | ratio | measured floor (plain JDBC) | ratio | retained heap "
                + "| peak RSS | failing tenant alone |\n|---|---|---|---|---|---|---|---|---|\n");
        s.append("| 1 | ").append(one.millis()).append(" | | | | | | ").append(rss(samples.get("one schema"))).append(" | |\n");
        boolean met = true;
        var ratios = new ArrayList<String>();
        var retainedPerTenant = new ArrayList<Double>();
        for (int count : counts) {
            List<Sample> list = samples.get(count + " tenants");
            Stats call = Stats.of(reported(list, "call"));
            Stats plain = Stats.of(reported(samples.get(count + " tenants, plain JDBC"), "call"));
            double floor = one.median() * count / parallelism;
            double r = call.median() / floor;
            double rPlain = call.median() / plain.median();
            double retained = Stats.of(reported(list, "retained")).median() * 1e9;
            retainedPerTenant.add(retained / count);
            boolean alone = list.stream().allMatch(x -> x.lines().contains("failing tenant alone: yes"));
            met &= r <= 1.2 && alone;
            ratios.add(String.format("%d tenants %.2f× (%.2f× plain JDBC)", count, r, rPlain));
            s.append("| ").append(count).append(" | ").append(call.millis()).append(" | ")
                    .append(String.format("%.1f ms", floor * 1e3)).append(" | ").append(String.format("%.2f×", r))
                    .append(" | ").append(plain.millis()).append(" | ").append(String.format("%.2f×", rPlain))
                    .append(" | ").append(String.format("%.0f KiB (%.0f B a tenant)", retained / 1024, retained / count))
                    .append(" | ").append(rss(list)).append(" | ").append(alone ? "yes" : "**no**").append(" |\n");
        }
        double small = Stats.of(rssValues(samples.get(counts.get(0) + " tenants"))).median();
        double large = Stats.of(rssValues(samples.get(counts.get(1) + " tenants"))).median();
        boolean flat = Double.isNaN(small) || large <= 1.2 * small;
        s.append('\n');
        targets.add(String.format("| P8 | tenant fan-out ≤ 1.2 × floor, memory flat, a failing tenant rolled back alone | %s; "
                + "peak RSS %s; retained heap %.0f B a tenant at %d tenants, %.0f B at %d | %s |",
                String.join(", ", ratios), Double.isNaN(small) ? "n/a" : String.format("×%.2f from %d to %d tenants",
                        large / small, counts.get(0), counts.get(1)),
                retainedPerTenant.get(0), counts.get(0), retainedPerTenant.get(1), counts.get(1),
                met && flat ? "yes" : "**no**"));
        return s.toString();
    }

    private static List<Double> rssValues(List<Sample> samples) {
        return samples.stream().map(x -> x.peakRssKb() < 0 ? Double.NaN : (double) x.peakRssKb()).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Method and machine.

    private String method() {
        return "## Method\n\n"
                + "- Every figure is taken in the same run as its peer, and compared as a ratio of medians: this "
                + "machine is shared and absolute times wander.\n"
                + "- Every measured tool runs in a fresh process of its own (a JVM for the Java tools, javac, psql), "
                + "so peak RSS is per tool. The tools of a scenario run interleaved, round by round: "
                + config.warmups() + " warm-up round (discarded), then " + config.runs() + " measured rounds, "
                + "the tools in a random order per round. Figures are the median with (min–max).\n"
                + "- " + rounds.summary() + "\n"
                + "- *In-process* times are taken by the tool's JVM around the one call measured (`System.nanoTime`); "
                + "*whole process* is the wall time of the process, from the harness's start to its exit; peak RSS is "
                + "GNU time's maximum resident set size of the process (`/usr/bin/time -f %M`, Debian package `time`).\n"
                + "- The models are generated (`ModelGenerator`, fixed seeds): entities of 14–16 columns (bigint "
                + "identity key, varchar with a unique constraint, varchar, long varchar, integer, int, numeric(12,2), "
                + "boolean, timestamptz, timestamp, date, double, uuid, a STRING enum) with two indexes and up to two "
                + "`@ManyToOne` foreign keys to earlier entities. An evolution of M versions starts with T − M + 1 "
                + "entities; each later version adds one entity and makes one to three changes (a nullable column, an "
                + "index, a widened varchar, a new reference). The history is frozen with Driftless's own planner and "
                + "file formats; the entity sources of the last version are then compiled with the processor in check "
                + "mode, which fails if the processor reads a different schema from them than the generator froze.\n"
                + "- Flyway, Liquibase and psql get the same DDL: the up statements of the frozen versions.\n"
                + "- PostgreSQL runs on the same machine (loopback), default configuration.\n\n";
    }

    private String machine() {
        var s = new StringBuilder("## Machine and versions\n\n| | |\n|---|---|\n");
        s.append(row("CPU", firstMatch(Path.of("/proc/cpuinfo"), "model name") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores available to the JVM"));
        s.append(row("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal")));
        s.append(row("OS", firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "") + ", Linux "
                + System.getProperty("os.version")));
        s.append(row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + "), default GC and heap"));
        s.append(row("PostgreSQL server", pg.version()));
        s.append(row("psql", commandOutput(List.of("psql", "--version"))));
        for (String artifact : List.of("driftless-runtime", "driftless-processor", "flyway-core",
                "flyway-database-postgresql", "liquibase-core", "hibernate-core", "hibernate-processor", "postgresql")) {
            s.append(row(artifact, jarVersion(artifact)));
        }
        s.append(row("hibernate-jpamodelgen", jarVersion("hibernate-processor")
                + " (relocated by Hibernate 7 to hibernate-processor; `org.hibernate.processor.HibernateProcessor`)"));
        s.append(row("load", "shared machine: load average at the start "
                + firstLine(Path.of("/proc/loadavg"))));
        s.append('\n');
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers.

    /** Runs the warm-up and measured rounds of every tool, in a random order per round (see {@link Rounds}). */
    private Map<String, List<Sample>> rounds(String scenario, java.util.Collection<String> tools,
            Function<String, Sample> run) {
        return rounds.run(scenario, tools, config.warmups(), config.runs(), run);
    }

    private Sample toolRun(String label, Evolution e, List<String> args) {
        return toolRun(label, e, args, 1);
    }

    /** The tool's command run {@code calls} times in one JVM: the first call cold, the others warm. */
    private Sample toolRun(String label, Evolution e, List<String> args, int calls) {
        List<String> command = java(args, true, e.classes());
        command.add(1, "-Dbench.calls=" + calls);
        return processes.run(label, command, Map.of());
    }

    /** The warm calls of every sample, pooled. */
    private static List<Double> warm(List<Sample> samples) {
        List<Double> values = new ArrayList<>();
        for (Sample sample : samples) {
            for (int i = 1; i <= WARM_CALLS; i++) {
                values.add(sample.reported("warm" + i));
            }
        }
        return values;
    }

    /** Cold and warm medians per tool, each with its ratio to the floor, then the process and its peak RSS. */
    private static String coldWarmTable(Map<String, List<Sample>> samples, String floor) {
        var s = new StringBuilder("| tool | cold | ratio to floor | warm | ratio to floor | whole process | peak RSS |\n"
                + "|---|---|---|---|---|---|---|\n");
        Stats coldFloor = Stats.of(reported(samples.get(floor), "call"));
        Stats warmFloor = Stats.of(warm(samples.get(floor)));
        samples.forEach((tool, list) -> {
            Stats cold = Stats.of(reported(list, "call"));
            Stats warm = Stats.of(warm(list));
            s.append("| ").append(tool).append(" | ").append(cold.millis()).append(" | ").append(ratio(cold, coldFloor))
                    .append(" | ").append(warm.millis()).append(" | ").append(ratio(warm, warmFloor)).append(" | ")
                    .append(wall(list).seconds()).append(" | ").append(rss(list)).append(" |\n");
        });
        return s.append('\n').toString();
    }

    private List<String> java(List<String> args, boolean withGenerated, Path... extra) {
        List<String> command = new ArrayList<>(List.of(javaHome("java"),
                // Liquibase would otherwise try to send usage data over this machine's closed network.
                "-Dliquibase.analytics.enabled=false", "-Dliquibase.showBanner=false",
                "-cp", Stream.concat(classPath.stream(), Arrays.stream(extra)).map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)), TOOL));
        command.addAll(args);
        return command;
    }

    /** Median, min and max of the in-process figures, then the whole process, then peak RSS, per tool. */
    private static String toolTable(Map<String, List<Sample>> samples, String baseline) {
        var s = new StringBuilder("| tool | in-process | ratio | whole process | ratio | peak RSS |\n|---|---|---|---|---|---|\n");
        List<Sample> base = samples.get(baseline);
        boolean baseInProcess = base.get(0).reported().containsKey("call");
        Stats baseCall = baseInProcess ? Stats.of(reported(base, "call")) : wall(base);
        Stats baseWall = wall(base);
        samples.forEach((tool, list) -> {
            boolean inProcess = list.get(0).reported().containsKey("call");
            Stats call = inProcess ? Stats.of(reported(list, "call")) : null;
            Stats whole = wall(list);
            s.append("| ").append(tool).append(" | ").append(inProcess ? call.millis() : "—").append(" | ")
                    .append(inProcess ? ratio(call, baseCall) : "—").append(" | ").append(whole.millis()).append(" | ")
                    .append(ratio(whole, baseWall)).append(" | ").append(rss(list)).append(" |\n");
        });
        s.append("\nRatios are medians over the median of ").append(baseline)
                .append(baseInProcess ? " (in-process to in-process, whole to whole)" : " (its whole process for both columns)")
                .append(".\n\n");
        return s.toString();
    }

    private static List<Double> reported(List<Sample> samples, String key) {
        return samples.stream().map(x -> x.reported(key)).toList();
    }

    private static Stats wall(List<Sample> samples) {
        return Stats.of(samples.stream().map(Sample::wallSeconds).toList());
    }

    private static String rss(List<Sample> samples) {
        if (samples.stream().anyMatch(x -> x.peakRssKb() < 0)) {
            return "n/a";
        }
        return Stats.of(samples.stream().map(x -> (double) x.peakRssKb()).toList()).mebibytes();
    }

    private static String ratio(Stats a, Stats b) {
        return String.format("%.2f×", a.median() / b.median());
    }

    private String jars(String... prefixes) {
        List<String> found = classPath.stream().filter(p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".jar") && Arrays.stream(prefixes).anyMatch(name::startsWith);
        }).map(Path::toString).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no jar for " + Arrays.toString(prefixes) + " on the class path");
        }
        return String.join(File.pathSeparator, found);
    }

    private String jarVersion(String artifact) {
        return classPath.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(artifact + "-") && n.endsWith(".jar")
                        && Character.isDigit(n.charAt(artifact.length() + 1)))
                .map(n -> n.substring(artifact.length() + 1, n.length() - 4)).findFirst().orElse("?");
    }

    private static String javaHome(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static String row(String a, String b) {
        return "| " + a + " | " + b + " |\n";
    }

    private static String kib(long bytes) {
        return bytes >= 10 * 1024 * 1024 ? String.format("%.1f MiB", bytes / 1024.0 / 1024)
                : String.format("%.1f KiB", bytes / 1024.0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long treeSize(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
        }
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('|', '/').replace('`', '\'');
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    private static String firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String commandOutput(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
