package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Seed 001: the same versions in many tenant schemas, in parallel, failures kept to their tenant. */
class TenantMigrationTest {

    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b", "Tenant C", "tenant_d", "tenant_e");

    @Test
    void everyTenantGetsItsOwnHistoryAndAFailureStaysInItsTenant() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // tenant_d already has a table in the way of version 2.
                st.execute("create schema tenant_d");
                st.execute("create table tenant_d.reading (x int)");
            }
            TenantMigration.Summary summary = TenantMigration.schemas(db.dataSource(), TENANTS, 2,
                    b -> b.migrations(SampleVersions.all()));

            assertEquals(TENANTS, summary.outcomes().stream().map(TenantMigration.Outcome::tenant).toList());
            assertEquals(List.of("tenant_d"), summary.failures().stream().map(TenantMigration.Outcome::tenant).toList());
            MigrationException cause = summary.failures().get(0).failure();
            assertTrue(cause.getMessage().contains("version 2 (reading) failed and was rolled back"), cause.getMessage());
            assertTrue(summary.describe().endsWith("4 of 5 tenants migrated"), summary.describe());

            for (String tenant : List.of("tenant_a", "tenant_b", "Tenant C", "tenant_e")) {
                assertEquals(3, versions(db, tenant), tenant);
                assertEquals(1, count(db, "select count(*) from pg_tables where schemaname = '" + tenant
                        + "' and tablename = 'reading'"), tenant);
            }
            assertEquals(1, versions(db, "tenant_d"), "tenant_d stopped before its failing version");
            assertEquals(0, count(db, "select count(*) from pg_tables where schemaname = 'public'"),
                    "nothing leaked into the default schema");

            // A second run: the healthy tenants have nothing to do; the broken one fails the same way.
            TenantMigration.Summary again = TenantMigration.schemas(db.dataSource(), TENANTS, 3,
                    b -> b.migrations(SampleVersions.all()));
            assertTrue(again.outcomes().stream().filter(TenantMigration.Outcome::succeeded)
                    .allMatch(o -> o.result().upToDate()), again.describe());
            assertEquals(1, again.failures().size());
        }
    }

    /**
     * Each worker keeps its connection from one tenant to the next: a fan-out over many schemas
     * opens about as many connections as it has workers (one more for each failed tenant, whose
     * connection is dropped), not one per tenant, and closes them all before it returns.
     */
    @Test
    void theWorkersKeepTheirConnectionsFromOneTenantToTheNext() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create schema many_07", "create table many_07.reading (x int)");
            List<String> tenants = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                tenants.add(String.format("many_%02d", i));
            }
            var opened = new ArrayList<Connection>();
            DataSource counted = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(db.dataSource(), args);
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

            TenantMigration.Summary summary = TenantMigration.schemas(counted, tenants, 3,
                    b -> b.migrations(SampleVersions.all()));

            assertEquals(List.of("many_07"), summary.failures().stream().map(TenantMigration.Outcome::tenant).toList());
            for (String tenant : tenants) {
                assertEquals(tenant.equals("many_07") ? 1 : 3, versions(db, tenant), tenant);
            }
            assertTrue(opened.size() <= 3 + 1, opened.size() + " connections opened for 16 tenants on 3 workers");
            for (Connection c : opened) {
                assertTrue(c.isClosed(), "a connection was left open");
            }
            // The kept connections were given back as each tenant left them: nothing set, nothing locked.
            assertEquals(List.of("0"), db.strings("select count(*) from pg_catalog.pg_locks"
                    + " where locktype = 'advisory' and database = (select oid from pg_catalog.pg_database"
                    + " where datname = current_database())"));
        }
    }

    /**
     * What is held per tenant while the others run is its outcome, not its migrator: each tenant's
     * migrator is built when a worker takes it, so by the time the last one is built every tenant
     * but the few still running on the other workers is done (its schema made).
     */
    @Test
    void eachTenantsMigratorIsBuiltWhenItsTurnComes() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            List<String> tenants = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                tenants.add(String.format("turn_%02d", i));
            }
            var building = new ArrayList<String>();
            TenantMigration.Summary summary = TenantMigration.schemas(db.dataSource(), tenants, 3, b -> {
                try {
                    String made = db.strings("select count(*) from pg_catalog.pg_namespace where nspname like 'turn\\_%'")
                            .get(0);
                    synchronized (building) {
                        building.add(made);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return b.migrations(SampleVersions.all());
            });

            assertEquals(List.of(), summary.failures(), summary.describe());
            assertEquals(16, building.size(), "one migrator a tenant");
            // When the last is built, the 15 before it were taken; at most 2 of them still run on the other workers.
            assertTrue(building.stream().mapToInt(Integer::parseInt).max().orElse(0) >= 13,
                    "schemas made as the migrators were built: " + building);
        }
    }

    private static int versions(TestDatabase db, String schema) throws SQLException {
        return count(db, "select count(*) from \"" + schema + "\".driftless_history where success");
    }

    private static int count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
