package dev.driftless.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One of the processes in {@link MigratorRaceTest}: announces itself with a ready file, waits for
 * the go file so that all processes start together, then migrates the database with
 * {@link RaceVersions}. Exits 0 on success.
 *
 * <p>Arguments: JDBC URL, ready file, go file.
 */
public final class MigrateProcess {

    private static final Duration MAX_WAIT_FOR_GO = Duration.ofSeconds(60);

    private MigrateProcess() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        Path ready = Path.of(args[1]);
        Path go = Path.of(args[2]);
        Files.createFile(ready);
        Instant deadline = Instant.now().plus(MAX_WAIT_FOR_GO);
        while (!Files.exists(go)) {
            if (Instant.now().isAfter(deadline)) {
                System.err.println("no go file after " + MAX_WAIT_FOR_GO);
                System.exit(2);
            }
            Thread.sleep(10);
        }
        try {
            MigrateResult result = Migrator.builder(dataSource).migrations(RaceVersions.all()).build().migrate();
            System.out.println("applied " + result.applied().size() + ", now at version " + result.currentVersion());
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
