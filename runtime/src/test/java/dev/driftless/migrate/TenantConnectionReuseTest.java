package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker's connection goes from one tenant to the next only as a fresh connection would reach
 * it: what a tenant's versions left in their session (settings, temporary tables, locks) stays
 * with that tenant, and nothing runs or stays open once {@link TenantMigration#schemas} returned.
 */
class TenantConnectionReuseTest {

    /** A version with Java steps, as a generated version class has them. */
    record StepVersion(int version, String description, List<String> up, Map<String, JavaStep> steps)
            implements Migration {
        @Override
        public String checksum() {
            return "test:" + version + ":" + String.join(";", up);
        }

        @Override
        public List<String> down() {
            return List.of();
        }

        @Override
        public JavaStep javaStep(String className) {
            return steps.get(className);
        }
    }

    /** What a session shows of what an earlier user of it left: one line per tenant. */
    private static final String SESSION = "select current_user || ' ' || current_setting('session_replication_role')"
            + " || ' ' || current_setting('statement_timeout')"
            + " || ' ' || coalesce(nullif(current_setting('reuse.marker', true), ''), '-')"
            + " || ' ' || (select count(*) from pg_catalog.pg_locks where pid = pg_catalog.pg_backend_pid()"
            + " and locktype = 'advisory' and objid = 4242)"
            + " || ' ' || (select count(*) from pg_catalog.pg_class where relnamespace = pg_catalog.pg_my_temp_schema())"
            + " || ' ' || (select count(*) from pg_catalog.pg_prepared_statements where from_sql)"
            + " || ' ' || (select count(*) from pg_catalog.pg_cursors where is_holdable)"
            + " || ' ' || (select count(*) from pg_catalog.pg_listening_channels())";

    /**
     * A hand-written step that sets what it needs for the session and leaves it to the connection's
     * end, as it could while every tenant had a connection of its own: the next tenant on the
     * worker does not see it (and its own run of the step does not meet it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"set session_replication_role = replica", "set statement_timeout = '1234s'",
        "select pg_advisory_lock(4242)", "prepare reuse_plan as select 1", "create temp table staging (id bigint)",
        "declare reuse_cursor cursor with hold for select 1", "listen reuse_channel", "set reuse.marker = 'left'"})
    void aTenantsSessionStartsAsAFreshConnectionsDoes(String leftInTheSession) throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            var seen = new ArrayList<String>();
            JavaStep observe = c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SESSION)) {
                    rs.next();
                    synchronized (seen) {
                        seen.add(rs.getString(1));
                    }
                }
            };
            Migration version = new StepVersion(1, "session", List.of("-- driftless:java reuse.Observe",
                    leftInTheSession, "create table meter (id bigint primary key)"), Map.of("reuse.Observe", observe));
            List<String> tenants = List.of("reuse_a", "reuse_b", "reuse_c");

            TenantMigration.Summary summary = TenantMigration.schemas(db.dataSource(), tenants, 1,
                    b -> b.migrations(List.of(version)));

            assertEquals(List.of("postgres origin 0 - 0 0 0 0 0", "postgres origin 0 - 0 0 0 0 0",
                    "postgres origin 0 - 0 0 0 0 0"), seen, "each tenant's session as a fresh connection has it");
            assertEquals(List.of(), summary.failures(), summary.describe());
        }
    }

    /** A step that works as another role and leaves the session in it: the next tenant works as the connection's user. */
    @Test
    void aRoleATenantSetStaysWithThatTenant() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            String role = db.name() + "_role";
            db.execute("create role " + role);
            try {
                var seen = new ArrayList<String>();
                JavaStep observe = c -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_user")) {
                        rs.next();
                        synchronized (seen) {
                            seen.add(rs.getString(1));
                        }
                    }
                };
                Migration version = new StepVersion(1, "role", List.of("-- driftless:java reuse.Observe",
                        "create table meter (id bigint primary key)",
                        "do $$ begin execute format('grant usage on schema %I to " + role + "', current_schema());"
                                + " execute format('grant all on all tables in schema %I to " + role + "', current_schema());"
                                + " end $$",
                        "set role " + role), Map.of("reuse.Observe", observe));

                TenantMigration.Summary summary = TenantMigration.schemas(db.dataSource(),
                        List.of("role_a", "role_b", "role_c"), 1, b -> b.migrations(List.of(version)));

                assertEquals(List.of("postgres", "postgres", "postgres"), seen, summary.describe());
                assertEquals(List.of(), summary.failures(), summary.describe());
            } finally {
                db.execute("drop owned by " + role, "drop role " + role);
            }
        }
    }

    /**
     * Interrupted while a tenant runs, the fan-out stops: the running tenant finishes, no other one
     * starts after the call returned, and every connection is closed once the workers are done.
     */
    @Test
    void anInterruptedFanOutStartsNoTenantAfterItReturnedAndLeavesNoConnectionOpen() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            var started = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var worker = new AtomicReference<Thread>();
            JavaStep hold = c -> {
                if (worker.compareAndSet(null, Thread.currentThread())) {
                    started.countDown();
                    // As a statement blocked on the server does, this one does not heed the interrupt.
                    boolean interrupted = false;
                    while (true) {
                        try {
                            release.await();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Migration version = new StepVersion(1, "hold", List.of(
                    "create table meter (id bigint primary key)", "-- driftless:java reuse.Hold"),
                    Map.of("reuse.Hold", hold));
            var opened = new ArrayList<Connection>();
            DataSource counted = counting(db.dataSource(), opened);
            var failure = new AtomicReference<Throwable>();
            Thread caller = new Thread(() -> {
                try {
                    TenantMigration.schemas(counted, List.of("stop_1", "stop_2", "stop_3"), 1,
                            b -> b.migrations(List.of(version)));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            caller.start();
            started.await();
            caller.interrupt();
            caller.join();
            assertTrue(failure.get() instanceof MigrationException, String.valueOf(failure.get()));
            release.countDown();
            worker.get().join();

            assertEquals(List.of("stop_1"), db.strings("select nspname::text from pg_catalog.pg_namespace"
                    + " where nspname like 'stop\\_%' order by 1"), "no tenant started after the call returned");
            synchronized (opened) {
                for (Connection c : opened) {
                    assertTrue(c.isClosed(), "a connection was left open");
                }
            }
        }
    }

    /**
     * A pool with fewer connections than workers, which waits for one to come back (as pools do,
     * most of them until a timeout): each tenant gives its connection back to the pool, so the
     * workers take turns with them, as they did when every tenant had a connection of its own.
     * Kept by a worker for its next tenant, a pooled connection would never come back while that
     * worker had tenants left, and the worker waiting for it would fail (or, with no timeout, wait
     * for ever).
     */
    @Test
    void aPoolWithFewerConnectionsThanWorkersServesEveryTenant() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            List<String> tenants = List.of("pool_1", "pool_2", "pool_3", "pool_4", "pool_5", "pool_6");

            TenantMigration.Summary summary = TenantMigration.schemas(pool(db.dataSource(), 1), tenants, 3,
                    b -> b.migrations(SampleVersions.all()));

            assertEquals(List.of(), summary.failures(), summary.describe());
        }
    }

    /**
     * A pool of {@code size} connections: a connection asked for while all are out is waited for,
     * 30 seconds at most (so that a connection that never comes back fails the test, not hangs it).
     */
    private static DataSource pool(DataSource source, int size) {
        var free = new Semaphore(size);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        try {
                            return method.invoke(source, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    try {
                        if (!free.tryAcquire(30, TimeUnit.SECONDS)) {
                            throw new SQLException("no connection came back to the pool");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException(e);
                    }
                    Connection real = source.getConnection();
                    boolean[] back = {false};
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    if (!back[0]) {
                                        back[0] = true;
                                        real.close();
                                        free.release();
                                    }
                                    return null;
                                }
                                if (m.getName().equals("isClosed") && back[0]) {
                                    return true;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    @Test
    void aFanOutThatWasStoppedHandsOutNoConnection() {
        var connections = new WorkerConnections(new PooledConnectionDataSource(null));
        connections.closeAll();
        assertThrows(SQLException.class, connections::getConnection);
    }

    private static DataSource counting(DataSource source, List<Connection> opened) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(source, args);
                        if (result instanceof Connection c) {
                            synchronized (opened) {
                                opened.add(c);
                            }
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
