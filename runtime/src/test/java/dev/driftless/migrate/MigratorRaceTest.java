package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several migrators starting at once on one database apply every version exactly once. */
class MigratorRaceTest {

    private static final Duration BOUND = Duration.ofSeconds(90);

    @Test
    void threadsRacingApplyEachVersionOnce() throws Exception {
        try (TestDatabase database = PostgresFixture.shared().createDatabase()) {
            int racers = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<MigrateResult>> results = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return Migrator.builder(database.dataSource()).migrations(RaceVersions.all()).build().migrate();
                    }));
                }
                start.countDown();
                int appliedTotal = 0;
                for (Future<MigrateResult> result : results) {
                    MigrateResult done = result.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    assertEquals(3, done.currentVersion());
                    appliedTotal += done.applied().size();
                }
                assertEquals(3, appliedTotal, "the versions were applied once in all");
            } finally {
                pool.shutdownNow();
            }
            assertAppliedOnce(database);
        }
    }

    @Test
    void processesRacingApplyEachVersionOnce(@TempDir Path directory) throws Exception {
        try (TestDatabase database = PostgresFixture.shared().createDatabase()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path go = directory.resolve("go");
            List<Process> processes = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Path output = directory.resolve("process-" + i + ".log");
                    outputs.add(output);
                    processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                            MigrateProcess.class.getName(), database.jdbcUrl(),
                            directory.resolve("ready-" + i).toString(), go.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start());
                }
                // Released together once every JVM has started, so the migrations really overlap.
                Instant deadline = Instant.now().plus(BOUND);
                while (!allReady(directory, processes.size())) {
                    if (Instant.now().isAfter(deadline) || processes.stream().anyMatch(p -> !p.isAlive())) {
                        fail("the processes did not all get ready:\n" + logs(outputs));
                    }
                    Thread.sleep(20);
                }
                Files.createFile(go);
                for (int i = 0; i < processes.size(); i++) {
                    Process process = processes.get(i);
                    if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                        fail("process " + i + " did not finish within " + BOUND + ":\n" + logs(outputs));
                    }
                    assertEquals(0, process.exitValue(), () -> "process failed:\n" + logs(outputs));
                }
                // The lock is held for a whole run, so one process applies everything and the others nothing.
                String all = logs(outputs);
                assertEquals(1, occurrences(all, "applied 3, now at version 3"), all);
                assertEquals(2, occurrences(all, "applied 0, now at version 3"), all);
            } finally {
                for (Process process : processes) {
                    process.destroyForcibly();
                }
            }
            assertAppliedOnce(database);
        }
    }

    private static boolean allReady(Path directory, int count) {
        for (int i = 0; i < count; i++) {
            if (!Files.exists(directory.resolve("ready-" + i))) {
                return false;
            }
        }
        return true;
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static String logs(List<Path> outputs) {
        StringBuilder text = new StringBuilder();
        for (Path output : outputs) {
            try {
                text.append("--- ").append(output.getFileName()).append('\n')
                        .append(Files.readString(output));
            } catch (Exception e) {
                text.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    private static void assertAppliedOnce(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            Map<Integer, Integer> runs = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select version, count(*) from applied_log group by version")) {
                while (rows.next()) {
                    runs.put(rows.getInt(1), rows.getInt(2));
                }
            }
            assertEquals(Map.of(1, 1, 2, 1, 3, 1), runs);
            try (ResultSet rows = statement.executeQuery(
                    "select count(*), count(*) filter (where success) from driftless_history")) {
                rows.next();
                assertEquals(3, rows.getInt(1), "history rows");
                assertEquals(3, rows.getInt(2), "successful history rows");
            }
            try (ResultSet rows = statement.executeQuery(
                    "select count(*) from pg_catalog.pg_locks where locktype = 'advisory'"
                            + " and database = (select oid from pg_catalog.pg_database"
                            + " where datname = current_database())")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "advisory locks left held");
            }
        }
    }
}
