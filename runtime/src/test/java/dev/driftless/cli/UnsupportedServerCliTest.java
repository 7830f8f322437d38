package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.SampleVersions;
import dev.driftless.migrate.UnsupportedServerException;
import dev.driftless.testing.PostgresBinaries;
import dev.driftless.testing.PrivateCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 12 (the newest major version Driftless does not support) is refused before
 * anything is read or written: the migrator throws, every command of the CLI says so and exits
 * with 1 (refused), and the database has no history table afterwards.
 */
class UnsupportedServerCliTest {

    private static PrivateCluster postgres12;

    @BeforeAll
    static void start() throws Exception {
        var missing = PostgresBinaries.unavailable(12).or(PrivateCluster::unavailable);
        assumeTrue(missing.isEmpty(), () -> "no PostgreSQL 12 to test with: " + missing.orElseThrow());
        postgres12 = PrivateCluster.open(12, List.of());
    }

    @AfterAll
    static void stop() {
        if (postgres12 != null) {
            postgres12.close();
        }
    }

    @Test
    void theServerIsReallyTwelve() throws Exception {
        assertEquals("12", query("select current_setting('server_version_num')::integer / 10000"));
    }

    @Test
    void migratorRefusesTheServerAndChangesNothing() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres12.jdbcUrl("postgres"));
        Migrator migrator = Migrator.builder(dataSource).migrations(SampleVersions.all()).build();

        var refused = assertThrows(UnsupportedServerException.class, migrator::migrate);
        assertTrue(refused.getMessage().startsWith("the server is PostgreSQL 12."), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("upgrade the server to PostgreSQL 13 or later (13 to 18 are tested)"),
                refused.getMessage());
        assertThrows(UnsupportedServerException.class, migrator::status);
        assertEquals("0", query("select count(*) from pg_class where relname in ('driftless_history', 'meter')"));
    }

    @Test
    void everyCommandOnTheDatabaseExitsWithRefused() throws Exception {
        for (List<String> command : List.of(List.of("status"), List.of("migrate"), List.of("history"),
                List.of("downgrade", "--to", "0"), List.of("repair"), List.of("docs", "--out", "target/unsupported-docs"))) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int exit = DriftlessCli.run(command.toArray(String[]::new),
                    Map.of("DRIFTLESS_JDBC_URL", postgres12.jdbcUrl("postgres")),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    SampleVersions.all());
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(DriftlessCli.FAILED, exit, command + ": " + message);
            assertTrue(message.startsWith("driftless: the server is PostgreSQL 12."), command + ": " + message);
            assertTrue(message.contains("older than the oldest version Driftless supports, PostgreSQL 13; nothing was"
                    + " read or changed"), message);
        }
        assertEquals("0", query("select count(*) from pg_class where relname in ('driftless_history', 'meter')"));
    }

    private static String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres12.jdbcUrl("postgres"));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
