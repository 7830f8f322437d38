package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.lang.invoke.MethodHandles;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start with nothing to do is one statement and loads no version class; every state the probe
 * cannot call "nothing to do" goes through the locked path, with the outcome it always had.
 */
class NoOpStartTest {

    static final SampleVersions.Version FOURTH = new SampleVersions.Version(4, "meter_note",
            List.of("alter table meter add column note text"), List.of("alter table meter drop column note"));
    static final Map<Integer, SampleVersions.Version> PLAIN = Map.of(1, SampleVersions.METER, 2,
            SampleVersions.READING, 3, SampleVersions.SERIAL, 4, FOURTH);
    /** The version classes whose static initializer has run, by simple name. */
    static final Set<String> INITIALIZED = ConcurrentHashMap.newKeySet();

    /** A version class as the processor generates one: it says what its plain version says. */
    abstract static class Version implements Migration {
        private final SampleVersions.Version plain;

        Version(int version) {
            plain = PLAIN.get(version);
        }

        public int version() {
            return plain.version();
        }

        public String description() {
            return plain.description();
        }

        public String checksum() {
            return plain.checksum();
        }

        public List<String> up() {
            return plain.up();
        }

        public List<String> down() {
            return plain.down();
        }
    }

    // Used only by the no-op starts, so that no other test of this JVM has initialized them.
    static final class Idle1 extends Version {
        static {
            INITIALIZED.add("Idle1");
        }

        Idle1() {
            super(1);
        }
    }

    static final class Idle2 extends Version {
        static {
            INITIALIZED.add("Idle2");
        }

        Idle2() {
            super(2);
        }
    }

    static final class Idle3 extends Version {
        static {
            INITIALIZED.add("Idle3");
        }

        Idle3() {
            super(3);
        }
    }

    static final class V1 extends Version {
        V1() {
            super(1);
        }
    }

    static final class V2 extends Version {
        V2() {
            super(2);
        }
    }

    static final class V3 extends Version {
        V3() {
            super(3);
        }
    }

    static final class V4 extends Version {
        V4() {
            super(4);
        }
    }

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** The index entries of versions 1 to {@code last}, each naming its class {@code <prefix><n>}. */
    private static List<IndexedVersion> index(String prefix, int last) {
        return IntStream.rangeClosed(1, last).mapToObj(v -> new IndexedVersion(MethodHandles.lookup(),
                NoOpStartTest.class.getName() + "$" + prefix + v, v, PLAIN.get(v).description(),
                PLAIN.get(v).checksum(), false)).toList();
    }

    private void migratedToThree() {
        Migrator.builder(database.dataSource()).migrations(SampleVersions.all()).build().migrate();
    }

    private static boolean lockedPath(CountingDataSource counting) {
        return counting.calls().stream().anyMatch(c -> c.contains("pg_try_advisory_lock"));
    }

    @Test
    void aStartWithNothingToDoRunsOneStatementAndLoadsNoVersionClass() {
        migratedToThree();
        List<IndexedVersion> index = index("Idle", 3);
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(List.copyOf(index)).build().migrate();

        assertTrue(result.upToDate());
        assertEquals(3, result.currentVersion());
        assertEquals(1, counting.calls().size(), "one statement: " + counting.calls());
        assertEquals(Set.of(), INITIALIZED, "no version class was initialized");
        assertTrue(index.stream().noneMatch(IndexedVersion::isLoaded), "no version class was created");
    }

    @Test
    void aStartWithNothingToDoInTheSchemaOptionIsOneStatementToo() throws SQLException {
        database.execute("create schema \"Tenant One\"");
        Migrator.builder(database.dataSource()).schema("Tenant One").migrations(SampleVersions.all()).build().migrate();
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).schema("Tenant One").migrations(SampleVersions.all()).build()
                .migrate();

        assertTrue(result.upToDate());
        assertEquals(List.of("3"), List.of(String.valueOf(result.currentVersion())));
        assertEquals(1, counting.calls().size(), "one statement: " + counting.calls());
    }

    @Test
    void aPooledConnectionKeepsItsSessionAsItWas() throws SQLException {
        migratedToThree();
        try (Connection connection = database.connect()) {
            try (Statement st = connection.createStatement()) {
                st.execute("set search_path to public, pg_catalog");
                st.execute("set synchronous_commit to local");
            }
            connection.setAutoCommit(false);
            var counting = new CountingDataSource(new PooledConnectionDataSource(connection));

            MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).build().migrate();

            assertTrue(result.upToDate());
            assertEquals(1, counting.calls().size(), "one statement: " + counting.calls());
            assertFalse(connection.getAutoCommit(), "the connection's autocommit mode is given back");
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement();
                    var rows = st.executeQuery("select current_setting('search_path'),"
                            + " current_setting('synchronous_commit')")) {
                rows.next();
                assertEquals("public, pg_catalog", rows.getString(1));
                assertEquals("local", rows.getString(2));
            }
        }
    }

    @Test
    void aPendingVersionGoesThroughTheLockAndLoadsOnlyItsClass() throws SQLException {
        migratedToThree();
        List<IndexedVersion> index = index("V", 4);
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(List.copyOf(index)).build().migrate();

        assertEquals(List.of(4), result.applied().stream().map(AppliedVersion::version).toList());
        assertTrue(lockedPath(counting), counting.calls().toString());
        assertEquals(List.of(false, false, false, true), index.stream().map(IndexedVersion::isLoaded).toList(),
                "only the version that ran was loaded");
        assertEquals(List.of("1"), database.strings("select count(*) from information_schema.columns"
                + " where table_name = 'meter' and column_name = 'note'"));
    }

    @Test
    void aMissingHistoryTableGoesThroughTheLockAndAppliesEverything() throws SQLException {
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(List.copyOf(index("V", 3))).build().migrate();

        assertEquals(List.of(1, 2, 3), result.applied().stream().map(AppliedVersion::version).toList());
        assertTrue(lockedPath(counting), counting.calls().toString());
        assertEquals(List.of("1", "2", "3"), database.strings("select version from driftless_history order by 1"));
    }

    @Test
    void aFailedAttemptIsRefusedOrRetriedAsBefore() throws SQLException {
        migratedToThree();
        database.execute("insert into driftless_history (version, description, checksum, applied_at, execution_ms,"
                + " success, error) values (4, 'meter_note', '" + FOURTH.checksum() + "', now(), 1, false, 'boom')");
        var counting = new CountingDataSource(database.dataSource());

        var refused = assertThrows(InvalidHistoryException.class,
                () -> Migrator.builder(counting).migrations(List.copyOf(index("V", 4))).build().migrate());
        assertTrue(refused.getMessage().contains("failed at"), refused.getMessage());
        assertTrue(lockedPath(counting), counting.calls().toString());

        MigrateResult retried = Migrator.builder(database.dataSource()).migrations(List.copyOf(index("V", 4)))
                .retryFailedVersions(true).build().migrate();
        assertEquals(List.of(4), retried.applied().stream().map(AppliedVersion::version).toList());
    }

    @Test
    void aRetriedFailedAttemptOfAnUnknownVersionIsClearedUnderTheLock() throws SQLException {
        migratedToThree();
        // A failed attempt of a version the code does not have: with retries on, the locked path deletes it.
        database.execute("insert into driftless_history (version, description, checksum, applied_at, execution_ms,"
                + " success, error) values (9, 'elsewhere', 'x', now(), 1, false, 'boom')");
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).retryFailedVersions(true)
                .build().migrate();

        assertTrue(result.upToDate());
        assertTrue(lockedPath(counting), counting.calls().toString());
        assertEquals(List.of("1", "2", "3"), database.strings("select version from driftless_history order by 1"));
    }

    @Test
    void anInterruptedVersionIsResumedUnderTheLock() throws SQLException {
        migratedToThree();
        database.execute("insert into driftless_history (version, description, checksum, applied_at, execution_ms,"
                + " success, error, completed_steps) values (4, 'meter_note', '" + FOURTH.checksum() + "', now(), 0,"
                + " false, null, 0)");
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(List.copyOf(index("V", 4))).build().migrate();

        assertEquals(List.of(4), result.applied().stream().map(AppliedVersion::version).toList());
        assertTrue(lockedPath(counting), counting.calls().toString());
        assertEquals(List.of("t"), database.strings("select success from driftless_history where version = 4"));
    }

    @Test
    void aHalfRevertedVersionIsFinishedAndAppliedAgainUnderTheLock() throws SQLException {
        migratedToThree();
        database.execute("update driftless_history set reverted_statements = 0 where version = 3");
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).build().migrate();

        assertEquals(List.of(3), result.applied().stream().map(AppliedVersion::version).toList());
        assertTrue(lockedPath(counting), counting.calls().toString());
    }

    @Test
    void anEditedVersionIsStillRefused() throws SQLException {
        migratedToThree();
        // The index of a build where version 2 was edited: its checksum is not the one applied.
        List<Migration> edited = new ArrayList<>(index("V", 3));
        edited.set(1, new IndexedVersion(MethodHandles.lookup(), NoOpStartTest.class.getName() + "$V2", 2,
                "reading", "test:edited", false));
        var counting = new CountingDataSource(database.dataSource());

        var refused = assertThrows(InvalidHistoryException.class,
                () -> Migrator.builder(counting).migrations(edited).build().migrate());

        assertTrue(refused.getMessage().contains("was applied with checksum " + SampleVersions.READING.checksum()
                + " but the code has test:edited: a frozen version was changed"), refused.getMessage());
        assertTrue(lockedPath(counting), counting.calls().toString());
    }

    @Test
    void aChangedChecksumInTheHistoryIsStillRefused() throws SQLException {
        migratedToThree();
        database.execute("update driftless_history set checksum = 'tampered' where version = 1");

        var refused = assertThrows(InvalidHistoryException.class,
                () -> Migrator.builder(database.dataSource()).migrations(List.copyOf(index("V", 3))).build().migrate());

        assertTrue(refused.getMessage().contains("a frozen version was changed"), refused.getMessage());
    }

    @Test
    void aHistoryTableOfAnEarlierDriftlessGetsItsLaterColumnsUnderTheLock() throws SQLException {
        database.execute("create table driftless_history (version integer primary key, description text not null,"
                + " checksum text not null, applied_at timestamptz not null, execution_ms bigint not null,"
                + " success boolean not null, error text)");
        for (Migration m : SampleVersions.all()) {
            database.execute("create table if not exists meter (id bigint primary key)");
            database.execute("insert into driftless_history values (" + m.version() + ", '" + m.description() + "', '"
                    + m.checksum() + "', now(), 1, true, null)");
        }
        database.execute("create table reading (id bigint primary key)", "alter table meter add column serial text");
        var counting = new CountingDataSource(database.dataSource());

        MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).build().migrate();

        assertTrue(result.upToDate());
        assertTrue(lockedPath(counting), counting.calls().toString());
        assertEquals(List.of("accepted", "baselined", "completed_steps", "reverted_statements"), database.strings(
                "select column_name from information_schema.columns where table_name = 'driftless_history'"
                        + " and column_name in ('completed_steps', 'reverted_statements', 'baselined', 'accepted')"
                        + " order by 1"));
    }

    @Test
    void aMigratorHoldingTheLockIsWaitedFor() throws Exception {
        migratedToThree();
        try (Connection other = database.connect(); Statement st = other.createStatement()) {
            st.execute("select pg_advisory_lock(" + SchemaHistory.lockKey("public", "driftless_history") + ")");
            var counting = new CountingDataSource(database.dataSource());
            long start = System.nanoTime();
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(600);
                    st.execute("select pg_advisory_unlock_all()");
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();

            MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).build().migrate();
            release.join();

            assertTrue(result.upToDate());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 500,
                    "the start waited for the holder of the lock");
            assertTrue(lockedPath(counting), counting.calls().toString());
        }
    }

    @Test
    void aMigratorHoldingTheLockOfTheSchemaOptionIsWaitedForUntilTheTimeout() throws SQLException {
        database.execute("create schema \"Tenant One\"");
        Migrator.builder(database.dataSource()).schema("Tenant One").migrations(SampleVersions.all()).build().migrate();
        try (Connection other = database.connect(); Statement st = other.createStatement()) {
            st.execute("select pg_advisory_lock(" + SchemaHistory.lockKey("Tenant One", "driftless_history") + ")");

            var refused = assertThrows(MigrationException.class, () -> Migrator.builder(database.dataSource())
                    .schema("Tenant One").lockTimeout(Duration.ofMillis(300)).migrations(SampleVersions.all())
                    .build().migrate());

            assertTrue(refused.getMessage().contains("for the migration lock of \"Tenant One\".driftless_history"),
                    refused.getMessage());
        }
    }

    @Test
    void aHistoryTableOutsideTheCurrentSchemaIsNotTakenForItsOwn() throws SQLException {
        migratedToThree();
        database.execute("create schema other");
        try (Connection connection = database.connect()) {
            try (Statement st = connection.createStatement()) {
                st.execute("set search_path to other, public");
            }
            var counting = new CountingDataSource(new PooledConnectionDataSource(connection));

            // As before: the history of the current schema, "other", is empty, so every version is applied there.
            MigrateResult result = Migrator.builder(counting).migrations(SampleVersions.all()).build().migrate();

            assertEquals(List.of(1, 2, 3), result.applied().stream().map(AppliedVersion::version).toList());
            assertTrue(lockedPath(counting), counting.calls().toString());
            assertEquals(List.of("3"), database.strings("select count(*) from other.driftless_history"));
        }
    }
}
