package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
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
import java.util.Set;
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
                migrator.downgradeTo(0, true); // forced: the tables have rows
            }
            System.out.println("[crash test] versions applied at each kill: " + killedAt + " (seed " + seed + ")");
            assertTrue(midway(killedAt) >= 3,
                    "fewer than 3 kills landed between two versions; versions applied at each kill: " + killedAt);
            MigrateResult last = migrator.migrate();
            assertEquals(SlowVersions.COUNT, last.currentVersion());
            assertConsistent(db, "after the final run (seed " + seed + ")");
        }
    }

    /** How many kills each mixed run has at least; {@code -Ddriftless.crash.kills=N} for a longer run. */
    private static final int MIXED_KILLS = Integer.getInteger("driftless.crash.kills", 8);

    /**
     * Kills a process that migrates or downgrades versions in several phases, at random points and
     * in random directions; after each kill a random command (in the direction its target lies)
     * resumes, and then the history has no unfinished row, the introspected schema is the one of
     * the version the history says, with no index left invalid nor constraint unvalidated, and
     * the rows are intact.
     */
    @Test
    void killedAmidUpgradesAndDowngradesTheHistoryAlwaysMatchesTheSchema() throws Exception {
        long seed = Long.getLong("driftless.crash.seed", System.nanoTime());
        var random = new Random(seed);
        List<Migration> versions = PhasedVersions.all();
        int latest = versions.size();
        try (TestDatabase db = PostgresFixture.shared().createDatabase();
                TestDatabase reference = PostgresFixture.shared().createDatabase()) {
            var schemas = new ArrayList<SchemaModel>();
            Migrator clean = Migrator.builder(reference.dataSource()).migrations(versions).build();
            for (int v = 0; v <= latest; v++) {
                clean.migrateTo(v);
                schemas.add(introspect(reference));
            }
            // So that the server cancels a statement whose client is gone, as production servers are often set up to.
            db.execute("do $$ begin execute format('alter database %I set client_connection_check_interval = 50',"
                    + " current_database()); end $$");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            var unfinished = new ArrayList<String>();
            int current = 0;
            for (int i = 0; i < MIXED_KILLS || (unfinished.size() < 2 && i < 3 * MIXED_KILLS); i++) {
                String when = "kill " + (i + 1) + " (seed " + seed + ")";
                int target = random.nextInt(latest);
                target = target >= current ? target + 1 : target;
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        PhasedVersions.class.getName(), db.jdbcUrl(), target > current ? "up" : "down",
                        String.valueOf(target))
                        .redirectErrorStream(true)
                        .start();
                awaitLine(p, "migrating");
                Thread.sleep(random.nextInt(250 * Math.abs(target - current) + 200));
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed process did not end");
                awaitNoOtherBackends(db);
                List<HistoryEntry> history = migrator.status().applied();
                history.stream().filter(e -> !e.success() || e.reverting()).forEach(e -> unfinished.add(
                        "v" + e.version() + (e.reverting() ? " down " + e.revertedStatements() : " up " + e.completedSteps())));
                System.out.println("[crash test] " + when + ": " + current + " -> " + target + ", killed at "
                        + history.stream().map(e -> e.version() + (e.success() ? "" : " up " + e.completedSteps())
                                + (e.reverting() ? " down " + e.revertedStatements() : "")).toList());
                int top = history.stream().mapToInt(HistoryEntry::version).max().orElse(0);
                int resumeTo = random.nextInt(latest + 1);
                MigrateResult resumed = resumeTo >= top ? migrator.migrateTo(resumeTo) : migrator.downgradeTo(resumeTo, true);
                current = resumed.currentVersion();
                assertEquals(resumeTo, current, when + ": the resuming command reached its target");
                assertMatches(db, schemas.get(current), current, when);
            }
            System.out.println("[crash test] unfinished versions found after the kills: " + unfinished + " (seed " + seed + ")");
            assertTrue(unfinished.size() >= 2, "fewer than 2 kills landed between two phases: " + unfinished);
        }
    }

    private static SchemaModel introspect(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return PostgresIntrospector.read(c, Set.of(), Set.of(QualifiedName.of("driftless_history")));
        }
    }

    /** The history is finished and says {@code version}; the schema is that version's, the rows are intact. */
    private static void assertMatches(TestDatabase db, SchemaModel expected, int version, String when)
            throws SQLException {
        var rows = new ArrayList<String>();
        for (int v = 1; v <= version; v++) {
            rows.add(v + "|true||");
        }
        assertEquals(rows, db.strings("select version || '|' || success || '|' || coalesce(completed_steps::text, '')"
                + " || '|' || coalesce(reverted_statements::text, '') from driftless_history order by version"),
                when + ": the history is finished");
        assertEquals(expected, introspect(db), when + ": the schema is version " + version + "'s");
        assertEquals(List.of(), db.strings("select indexrelid::regclass::text from pg_index where not indisvalid"),
                when + ": an index was left invalid");
        assertEquals(List.of(), db.strings("select conname from pg_constraint where not convalidated"),
                when + ": a constraint was left unvalidated");
        if (version >= 1) {
            assertEquals(db.strings("select count(*) || '|' || sum(g % 97) from generate_series(1, "
                    + PhasedVersions.ROWS + ") g"), db.strings("select count(*) || '|' || sum(v) from meter"),
                    when + ": the rows are intact");
        }
    }

    private static void awaitNoOtherBackends(TestDatabase db) throws Exception {
        for (int i = 0; i < 1500; i++) {
            if (db.strings("select 1 from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and backend_type = 'client backend'").isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the killed client's session did not end");
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
