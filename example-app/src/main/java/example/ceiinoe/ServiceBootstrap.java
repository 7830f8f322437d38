package example.ceiinoe;

import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.HistoryEntry;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationStatus;
import dev.driftless.migrate.Migrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a CEI-InOE service does before it takes traffic: apply the pending schema versions, then
 * report where the database stands.
 *
 * <p>The database is the one named by {@code --jdbc-url}, else by the environment variable
 * {@code DRIFTLESS_JDBC_URL} (with {@code DRIFTLESS_JDBC_USER} / {@code DRIFTLESS_JDBC_PASSWORD}
 * when the URL does not carry them); without either, an embedded PostgreSQL whose data directory
 * is kept next to the application jar, so that a second run finds what the first applied.
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
        int exit;
        if (config.jdbcUrl() != null) {
            System.out.println("Migrating " + Configuration.redact(config.jdbcUrl()));
            exit = run(dataSource(config), System.out);
        } else {
            Path dataDir = config.dataDir() != null ? config.dataDir() : defaultDataDir();
            Files.createDirectories(dataDir);
            System.out.println("Migrating the embedded PostgreSQL in " + dataDir);
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start()) {
                exit = run(pg.getPostgresDatabase(), System.out);
            }
        }
        System.exit(exit);
    }

    /** Migrates and prints what happened; returns the process exit code. */
    static int run(DataSource dataSource, PrintStream out) {
        Migrator migrator = Migrator.builder(dataSource).build();
        MigrateResult result;
        try {
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

    /** {@code target/embedded-postgres} beside the jar (or the classes directory). */
    private static Path defaultDataDir() throws IOException {
        try {
            Path code = Path.of(ServiceBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("embedded-postgres");
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate the application to place the embedded database beside it; "
                    + "pass --data-dir", e);
        }
    }
}
