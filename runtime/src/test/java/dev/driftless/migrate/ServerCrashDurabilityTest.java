package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.Snapshot;
import dev.driftless.model.SchemaModel;
import dev.driftless.testing.PrivateCluster;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the migrator reports done survives a crash of the PostgreSQL server: right after
 * {@code migrate()}, {@code migrateTo}, {@code downgradeTo}, {@code repair}, {@code baseline} or a
 * {@link TenantMigration} returns (or a migration fails), every server process gets SIGKILL; after
 * crash recovery every version reported applied is in the history with its rows and their values,
 * every version reported reverted is gone with its effects, every failure reported recorded is
 * recorded.
 *
 * <p>The server is a {@link PrivateCluster} whose WAL writer waits 10 s between rounds and whose
 * background writer writes nothing: a commit that did not wait for its WAL flush itself stays in
 * PostgreSQL's memory for the whole window and is lost by the kill, every time. Half the runs give
 * the database {@code synchronous_commit = off}, a setting that speeds up every commit, which must
 * not change what the migrator's answers mean. {@code -Ddriftless.serverCrash.iterations=N} runs
 * each case N times (10 by default).
 */
class ServerCrashDurabilityTest {

    private static final int ITERATIONS = Integer.getInteger("driftless.serverCrash.iterations", 10);
    private static final int ROWS = 200;
    private static final int LATEST = 6;
    private static final int RELABEL = 5;
    private static final String INDEX = "item_6_label";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static PrivateCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Optional<String> unavailable = PrivateCluster.unavailable();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no private PostgreSQL cluster: " + unavailable.get());
        cluster = PrivateCluster.open(List.of("wal_writer_delay=10s", "bgwriter_lru_maxpages=0", "autovacuum=off",
                "checkpoint_timeout=1h", "max_wal_size=4GB"));
    }

    @AfterAll
    static void removeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Versions 1 to 4 and 6 each create table item_k with its rows, version 6 also an index built
     * concurrently; version 5 only rewrites every label of item_1, so that its down drops no table
     * (a commit that drops a table's files waits for its WAL flush whatever the setting).
     */
    static List<Migration> versions() {
        List<Migration> versions = new ArrayList<>();
        for (int k = 1; k <= LATEST; k++) {
            if (k == RELABEL) {
                versions.add(new SampleVersions.Version(k, "relabel", List.of("update item_1 set label = label || ' (v5)'"),
                        List.of("update item_1 set label = left(label, -5)")));
                continue;
            }
            List<String> up = new ArrayList<>(List.of(
                    "create table item_" + k + " (id integer primary key, label text not null, amount numeric(12,2) not null)",
                    "insert into item_" + k + " select g, 'item " + k + "/' || g, g * " + k + " + 0.25"
                            + " from generate_series(1, " + ROWS + ") g"));
            if (k == LATEST) {
                // Outside a transaction: the version runs in phases, each committed on its own.
                up.add("create index concurrently " + INDEX + " on item_" + k + " (label)");
            }
            versions.add(new SampleVersions.Version(k, "items " + k, up, List.of("drop table item_" + k)));
        }
        return List.copyOf(versions);
    }

    @Test
    void migrateAndMigrateToAreDurable() throws Exception {
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String db = freshDatabase(i);
            Migrator migrator = migrator(db, versions());
            int target = i % 2 == 0 ? LATEST : 3;
            MigrateResult result = target == LATEST ? migrator.migrate() : migrator.migrateTo(target);
            assertEquals(target, result.currentVersion());
            crashAndRestart();
            check(lost, "run " + (i + 1) + " (" + setting(i) + ", " + (target == LATEST ? "migrate()" : "migrateTo(3)")
                    + ")", db, null, target);
        }
        assertNothingLost(lost);
    }

    @Test
    void downgradeToIsDurable() throws Exception {
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String db = freshDatabase(i);
            Migrator migrator = migrator(db, versions());
            migrator.migrate();
            checkpoint(); // the starting point is durable whatever the migrator does
            // Forced: the downs drop what versions 5 and 6 wrote, which is the point of the test.
            MigrateResult result = migrator.downgradeTo(4, true);
            assertEquals(List.of(6, 5), result.applied().stream().map(AppliedVersion::version).toList());
            crashAndRestart();
            check(lost, "run " + (i + 1) + " (" + setting(i) + ", downgradeTo(4) from 6)", db, null, 4);
        }
        assertNothingLost(lost);
    }

    /**
     * A run whose third version fails after the first two committed: those two were reported
     * applied and the failure recorded; then {@code repair()} reports the failed attempt cleared.
     */
    @Test
    void aFailedRunAndItsRepairAreDurable() throws Exception {
        Migration failing = new SampleVersions.Version(3, "fails", List.of(
                "create table item_3 (id integer primary key)", "select 1 / 0"), List.of("drop table item_3"));
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String db = freshDatabase(i);
            List<Migration> three = List.of(versions().get(0), versions().get(1), failing);
            MigrationException failure = assertThrows(MigrationException.class, () -> migrator(db, three).migrate());
            assertTrue(failure.getMessage().contains("version 3 (fails) failed"), failure.getMessage());
            crashAndRestart();
            String run = "run " + (i + 1) + " (" + setting(i) + ")";
            check(lost, run + ", after version 3 failed", db, null, 2);
            if (!failedAttempts(db).equals(List.of(3))) {
                lost.add(run + ", after version 3 failed: failed attempts recorded " + failedAttempts(db) + ", not [3]");
                continue; // nothing for repair() to clear
            }
            checkpoint();
            List<HistoryEntry> cleared = migrator(db, three).repair();
            assertEquals(List.of(3), cleared.stream().map(HistoryEntry::version).toList());
            crashAndRestart();
            check(lost, run + ", after repair()", db, null, 2);
            if (!failedAttempts(db).isEmpty()) {
                lost.add(run + ", after repair(): failed attempts still recorded " + failedAttempts(db));
            }
        }
        assertNothingLost(lost);
    }

    @Test
    void baselineIsDurable() throws Exception {
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String db = freshDatabase(i);
            // A database another tool built: the statements of versions 1 and 2, made durable.
            try (Connection c = connect(db, null); var st = c.createStatement()) {
                for (Migration m : versions().subList(0, 2)) {
                    for (String sql : m.up()) {
                        st.execute(sql);
                    }
                }
            }
            checkpoint();
            migrator(db, versions()).baseline(new Snapshot(2, SchemaModel.EMPTY), true);
            crashAndRestart();
            check(lost, "run " + (i + 1) + " (" + setting(i) + ", baseline at 2)", db, null, 2);
        }
        assertNothingLost(lost);
    }

    @Test
    void tenantMigrationIsDurable() throws Exception {
        List<String> lost = new ArrayList<>();
        List<String> tenants = List.of("tenant_a", "tenant_b", "tenant_c");
        for (int i = 0; i < ITERATIONS; i++) {
            String db = freshDatabase(i);
            TenantMigration.Summary summary = TenantMigration.schemas(dataSource(db, null), tenants, 2,
                    b -> b.migrations(versions()));
            assertTrue(summary.failures().isEmpty(), summary::describe);
            summary.outcomes().forEach(o -> assertEquals(LATEST, o.result().currentVersion(), o.tenant()));
            crashAndRestart();
            for (String tenant : tenants) {
                check(lost, "run " + (i + 1) + " (" + setting(i) + ", tenant " + tenant + ")", db, tenant, LATEST);
            }
        }
        assertNothingLost(lost);
    }

    private static void assertNothingLost(List<String> lost) {
        long runs = lost.stream().map(l -> l.substring(0, l.indexOf(' ', "run ".length()))).distinct().count();
        assertTrue(lost.isEmpty(), "a server crash right after the migrator returned lost what it reported, in "
                + runs + " of " + ITERATIONS + " runs:\n" + String.join("\n", lost));
    }

    /** Odd runs: the database's commits do not wait for the WAL flush. */
    private static String setting(int iteration) {
        return iteration % 2 == 1 ? "synchronous_commit off" : "synchronous_commit on";
    }

    /** A new database, the previous one dropped (each database adds to what crash recovery syncs). */
    private static String freshDatabase(int iteration) throws SQLException {
        if (DATABASES.get() > 0) {
            cluster.execute("drop database if exists crash_" + DATABASES.get() + " with (force)");
        }
        String name = "crash_" + DATABASES.incrementAndGet();
        cluster.execute("create database " + name + " template template0");
        if (iteration % 2 == 1) {
            cluster.execute("alter database " + name + " set synchronous_commit = off");
        }
        checkpoint(); // so that crash recovery has only the migrator's work to replay
        return name;
    }

    private static void checkpoint() throws SQLException {
        cluster.execute("checkpoint");
    }

    private static void crashAndRestart() throws Exception {
        cluster.crash();
        cluster.start();
    }

    private static Migrator migrator(String db, List<Migration> migrations) {
        return Migrator.builder(dataSource(db, null)).migrations(migrations).build();
    }

    private static DataSource dataSource(String db, String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(cluster.jdbcUrl(db));
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }

    private static Connection connect(String db, String schema) throws SQLException {
        return dataSource(db, schema).getConnection();
    }

    /**
     * Adds to {@code lost} what differs from a database at {@code version}: the successful versions
     * in the history, and for every version its table with every row and value, or no table.
     */
    private static void check(List<String> lost, String run, String db, String schema, int version) throws SQLException {
        try (Connection c = connect(db, schema)) {
            List<Integer> recorded = new ArrayList<>();
            if (exists(c, "driftless_history")) {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "select version from driftless_history where success order by version")) {
                    while (rs.next()) {
                        recorded.add(rs.getInt(1));
                    }
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int k = 1; k <= version; k++) {
                expected.add(k);
            }
            if (!recorded.equals(expected)) {
                lost.add(run + ": the history holds versions " + recorded + ", not " + expected);
            }
            for (int k = 1; k <= LATEST; k++) {
                if (k == RELABEL) {
                    continue;
                }
                Optional<String> rows = rows(c, "item_" + k);
                if (k > version && rows.isPresent()) {
                    lost.add(run + ": table item_" + k + " of version " + k + " is still there");
                } else if (k <= version && rows.isEmpty()) {
                    lost.add(run + ": table item_" + k + " of version " + k + " is missing");
                } else if (k <= version && !rows.get().equals(expectedRows(k, k == 1 && version >= RELABEL))) {
                    lost.add(run + ": the rows of item_" + k + " are not the ones "
                            + (k == 1 && version >= RELABEL ? "version 5 left" : "written") + ": " + excerpt(rows.get()));
                }
            }
            if (version >= LATEST && !validIndex(c, INDEX)) {
                lost.add(run + ": index " + INDEX + " of version " + LATEST + " is missing or invalid");
            }
        }
    }

    /** Every row of the table in id order as {@code id:label:amount}, or empty when there is no such table. */
    private static Optional<String> rows(Connection c, String table) throws SQLException {
        if (!exists(c, table)) {
            return Optional.empty();
        }
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select coalesce(string_agg(id || ':'"
                + " || label || ':' || amount, ',' order by id), '') from " + table)) {
            rs.next();
            return Optional.of(rs.getString(1));
        }
    }

    private static boolean validIndex(Connection c, String index) throws SQLException {
        try (PreparedStatement valid = c.prepareStatement(
                "select coalesce((select indisvalid from pg_index where indexrelid = to_regclass(?)), false)")) {
            valid.setString(1, index);
            try (ResultSet rs = valid.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether the table is on the connection's search_path. */
    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("select to_regclass(?) is not null")) {
            exists.setString(1, table);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String expectedRows(int k, boolean relabelled) {
        List<String> rows = new ArrayList<>();
        for (int g = 1; g <= ROWS; g++) {
            rows.add(g + ":item " + k + "/" + g + (relabelled ? " (v5)" : "") + ":"
                    + BigDecimal.valueOf((long) g * k).add(new BigDecimal("0.25")).toPlainString());
        }
        return String.join(",", rows);
    }

    private static List<Integer> failedAttempts(String db) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(db)); var st = c.createStatement();
                ResultSet rs = st.executeQuery("select version from driftless_history where not success order by 1")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static String excerpt(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
