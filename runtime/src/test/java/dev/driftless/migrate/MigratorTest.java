package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrator against a real PostgreSQL, one fresh database per test. */
class MigratorTest {

    private static final Migration CUSTOMER = TestMigration.of(1, "initial",
            "create table customer (id bigint primary key, name text not null)",
            "create table run_log (version int not null)",
            "insert into run_log values (1)");
    private static final Migration ORDERS = TestMigration.of(2, "orders",
            "create table orders (id bigint primary key, customer_id bigint not null references customer)",
            "create index orders_customer on orders (customer_id)",
            "insert into run_log values (2)");
    private static final Migration EMAIL = TestMigration.of(3, "customer_email",
            "alter table customer add column email text");

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void appliesEveryVersionToAFreshDatabase() throws SQLException {
        MigrateResult result = migrator(CUSTOMER, ORDERS).migrate();

        assertFalse(result.upToDate());
        assertEquals(2, result.currentVersion());
        assertEquals(List.of(1, 2), result.applied().stream().map(AppliedVersion::version).toList());
        assertEquals(List.of("initial", "orders"), result.applied().stream().map(AppliedVersion::description).toList());
        assertTrue(tableExists("public", "customer"));
        assertTrue(tableExists("public", "orders"));
        assertTrue(indexExists("orders_customer"));

        List<HistoryEntry> history = migrator().status().applied();
        assertEquals(2, history.size());
        for (int i = 0; i < 2; i++) {
            Migration migration = List.of(CUSTOMER, ORDERS).get(i);
            HistoryEntry entry = history.get(i);
            assertEquals(migration.version(), entry.version());
            assertEquals(migration.description(), entry.description());
            assertEquals(migration.checksum(), entry.checksum());
            assertTrue(entry.success());
            assertNull(entry.error());
            assertTrue(entry.executionMillis() >= 0);
        }
        assertEquals(0, heldAdvisoryLocks());
    }

    @Test
    void secondRunChangesNothing() throws SQLException {
        migrator(CUSTOMER, ORDERS).migrate();
        List<HistoryEntry> before = migrator().status().applied();

        MigrateResult again = migrator(CUSTOMER, ORDERS).migrate();

        assertTrue(again.upToDate());
        assertEquals(2, again.currentVersion());
        assertEquals(before, migrator().status().applied());
        assertEquals(1, count("select count(*) from run_log where version = 1"));
        assertEquals(1, count("select count(*) from run_log where version = 2"));
    }

    @Test
    void statusBeforeAndAfterMigrating() {
        MigrationStatus fresh = migrator(CUSTOMER, ORDERS).status();
        assertEquals(0, fresh.currentVersion());
        assertEquals(List.of(), fresh.applied());
        assertEquals(List.of(CUSTOMER, ORDERS), fresh.pending());
        assertFalse(tableExists("public", "driftless_history"), "status must not create the history table");

        migrator(CUSTOMER).migrate();
        MigrationStatus partly = migrator(CUSTOMER, ORDERS).status();
        assertEquals(1, partly.currentVersion());
        assertEquals(List.of(1), partly.applied().stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(ORDERS), partly.pending());

        migrator(CUSTOMER, ORDERS).migrate();
        MigrationStatus done = migrator(CUSTOMER, ORDERS).status();
        assertEquals(2, done.currentVersion());
        assertEquals(List.of(1, 2), done.applied().stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(), done.pending());
        assertTrue(done.upToDate());
    }

    @Test
    void statementsWithAndWithoutTrailingSemicolonRun() {
        MigrateResult result = migrator(TestMigration.of(1, "semicolons",
                "create table with_semicolon (id int);",
                "create table without_semicolon (id int)",
                "insert into with_semicolon values (1);\n")).migrate();

        assertEquals(1, result.currentVersion());
        assertTrue(tableExists("public", "with_semicolon"));
        assertTrue(tableExists("public", "without_semicolon"));
    }

    @Test
    void statementsThatReturnRowsRunBetweenTheBatchedDdl() throws SQLException {
        MigrateResult result = migrator(TestMigration.of(1, "mixed",
                "create sequence counter",
                "-- hand-written: the counter starts where the old system stopped\nselect setval('counter', 41)",
                "create table counted (id int default nextval('counter'))",
                "with n as (select nextval('counter') as v) insert into counted select v from n",
                "/* a comment first */ comment on table counted is 'batched after a comment'")).migrate();

        assertEquals(1, result.currentVersion());
        try (Connection c = database.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id, obj_description('counted'::regclass) from counted")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
            assertEquals("batched after a comment", rs.getString(2));
        }
    }

    @Test
    void failingVersionIsRolledBackRecordedRefusedUntilRepairedAndThenApplied() throws SQLException {
        Migration broken = TestMigration.of(2, "orders",
                "create table orders (id bigint primary key)",
                "insert into orders values (1)",
                "insert into no_such_table values (1)");

        MigrationException failure = assertThrows(MigrationException.class,
                () -> migrator(CUSTOMER, broken, EMAIL).migrate());

        assertTrue(failure.getMessage().contains("version 2 (orders)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("rolled back"), failure.getMessage());
        assertTrue(failure.getMessage().contains("statement 3 of 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("insert into no_such_table values (1)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("relation \"no_such_table\" does not exist"), failure.getMessage());
        assertTrue(tableExists("public", "customer"), "version 1 stays applied");
        assertFalse(tableExists("public", "orders"), "version 2's earlier statements were rolled back");
        assertEquals(0, count("select count(*) from information_schema.columns where column_name = 'email'"),
                "version 3 did not run after the failure");
        assertEquals(0, heldAdvisoryLocks());

        MigrationStatus status = migrator(CUSTOMER, broken, EMAIL).status();
        assertEquals(1, status.currentVersion());
        HistoryEntry failed = status.applied().get(1);
        assertEquals(2, failed.version());
        assertFalse(failed.success());
        assertTrue(failed.error().contains("no_such_table"), failed.error());
        assertEquals(List.of(broken, EMAIL), status.pending());

        MigrationException refused = assertThrows(MigrationException.class,
                () -> migrator(CUSTOMER, ORDERS, EMAIL).migrate());
        assertTrue(refused.getMessage().startsWith("version 2 (orders) failed at "), refused.getMessage());
        assertTrue(refused.getMessage().contains("relation \"no_such_table\" does not exist"), refused.getMessage());
        assertTrue(refused.getMessage().contains("clear the failed attempt with `driftless repair`"), refused.getMessage());
        assertFalse(tableExists("public", "orders"), "nothing ran");

        assertEquals(List.of(2), migrator().repair().stream().map(HistoryEntry::version).toList());
        assertEquals(List.of(), migrator().repair(), "a second repair finds nothing");
        MigrateResult fixed = migrator(CUSTOMER, ORDERS, EMAIL).migrate();

        assertEquals(List.of(2, 3), fixed.applied().stream().map(AppliedVersion::version).toList());
        assertEquals(3, fixed.currentVersion());
        List<HistoryEntry> history = migrator().status().applied();
        assertEquals(List.of(1, 2, 3), history.stream().map(HistoryEntry::version).toList());
        assertTrue(history.stream().allMatch(HistoryEntry::success));
        assertEquals(ORDERS.checksum(), history.get(1).checksum());
        assertNull(history.get(1).error());
    }

    @Test
    void aHistoryTableFromBeforeProgressWasRecordedGainsItsColumn() throws SQLException {
        execute("create table driftless_history (version integer primary key, description text not null,"
                + " checksum text not null, applied_at timestamptz not null, execution_ms bigint not null,"
                + " success boolean not null, error text)");
        execute("insert into driftless_history values (1, 'initial', '" + CUSTOMER.checksum() + "', now(), 1, true, null)");
        execute("create table customer (id bigint primary key, name text not null)");
        execute("create table run_log (version int not null)");
        assertEquals(1, migrator(CUSTOMER, ORDERS).status().currentVersion(), "read without the column");
        MigrateResult result = migrator(CUSTOMER, ORDERS).migrate();
        assertEquals(List.of(2), result.applied().stream().map(AppliedVersion::version).toList());
        assertEquals(1, count("select count(*) from information_schema.columns where table_name = 'driftless_history'"
                + " and column_name = 'completed_steps'"));
    }

    @Test
    void aServiceCanChooseToRetryAFailedVersionByItself() throws SQLException {
        Migration broken = TestMigration.of(2, "orders", "insert into no_such_table values (1)");
        assertThrows(MigrationException.class, () -> migrator(CUSTOMER, broken).migrate());
        MigrateResult healed = Migrator.builder(database.dataSource()).migrations(List.of(CUSTOMER, ORDERS))
                .retryFailedVersions(true).build().migrate();
        assertEquals(List.of(2), healed.applied().stream().map(AppliedVersion::version).toList());
        assertTrue(migrator().status().applied().stream().allMatch(HistoryEntry::success));
    }

    @Test
    void changedAppliedVersionIsRefusedBeforeAnythingRuns() throws SQLException {
        migrator(CUSTOMER, ORDERS).migrate();
        Migration changed = TestMigration.of(2, "orders",
                "create table orders (id bigint primary key, customer_id bigint references customer)");

        MigrationException failure = assertThrows(MigrationException.class,
                () -> migrator(CUSTOMER, changed, EMAIL).migrate());

        assertTrue(failure.getMessage().contains("version 2 (orders) was applied with checksum " + ORDERS.checksum()
                + " but the code has " + changed.checksum()), failure.getMessage());
        assertTrue(failure.getMessage().contains("frozen version was changed"), failure.getMessage());
        assertEquals(0, count("select count(*) from information_schema.columns where column_name = 'email'"),
                "the pending version 3 did not run");
        assertEquals(2, migrator().status().applied().size());
    }

    @Test
    void versionUnknownToTheCodeIsRefused() {
        migrator(CUSTOMER, ORDERS, EMAIL).migrate();

        MigrationException failure = assertThrows(MigrationException.class, () -> migrator(CUSTOMER, ORDERS).migrate());

        assertTrue(failure.getMessage().contains("version 3 (customer_email) is applied in the database but the code"
                + " does not have it"), failure.getMessage());
        assertTrue(failure.getMessage().contains("newer than the code"), failure.getMessage());
    }

    @Test
    void lockWaitIsBounded() throws SQLException {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("dev.driftless.migrate");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try (Connection holder = database.connect();
                PreparedStatement lock = holder.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, SchemaHistory.lockKey("public", "driftless_history"));
            lock.execute();

            long start = System.nanoTime();
            Migrator impatient = Migrator.builder(database.dataSource())
                    .migrations(List.of(CUSTOMER))
                    .lockTimeout(Duration.ofMillis(700))
                    .build();
            MigrationException failure = assertThrows(MigrationException.class, impatient::migrate);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(failure.getMessage().startsWith("waited "), failure.getMessage());
            assertTrue(failure.getMessage().contains("for the migration lock"), failure.getMessage());
            assertTrue(took.compareTo(Duration.ofMillis(700)) >= 0, "gave up after " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "gave up after " + took);
            assertFalse(tableExists("public", "customer"));
            assertEquals(1, logged.stream()
                    .filter(m -> m.equals("waiting for migration lock held by another process"))
                    .count(), logged.toString());
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, migrator(CUSTOMER).migrate().currentVersion(), "migrates once the lock is free");
    }

    @Test
    void historyTableLivesInTheGivenSchema() throws SQLException {
        execute("create schema app");
        Migrator migrator = Migrator.builder(database.dataSource())
                .schema("app")
                .migrations(List.of(CUSTOMER, ORDERS))
                .build();

        assertEquals(2, migrator.migrate().currentVersion());

        assertTrue(tableExists("app", "driftless_history"));
        assertFalse(tableExists("public", "driftless_history"));
        assertTrue(tableExists("app", "customer"), "the schema is the search_path while migrating");
        assertEquals(2, migrator.status().currentVersion());
        assertEquals(0, migrator(CUSTOMER, ORDERS).status().currentVersion(), "public has no history");
    }

    @Test
    void namesThatNeedQuotingAreQuoted() throws SQLException {
        execute("create schema \"Tenant \"\"One\"\"\"");
        Migrator migrator = Migrator.builder(database.dataSource())
                .schema("Tenant \"One\"")
                .historyTable("Schema History")
                .migrations(List.of(CUSTOMER))
                .build();

        assertEquals(1, migrator.migrate().currentVersion());
        assertTrue(migrator.migrate().upToDate());

        assertTrue(tableExists("Tenant \"One\"", "Schema History"));
        assertTrue(tableExists("Tenant \"One\"", "customer"));
    }

    @Test
    void missingSchemaIsReported() {
        Migrator migrator = Migrator.builder(database.dataSource())
                .schema("absent")
                .migrations(List.of(CUSTOMER))
                .build();

        assertEquals(List.of(CUSTOMER), migrator.status().pending());
        MigrationException failure = assertThrows(MigrationException.class, migrator::migrate);
        assertTrue(failure.getMessage().contains("schema absent does not exist"), failure.getMessage());
    }

    @Test
    void connectionSettingsAreGivenBack() throws SQLException {
        execute("create schema app");
        try (Connection connection = database.connect()) {
            String before = setting(connection, "search_path");
            Migrator.builder(new PooledConnectionDataSource(connection))
                    .schema("app")
                    .migrations(List.of(CUSTOMER))
                    .build()
                    .migrate();
            assertEquals(before, setting(connection, "search_path"));
            assertTrue(connection.getAutoCommit());
            // The versions commit without waiting for the disk; the pooled connection must not keep that.
            assertEquals("on", setting(connection, "synchronous_commit"));
        }
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("set synchronous_commit = local");
            Migrator.builder(new PooledConnectionDataSource(connection))
                    .schema("app")
                    .migrations(List.of(CUSTOMER, TestMigration.of(2, "more", "create table more (id int)")))
                    .build()
                    .migrate();
            assertEquals("local", setting(connection, "synchronous_commit"));
        }
        try (Connection connection = database.connect()) {
            // Made durable under a setting of its own for one transaction, which must not stay either.
            connection.createStatement().execute("set synchronous_commit = off");
            Migrator.builder(new PooledConnectionDataSource(connection))
                    .schema("app")
                    .migrations(List.of(CUSTOMER, TestMigration.of(2, "more", "create table more (id int)"),
                            TestMigration.of(3, "less", "drop table more")))
                    .build()
                    .migrate();
            assertEquals("off", setting(connection, "synchronous_commit"));
        }
    }

    /** The drift check after a migrate, and a check of its own, give the search_path back too. */
    @Test
    void aDriftCheckGivesTheSearchPathBack() throws SQLException {
        execute("create schema app");
        try (Connection connection = database.connect()) {
            String before = setting(connection, "search_path");
            Migrator migrator = Migrator.builder(new PooledConnectionDataSource(connection))
                    .schema("app")
                    .migrations(List.of(CUSTOMER))
                    .driftPolicy(DriftPolicy.WARN)
                    .expectedSnapshot(new dev.driftless.history.Snapshot(1, dev.driftless.model.SchemaModel.EMPTY))
                    .build();
            migrator.migrate();
            assertEquals(before, setting(connection, "search_path"), "after migrate");
            assertTrue(migrator.checkDrift(new dev.driftless.history.Snapshot(1, dev.driftless.model.SchemaModel.EMPTY))
                    .drifted());
            assertEquals(before, setting(connection, "search_path"), "after checkDrift");
        }
    }

    @Test
    void aFailureToMakeTheRunDurableIsReportedAsSuch() throws SQLException {
        // The run ends with a write to the history table that waits for the disk; refuse that write.
        Migration refusesTheFlush = TestMigration.of(2, "refuses the flush",
                "create function refuse_flush() returns trigger language plpgsql as"
                        + " $$ begin if new.version = 0 then raise exception 'flush refused'; end if; return new; end $$",
                "create trigger refuse_flush before insert on driftless_history for each row"
                        + " execute function refuse_flush()");

        MigrationException failure = assertThrows(MigrationException.class,
                () -> migrator(CUSTOMER, refusesTheFlush).migrate());

        assertTrue(failure.getMessage().contains("the changes were committed, but waiting for them to reach the disk"
                + " failed (ERROR: flush refused"), failure.getMessage());
        assertTrue(failure.getMessage().contains("driftless status"), failure.getMessage());
        assertEquals(2, migrator(CUSTOMER, refusesTheFlush).status().currentVersion());
    }

    @Test
    void aPooledConnectionGetsItsSynchronousCommitBackWhenTheFlushFails() throws SQLException {
        Migration refusesTheFlush = TestMigration.of(2, "refuses the flush",
                "create function refuse_flush() returns trigger language plpgsql as"
                        + " $$ begin if new.version = 0 then raise exception 'flush refused'; end if; return new; end $$",
                "create trigger refuse_flush before insert on driftless_history for each row"
                        + " execute function refuse_flush()");
        try (Connection connection = database.connect()) {
            var pooled = Migrator.builder(new PooledConnectionDataSource(connection))
                    .migrations(List.of(CUSTOMER, refusesTheFlush)).build();
            assertThrows(MigrationException.class, pooled::migrate);
            // Left off, the application's own commits on this connection would not wait for the disk.
            assertEquals("on", setting(connection, "synchronous_commit"));
        }
    }

    @Test
    void duplicateVersionsAreRejected() {
        Migration alsoOne = TestMigration.of(1, "other", "select 1");

        MigrationException failure = assertThrows(MigrationException.class,
                () -> Migrator.builder(database.dataSource()).migrations(List.of(CUSTOMER, alsoOne)).build());

        assertTrue(failure.getMessage().contains("version 1 twice"), failure.getMessage());
    }

    @Test
    void findsMigrationIndexesThroughTheContextClassLoader(@TempDir Path services) throws Exception {
        assertEquals(List.of(1, 2, 3), discovered(services, FirstIndex.class, SecondIndex.class));

        MigrationException failure = assertThrows(MigrationException.class,
                () -> discovered(services, FirstIndex.class, SecondIndex.class, OverlappingIndex.class));
        assertTrue(failure.getMessage().contains("version 2 is provided by both"), failure.getMessage());
    }

    public static final class FirstIndex implements MigrationIndex {
        @Override
        public List<Migration> migrations() {
            return List.of(CUSTOMER, EMAIL);
        }
    }

    public static final class SecondIndex implements MigrationIndex {
        @Override
        public List<Migration> migrations() {
            return List.of(ORDERS);
        }
    }

    public static final class OverlappingIndex implements MigrationIndex {
        @Override
        public List<Migration> migrations() {
            return List.of(TestMigration.of(2, "other", "select 1"));
        }
    }

    /** The versions a builder finds when only the given indexes are registered as services. */
    private List<Integer> discovered(Path directory, Class<?>... indexes) throws Exception {
        Path root = Files.createTempDirectory(directory, "classpath");
        Path file = root.resolve("META-INF/services/" + MigrationIndex.class.getName());
        Files.createDirectories(file.getParent());
        List<String> names = new ArrayList<>();
        for (Class<?> index : indexes) {
            names.add(index.getName());
        }
        Files.write(file, names);
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        URL[] classPath = {root.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(classPath, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            return Migrator.builder(database.dataSource()).build().status().pending().stream()
                    .map(Migration::version)
                    .toList();
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder(database.dataSource()).migrations(List.of(migrations)).build();
    }

    private boolean tableExists(String schema, String table) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("select exists (select 1 from"
                        + " information_schema.tables where table_schema = ? and table_name = ?)")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean indexExists(String name) throws SQLException {
        return count("select count(*) from pg_catalog.pg_class where relkind = 'i' and relname = '" + name + "'") == 1;
    }

    private int heldAdvisoryLocks() throws SQLException {
        return count("select count(*) from pg_catalog.pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_catalog.pg_database where datname = current_database())");
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select current_setting(?)")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
