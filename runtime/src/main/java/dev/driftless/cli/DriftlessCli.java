package dev.driftless.cli;

import dev.driftless.history.HistoryFormatException;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.BaselineResult;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.HistoryEntry;
import dev.driftless.migrate.HistoryValidation;
import dev.driftless.migrate.InvalidHistoryException;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationPlan;
import dev.driftless.migrate.MigrationStatus;
import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.OfflineScript;
import dev.driftless.migrate.TenantMigration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The command line: {@code driftless <command>} (the {@code driftless-cli} jar, or the Maven plugin's
 * goals), or {@code java -cp <application class path> dev.driftless.cli.DriftlessCli <command>}.
 * The versions are the application's, found on the class path like at service start, or on the
 * one {@code --classpath} names.
 *
 * <p>Exit codes: 0 done (for {@code status}: nothing pending), 1 refused or failed, 2 bad usage,
 * 3 the database could not be reached or refused the login, 4 {@code status} found pending versions,
 * 5 {@code check} found drift, 6 the history in the database does not let the code migrate (every
 * command that reads it validates it as {@code migrate} does).
 */
public final class DriftlessCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_CONNECT = 3;
    public static final int PENDING = 4;
    public static final int DRIFTED = 5;
    public static final int INVALID_HISTORY = 6;

    static final String HELP = """
            usage: driftless <command> [options]

            commands:
              status                        the database's version and what is pending (exit 4 if anything is)
              history                       every applied version with its time and checksum
              migrate [--to N] [--dry-run]  apply the pending versions, up to N
              migrate +N                    apply the next N pending versions (also --to +N)
              downgrade --to N [--dry-run] [--force]
              downgrade -N                  (also --to -N) revert the last N applied versions
                                            undo the applied versions above N, newest first; --force also through
                                            irreversible versions (their data does not come back) and downs that
                                            would discard the rows or values they drop
              sql --from N --to M [--force] print the script from version N to M, for psql -1 -f (no database needed)
              check [--snapshot FILE] [--json]
                                            compare the live schema with the snapshot of its version (exit 5 on drift);
                                            the snapshot is the application's, or FILE (a snapshot.driftless);
                                            --json prints the report as one JSON object for programs
              baseline [--snapshot FILE] [--force] [--align-names]
                                            adopt a database Driftless did not build: if its schema matches the
                                            snapshot (or --force), record it as being at the snapshot's version;
                                            --align-names first renames each constraint and index that differs
                                            only in its name to the snapshot's name, in the same transaction
              docs [--out DIR]              write the ER diagram of the database's schema (schema.md, Mermaid) and the
                                            changelog of the versions with their state (changelog.md) to DIR (default .)
              repair [--force]              clear the records of failed attempts, after fixing their cause, so
                                            that migrate tries those versions again (one that stopped half way
                                            resumes); one the code no longer has is undone to the schema of the
                                            code's version (--force if that discards data)

            tenants (migrate):
              --schemas A,B,C        migrate each of these schemas, each with its own history table and lock
              --schemas-from SOURCE  the schemas from a file (one a line, # for comments) or from a query
                                     (a SOURCE that starts with SELECT or WITH), run on the database
              --parallel N           migrate at most N tenants at a time (default 4)
                                     one line per tenant and a total; exit 1 when any tenant failed

            connection:
              --url URL              JDBC URL (else $DRIFTLESS_JDBC_URL)
              --user NAME            user (else $DRIFTLESS_JDBC_USER, else the URL's)
                                     the password comes from $DRIFTLESS_JDBC_PASSWORD or the URL, never from an option
              --schema NAME          schema of the history table and search_path while migrating
              --history-table NAME   default driftless_history
              --lock-timeout SECONDS how long to wait for another migration (default 600)

            output:
              --verbose              also print the migrator's progress (by default only its warnings)

            application:
              --classpath PATH       where the application's versions are (its jar or classes directory, and
                                     dir/* for every jar of a directory), separated by : (; on Windows);
                                     by default the class path the command line runs with

            history:
              --accept-newer-versions
                                     accept applied versions this code does not know when they are all newer than
                                     its latest (this release running beside a newer one); off by default

            exit codes: 0 done, 1 refused or failed, 2 bad usage, 3 cannot connect or log in, 4 versions pending
                        (status), 5 drift (check), 6 the history does not let this code migrate (status, history,
                        migrate, downgrade and check validate it)
            """;

    private static final Set<String> FLAGS = Set.of("--dry-run", "--force", "--json", "--accept-newer-versions", "--help",
            "-h", "--verbose", "--align-names");
    private static final Set<String> VALUED = Set.of("--to", "--from", "--url", "--user", "--schema",
            "--history-table", "--lock-timeout", "--snapshot", "--schemas", "--schemas-from", "--parallel",
            "--classpath", "--out");
    private static final int DEFAULT_PARALLELISM = 4;

    private DriftlessCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.err));
    }

    /**
     * Runs one command, as {@code main} does, without exiting.
     *
     * @param env the environment: {@code DRIFTLESS_JDBC_URL}, {@code DRIFTLESS_JDBC_USER}, {@code DRIFTLESS_JDBC_PASSWORD}
     * @param out what the command reports
     * @param err what went wrong, and what to do
     * @param log the migrator's own log lines (warnings; with {@code --verbose} its progress too)
     * @return the exit code ({@link #OK}, {@link #FAILED}, ...)
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, PrintStream log) {
        return run(args, env, out, err, log, null);
    }

    /** For tests: {@code log} is {@code err}. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, List<Migration> migrations) {
        return run(args, env, out, err, err, migrations);
    }

    /**
     * @param migrations the versions to work with, or {@code null} for those on the class path
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, PrintStream log,
            List<Migration> migrations) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else if (VALUED.contains(arg)) {
                if (i + 1 >= args.length) {
                    return usage(err, arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else if (arg.startsWith("--") && arg.contains("=") && VALUED.contains(arg.substring(0, arg.indexOf('=')))) {
                options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("-") && !Target.isRelative(arg)) {
                return usage(err, "unknown option " + arg);
            } else {
                words.add(arg);
            }
        }
        if (options.containsKey("--help") || options.containsKey("-h")) {
            out.print(HELP);
            return OK;
        }
        if (words.size() == 2 && Target.isRelative(words.get(1)) && !options.containsKey("--to")) {
            // migrate +1, downgrade -1, as Alembic takes them
            options.put("--to", words.remove(1));
        }
        if (words.size() != 1) {
            return usage(err, words.isEmpty() ? "no command given" : "one command at a time, not " + words);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (CliLogging logging = CliLogging.install(options.containsKey("--verbose"), log)) {
            if (options.containsKey("--classpath")) {
                Thread.currentThread().setContextClassLoader(ApplicationClassPath.loader(options.get("--classpath")));
            }
            if (options.containsKey("--schemas") || options.containsKey("--schemas-from")) {
                return tenants(words.get(0), options, env, migrations, out, err);
            }
            if (options.containsKey("--parallel")) {
                throw new UsageException("--parallel goes with --schemas or --schemas-from (the tenants to migrate)");
            }
            if (options.containsKey("--align-names") && !words.get(0).equals("baseline")) {
                throw new UsageException("--align-names goes with baseline (it renames what differs only in name"
                        + " when a database is adopted), not with " + words.get(0));
            }
            return switch (words.get(0)) {
                case "status" -> status(migrator(options, env, migrations), out, err);
                case "history" -> history(migrator(options, env, migrations), out, err);
                case "migrate" -> migrate(migrator(options, env, migrations), options, out);
                case "downgrade" -> downgrade(migrator(options, env, migrations), options, out);
                case "sql" -> sql(options, migrations, out);
                case "check" -> check(migrator(options, env, migrations), options, out);
                case "baseline" -> baseline(migrator(options, env, migrations), options, out);
                case "repair" -> repair(migrator(options, env, migrations), options, out);
                case "docs" -> DocsCommand.run(migrator(options, env, migrations), dataSource(options, env),
                        options.get("--schema"), options.getOrDefault("--history-table", "driftless_history"),
                        Path.of(options.getOrDefault("--out", ".")), out, err);
                default -> usage(err, "unknown command " + words.get(0));
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (Refusal e) {
            err.println("driftless: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            // An option value the migrator refuses, such as a blank --schema.
            return usage(err, e.getMessage());
        } catch (InvalidHistoryException e) {
            err.println("driftless: " + e.getMessage());
            return INVALID_HISTORY;
        } catch (MigrationException e) {
            err.println("driftless: " + e.getMessage());
            String hint = Connecting.hint(e);
            if (hint != null) {
                err.println(hint);
                return CANNOT_CONNECT;
            }
            return FAILED;
        } catch (HistoryFormatException e) {
            // The snapshot on the class path cannot be read: the application was built wrong.
            err.println("driftless: " + e.getMessage());
            return FAILED;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** {@code migrate --schemas ...}: every tenant, one line each, a total; exit 1 when any failed. */
    private static int tenants(String command, Map<String, String> options, Map<String, String> env,
            List<Migration> migrations, PrintStream out, PrintStream err) {
        if (!command.equals("migrate")) {
            throw new UsageException("--schemas and --schemas-from go with migrate; run " + command
                    + " for one tenant with --schema NAME");
        }
        if (options.containsKey("--schemas") && options.containsKey("--schemas-from")) {
            throw new UsageException("give the tenants with --schemas or with --schemas-from, not both");
        }
        for (String alone : List.of("--schema", "--to", "--dry-run")) {
            if (options.containsKey(alone)) {
                throw new UsageException(alone + " does not go with --schemas or --schemas-from: the tenants are"
                        + " migrated to the latest version, each in its own schema");
            }
        }
        int parallelism = options.containsKey("--parallel") ? number(options, "--parallel") : DEFAULT_PARALLELISM;
        if (parallelism < 1) {
            throw new UsageException("--parallel must be at least 1");
        }
        DataSource dataSource = dataSource(options, env);
        List<String> schemas;
        if (options.containsKey("--schemas")) {
            schemas = Tenants.list(options.get("--schemas"));
        } else {
            String source = options.get("--schemas-from");
            schemas = Tenants.isQuery(source) ? Tenants.query(dataSource, source) : Tenants.file(source);
        }
        TenantMigration.Summary summary = TenantMigration.schemas(dataSource, schemas, parallelism,
                builder -> configure(builder, options, migrations));
        out.println(summary.describe());
        if (summary.failures().isEmpty()) {
            return OK;
        }
        err.println("driftless: " + summary.failures().size() + " of " + schemas.size() + " tenants failed: "
                + String.join(", ", summary.failures().stream().map(TenantMigration.Outcome::tenant).toList())
                + "; each was rolled back alone (the others are migrated): fix the cause, then run migrate again"
                + " (a failed attempt is cleared first with repair --schema NAME)");
        return FAILED;
    }

    private static int status(Migrator migrator, PrintStream out, PrintStream err) {
        MigrationStatus status = migrator.status();
        HistoryValidation validation = status.validation();
        if (!validation.ok()) {
            out.println("version " + status.currentVersion() + " of " + migrator.latestVersion());
            return invalid(validation, err);
        }
        if (!validation.newerVersions().isEmpty()) {
            out.println("version " + status.currentVersion() + ", newer than the code's " + migrator.latestVersion()
                    + " (accepted: " + validation.describeNewer() + "), up to date");
            return OK;
        }
        out.println("version " + status.currentVersion() + " of " + migrator.latestVersion()
                + (status.upToDate() ? ", up to date" : ", " + status.pending().size() + " pending:"));
        status.pending().forEach(m -> out.println("  pending " + m.version() + " " + m.description()));
        // Failed attempts are problems of the validation; what is left unfinished here is resumable.
        status.applied().stream().filter(HistoryEntry::resumable).forEach(e -> out.println("  version " + e.version()
                + " (" + e.description() + ") is unfinished: " + e.completedSteps() + " of its statements done;"
                + " migrate resumes it"));
        return status.upToDate() ? OK : PENDING;
    }

    private static int history(Migrator migrator, PrintStream out, PrintStream err) {
        MigrationStatus status = migrator.status();
        List<HistoryEntry> applied = status.applied();
        if (applied.isEmpty()) {
            out.println("no version applied");
        }
        for (HistoryEntry e : applied) {
            out.printf("%5d  %-30s %s  %6d ms  %s  %s%n", e.version(), e.description(), e.appliedAt(),
                    e.executionMillis(), e.success() ? "ok    " : e.resumable() ? "UNFINISHED" : "FAILED", e.checksum());
        }
        return status.validation().ok() ? OK : invalid(status.validation(), err);
    }

    /** Reports what stops the code from migrating, as migrate would. */
    private static int invalid(HistoryValidation validation, PrintStream err) {
        err.println("driftless: " + new InvalidHistoryException(validation).getMessage());
        return INVALID_HISTORY;
    }

    private static int migrate(Migrator migrator, Map<String, String> options, PrintStream out) {
        int target = migrator.latestVersion();
        if (options.containsKey("--to")) {
            Target to = Target.parse("--to", options.get("--to"));
            target = to.relative() ? to.up(migrator.status().currentVersion(), migrator.latestVersion()) : to.amount();
        }
        if (options.containsKey("--dry-run")) {
            return printPlan(migrator.plan(target), out);
        }
        MigrateResult result = migrator.migrateTo(target);
        report(result, "applied", out);
        return OK;
    }

    private static int downgrade(Migrator migrator, Map<String, String> options, PrintStream out) {
        if (!options.containsKey("--to")) {
            throw new UsageException("downgrade needs --to N (0 undoes every version), or -N to revert the last N"
                    + " versions (downgrade -1)");
        }
        Target to = Target.parse("--to", options.get("--to"));
        int target = to.relative() ? to.down(migrator.status().currentVersion()) : to.amount();
        if (options.containsKey("--dry-run")) {
            return printPlan(migrator.plan(target), out);
        }
        report(migrator.downgradeTo(target, options.containsKey("--force")), "reverted", out);
        return OK;
    }

    private static int sql(Map<String, String> options, List<Migration> migrations, PrintStream out) {
        if (!options.containsKey("--from") || !options.containsKey("--to")) {
            throw new UsageException("sql needs --from N and --to M");
        }
        List<Migration> versions = migrations != null ? migrations : Migrator.onClassPath();
        String table = OfflineScript.historyTable(options.get("--schema"),
                options.getOrDefault("--history-table", "driftless_history"));
        out.print(OfflineScript.between(versions, number(options, "--from"), number(options, "--to"), table,
                options.containsKey("--force")));
        return OK;
    }

    private static int check(Migrator migrator, Map<String, String> options, PrintStream out) {
        DriftReport report = migrator.checkDrift(snapshot(options));
        out.println(options.containsKey("--json") ? report.toJson() : report.describe());
        return report.drifted() ? DRIFTED : OK;
    }

    private static int repair(Migrator migrator, Map<String, String> options, PrintStream out) {
        List<HistoryEntry> cleared = migrator.repair(options.containsKey("--force"));
        if (cleared.isEmpty()) {
            out.println("nothing to repair: no failed attempt is recorded");
        }
        for (HistoryEntry e : cleared) {
            boolean known = migrator.migrations().stream()
                    .anyMatch(m -> m.version() == e.version() && m.checksum().equals(e.checksum()));
            if (e.completedSteps() == null) {
                out.println("cleared the failed attempt of version " + e.version() + " (" + e.description() + ") at "
                        + e.appliedAt() + ": " + e.error());
            } else if (known) {
                out.println("version " + e.version() + " (" + e.description() + ") keeps its first " + e.completedSteps()
                        + " statements; its error is cleared and migrate resumes it (" + e.error() + ")");
            } else {
                out.println("undid what version " + e.version() + " (" + e.description() + ") left (the code no"
                        + " longer has it) and cleared it" + (e.error() == null ? "" : ": " + e.error()));
            }
        }
        return OK;
    }

    private static int baseline(Migrator migrator, Map<String, String> options, PrintStream out) {
        Snapshot expected = snapshot(options);
        BaselineResult result = migrator.baseline(expected, options.containsKey("--force"),
                options.containsKey("--align-names"));
        result.aligned().forEach(r -> out.println(r.describe()));
        DriftReport report = result.report();
        if (report.differs()) {
            out.println(report.describe());
            out.println("accepted with --force");
        }
        out.println("recorded the database as being at version " + expected.version());
        return OK;
    }

    /** The snapshot named by --snapshot, else the application's. */
    private static Snapshot snapshot(Map<String, String> options) {
        if (options.containsKey("--snapshot")) {
            Path file = Path.of(options.get("--snapshot"));
            try {
                return SnapshotFormat.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException e) {
                throw new UsageException("cannot read the snapshot " + file + ": " + e.getMessage());
            } catch (HistoryFormatException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return Migrator.snapshotOnClassPath().orElseThrow(() -> new UsageException(
                "no snapshot on the class path (it is generated beside the migration index): pass --snapshot FILE"));
    }

    private static int printPlan(MigrationPlan plan, PrintStream out) {
        out.println(plan.steps().isEmpty() ? "dry run: nothing to do; the database is at version " + plan.fromVersion()
                : "dry run: version " + plan.fromVersion() + " to " + plan.toVersion());
        for (MigrationPlan.Step step : plan.steps()) {
            out.println("-- " + (plan.upgrade() ? "version " : "undo version ") + step.version() + " ("
                    + step.description() + ")");
            step.statements().forEach(sql -> out.println(sql + ";"));
        }
        return OK;
    }

    private static void report(MigrateResult result, String verb, PrintStream out) {
        for (AppliedVersion v : result.applied()) {
            out.println(verb + " " + v.version() + " " + v.description() + " in " + v.took().toMillis() + " ms");
        }
        out.println((result.applied().isEmpty() ? "nothing to do; " : "") + "the database is at version "
                + result.currentVersion());
    }

    private static Migrator migrator(Map<String, String> options, Map<String, String> env, List<Migration> migrations) {
        Migrator.Builder builder = Migrator.builder(dataSource(options, env));
        if (options.containsKey("--schema")) {
            builder.schema(options.get("--schema"));
        }
        return configure(builder, options, migrations).build();
    }

    private static DataSource dataSource(Map<String, String> options, Map<String, String> env) {
        String url = options.getOrDefault("--url", env.get("DRIFTLESS_JDBC_URL"));
        if (url == null || url.isBlank()) {
            throw new UsageException("no database: pass --url or set DRIFTLESS_JDBC_URL");
        }
        String user = options.getOrDefault("--user", env.get("DRIFTLESS_JDBC_USER"));
        return new DriverManagerDataSource(url, user, env.get("DRIFTLESS_JDBC_PASSWORD"));
    }

    /** The options every migrator of the command shares (for tenants, every tenant's). */
    private static Migrator.Builder configure(Migrator.Builder builder, Map<String, String> options,
            List<Migration> migrations) {
        if (migrations != null) {
            builder.migrations(migrations);
        }
        if (options.containsKey("--history-table")) {
            builder.historyTable(options.get("--history-table"));
        }
        builder.acceptNewerVersions(options.containsKey("--accept-newer-versions"));
        if (options.containsKey("--lock-timeout")) {
            builder.lockTimeout(Duration.ofSeconds(number(options, "--lock-timeout")));
        }
        return builder;
    }

    private static int number(Map<String, String> options, String option) {
        try {
            int n = Integer.parseInt(options.get(option));
            if (n < 0) {
                throw new UsageException(option + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a number, not '" + options.get(option) + "'");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("driftless: " + problem);
        err.println("run with --help for the commands and options");
        return USAGE;
    }

}
