package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate --schemas}, {@code --schemas-from} a file or a query, {@code --parallel}: one line per tenant, a total, exit 1 when one failed. */
class TenantCliTest {

    private TestDatabase db;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void create() {
        db = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                SampleVersions.all());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> versions(String schema) throws SQLException {
        return db.strings("select version || ':' || success from " + schema + ".driftless_history order by version");
    }

    @Test
    void oneFailingTenantIsReportedAloneAndMakesTheExitNonZero() throws SQLException {
        // tenant_b already has a table that version 2 creates: its version 2 fails, the others do not.
        db.execute("create schema tenant_b", "create table tenant_b.reading (x int)");

        Run run = cli("migrate", "--schemas", "tenant_a,tenant_b,tenant_c", "--parallel", "2", "--verbose");
        assertEquals(DriftlessCli.FAILED, run.exit(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("tenant_a: at version 3, applied 3 ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("tenant_b: FAILED: version 2 (reading) failed and was rolled back"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("tenant_c: at version 3, applied 3 ("), lines.get(2));
        assertEquals("2 of 3 tenants migrated", lines.get(3));
        assertTrue(run.err().contains("driftless: 1 of 3 tenants failed: tenant_b;"), run.err());

        // --verbose: the migrator's own lines, each naming its tenant.
        List<String> log = run.err().lines().filter(l -> !l.startsWith("driftless: ")).toList();
        assertTrue(log.stream().anyMatch(l -> l.equals("[tenant_a] applied version 1 (meter) in " + l.split(" in ")[1])),
                run.err());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[tenant_c] applied version 3 (meter_serial)")), run.err());
        assertTrue(log.stream().allMatch(l -> l.matches("\\[tenant_[abc]] .*")), run.err());

        assertEquals(List.of("1:true", "2:true", "3:true"), versions("tenant_a"));
        assertEquals(List.of("1:true", "2:false"), versions("tenant_b"));
        assertEquals(List.of("1:true", "2:true", "3:true"), versions("tenant_c"));
    }

    @Test
    void tenantsComeFromAFileOrAQuery(@TempDir Path dir) throws SQLException, java.io.IOException {
        Path file = dir.resolve("tenants.txt");
        Files.writeString(file, "# one schema a line\nshop_1\n\n  shop_2   # the second shop\n");
        Run fromFile = cli("migrate", "--schemas-from", file.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(List.of("shop_1", "shop_2", "2 of 2 tenants migrated"),
                fromFile.out().lines().map(l -> l.split(":")[0]).toList());
        assertEquals("", fromFile.err(), "quiet by default: no log line from the migrator");

        db.execute("create table tenants (name text, active boolean)",
                "insert into tenants values ('shop_2', true), ('shop_3', true), ('shop_4', false)");
        Run fromQuery = cli("migrate", "--schemas-from", "SELECT name FROM tenants WHERE active ORDER BY name");
        assertEquals(0, fromQuery.exit(), fromQuery.err());
        List<String> lines = fromQuery.out().lines().toList();
        assertTrue(lines.get(0).startsWith("shop_2: at version 3, applied 0 ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("shop_3: at version 3, applied 3 ("), lines.get(1));
        assertEquals("2 of 2 tenants migrated", lines.get(2));
        assertEquals(List.of(), db.strings("select nspname::text from pg_namespace where nspname = 'shop_4'"));
    }

    @Test
    void badTenantOptionsAreBadUsage(@TempDir Path dir) {
        assertEquals(DriftlessCli.USAGE, cli("status", "--schemas", "a,b").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--schemas", "a", "--schema", "b").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--schemas", "a", "--to", "2").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--schemas", " , ").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--schemas", "a", "--parallel", "0").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--parallel", "2").exit());
        Run missing = cli("migrate", "--schemas-from", dir.resolve("none.txt").toString());
        assertEquals(DriftlessCli.USAGE, missing.exit());
        assertTrue(missing.err().contains("cannot read the tenant file"), missing.err());
        Run badQuery = cli("migrate", "--schemas-from", "select nothing from nowhere");
        assertEquals(DriftlessCli.FAILED, badQuery.exit(), badQuery.err());
        assertTrue(badQuery.err().contains("the tenant query (--schemas-from) failed"), badQuery.err());
    }
}
