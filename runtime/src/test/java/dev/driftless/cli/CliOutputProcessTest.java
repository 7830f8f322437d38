package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a process, the way a user runs it: quiet by default (only what the command
 * reports, no log line of the migrator on either stream, with no logging configuration given),
 * {@code --verbose} for the migrator's progress, and {@code --classpath} naming where the
 * application's versions are.
 */
class CliOutputProcessTest {

    record Result(int exit, String out, String err) {}

    private static Result run(Path app, TestDatabase db, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DriftlessCli.class.getName(), "--classpath", app.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("driftless-cli", ".out");
        Path err = Files.createTempFile("driftless-cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("DRIFTLESS_JDBC_URL", db.jdbcUrl());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command line did not end");
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void quietByDefaultVerboseOnRequest(@TempDir Path app) throws IOException, InterruptedException {
        Path services = app.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.driftless.migrate.MigrationIndex"), SampleIndex.class.getName() + "\n");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Result quiet = run(app, db, "migrate", "--to", "2");
            assertEquals(0, quiet.exit(), quiet.err());
            List<String> lines = quiet.out().lines().toList();
            assertEquals(3, lines.size(), quiet.out());
            assertTrue(lines.get(0).startsWith("applied 1 meter in "), quiet.out());
            assertTrue(lines.get(1).startsWith("applied 2 reading in "), quiet.out());
            assertEquals("the database is at version 2", lines.get(2));
            assertEquals("", quiet.err(), "no log line of the migrator by default");

            Result verbose = run(app, db, "migrate", "--verbose");
            assertEquals(0, verbose.exit(), verbose.err());
            assertTrue(verbose.out().startsWith("applied 3 meter_serial in "), verbose.out());
            assertTrue(verbose.err().lines().anyMatch(l -> l.startsWith("applied version 3 (meter_serial) in ")),
                    verbose.err());
            assertTrue(verbose.err().lines().noneMatch(l -> l.contains("dev.driftless.migrate")),
                    "one line per record, without the logger's two-line header: " + verbose.err());

            Result status = run(app, db, "status");
            assertEquals(0, status.exit(), status.err());
            assertEquals("version 3 of 3, up to date\n", status.out());
            assertEquals("", status.err());
        }
    }

    @Test
    void aClassPathThatIsNotThereIsBadUsage(@TempDir Path app) throws IOException, InterruptedException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Result r = run(app.resolve("missing.jar"), db, "status");
            assertEquals(DriftlessCli.USAGE, r.exit(), r.err());
            assertTrue(r.err().contains("--classpath: " + app.resolve("missing.jar") + " does not exist"), r.err());
        }
    }
}
