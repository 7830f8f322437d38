package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the migrating process at random points, again and again: after every kill the
 * history tells the truth about the schema, and a final run finishes the job.
 */
class MigratorCrashTest {

    private static final int KILLS = 20;

    @Test
    void killedMidMigrationTheDatabaseIsAlwaysConsistent() throws Exception {
        long seed = System.nanoTime();
        var random = new Random(seed);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(SlowVersions.all()).build();
            var killedAt = new ArrayList<Integer>();
            // At least KILLS kills; more while too few landed between two versions (a busy machine
            // starts the migration late), up to a bound.
            for (int i = 0; i < KILLS || (midway(killedAt) < 3 && i < 3 * KILLS); i++) {
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        SlowVersions.class.getName(), db.jdbcUrl())
                        .redirectErrorStream(true)
                        .start();
                awaitLine(p, "migrating");
                // The versions take a little over 0.2 s each: a kill anywhere from before the first to after the last.
                Thread.sleep(random.nextInt(SlowVersions.COUNT * 250 + 200));
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed process did not end");
                killedAt.add(assertConsistent(db, "after kill " + (i + 1) + " (seed " + seed + ")"));
                // Start the next attempt from nothing, so that every kill lands in a migration.
                migrator.downgradeTo(0);
            }
            System.out.println("[crash test] versions applied at each kill: " + killedAt + " (seed " + seed + ")");
            assertTrue(midway(killedAt) >= 3,
                    "fewer than 3 kills landed between two versions; versions applied at each kill: " + killedAt);
            MigrateResult last = migrator.migrate();
            assertEquals(SlowVersions.COUNT, last.currentVersion());
            assertConsistent(db, "after the final run (seed " + seed + ")");
        }
    }

    private static long midway(List<Integer> killedAt) {
        return killedAt.stream().filter(n -> n > 0 && n < SlowVersions.COUNT).count();
    }

    /** Reads the process's output until the line, then lets the rest of it drain in the background. */
    private static void awaitLine(Process p, String line) throws java.io.IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        String read;
        while ((read = reader.readLine()) != null && !read.strip().equals(line)) {
            // the logging before the migration starts
        }
        Thread drain = new Thread(() -> {
            try {
                while (reader.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Every applied version's table exists with all its rows, and no table exists without its
     * version. Returns how many versions were applied.
     */
    private static int assertConsistent(TestDatabase db, String when) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            var applied = new TreeSet<Integer>();
            boolean history;
            try (ResultSet rs = st.executeQuery("select to_regclass('driftless_history') is not null")) {
                rs.next();
                history = rs.getBoolean(1);
            }
            if (history) {
                try (ResultSet rs = st.executeQuery("select version, success from driftless_history")) {
                    while (rs.next()) {
                        assertTrue(rs.getBoolean(2), when + ": a killed attempt left a failure row");
                        applied.add(rs.getInt(1));
                    }
                }
            }
            var tables = new TreeSet<Integer>();
            try (ResultSet rs = st.executeQuery(
                    "select substring(tablename from 6)::int from pg_tables where tablename like 'slow\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getInt(1));
                }
            }
            assertEquals(applied, tables, when + ": history and schema disagree");
            var expected = new ArrayList<Integer>();
            for (int v = 1; v <= applied.size(); v++) {
                expected.add(v);
            }
            assertEquals(expected, List.copyOf(applied), when + ": versions applied out of order");
            for (int v : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from slow_" + v)) {
                    rs.next();
                    assertEquals(SlowVersions.ROWS, rs.getInt(1), when + ": version " + v + " is half applied");
                }
            }
            return applied.size();
        }
    }
}
