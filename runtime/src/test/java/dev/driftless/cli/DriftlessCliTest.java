package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.Migration;
import dev.driftless.migrate.SampleVersions;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftlessCliTest {

    private static final List<Migration> VERSIONS = SampleVersions.all();

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

    private Run cli(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), VERSIONS);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run cli(String... args) {
        return cli(Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()), args);
    }

    @Test
    void statusMigrateHistoryDowngrade() {
        Run status = cli("status");
        assertEquals(DriftlessCli.PENDING, status.exit(), status.err());
        assertTrue(status.out().contains("version 0 of 3, 3 pending:"), status.out());

        Run dry = cli("migrate", "--to", "2", "--dry-run");
        assertEquals(0, dry.exit());
        assertTrue(dry.out().contains("-- version 2 (reading)"), dry.out());
        assertEquals(DriftlessCli.PENDING, cli("status").exit(), "a dry run changes nothing");

        Run migrate = cli("migrate", "--to=2");
        assertEquals(0, migrate.exit(), migrate.err());
        assertTrue(migrate.out().contains("applied 1 meter"), migrate.out());
        assertTrue(migrate.out().contains("the database is at version 2"), migrate.out());

        Run all = cli("migrate");
        assertTrue(all.out().contains("applied 3 meter_serial"), all.out());
        Run again = cli("migrate");
        assertTrue(again.out().contains("nothing to do; the database is at version 3"), again.out());
        assertEquals(0, cli("status").exit());

        Run history = cli("history");
        assertEquals(3, history.out().lines().filter(l -> l.contains("ok")).count(), history.out());

        Run down = cli("downgrade", "--to", "1");
        assertEquals(0, down.exit(), down.err());
        assertTrue(down.out().contains("reverted 3 meter_serial"), down.out());
        assertTrue(down.out().contains("the database is at version 1"), down.out());
    }

    @Test
    void refusalsAndBadUsageHaveTheirExitCodes() {
        cli("migrate");
        Run back = cli("migrate", "--to", "1");
        assertEquals(DriftlessCli.FAILED, back.exit());
        assertTrue(back.err().contains("downgrade"), back.err());

        assertEquals(DriftlessCli.USAGE, cli("downgrade").exit());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--to", "x").exit());
        assertEquals(DriftlessCli.USAGE, cli("fly").exit());
        assertEquals(DriftlessCli.USAGE, cli().exit());
        assertEquals(DriftlessCli.USAGE, cli(Map.of(), "status").exit(), "no database named");
        Run blank = cli("status", "--schema", " ");
        assertEquals(DriftlessCli.USAGE, blank.exit(), "a blank option value is bad usage, not a crash");
        assertTrue(blank.err().contains("schema must not be blank"), blank.err());
        Run help = cli("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("downgrade --to N"), help.out());
    }

    @Test
    void aFailedAttemptIsRefusedUntilRepaired() throws java.sql.SQLException {
        try (var c = db.connect(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("create table reading (x int)"); // in the way of version 2
        }
        Run failed = cli("migrate");
        assertEquals(DriftlessCli.FAILED, failed.exit());
        assertTrue(failed.err().contains("version 2 (reading) failed and was rolled back"), failed.err());
        Run refused = cli("migrate");
        assertEquals(DriftlessCli.INVALID_HISTORY, refused.exit());
        assertTrue(refused.err().contains("clear the failed attempt with `driftless repair`"), refused.err());

        try (var c = db.connect(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("drop table reading");
        }
        Run repair = cli("repair");
        assertEquals(0, repair.exit(), repair.err());
        assertTrue(repair.out().startsWith("cleared the failed attempt of version 2 (reading) at "), repair.out());
        assertEquals("nothing to repair: no failed attempt is recorded\n", cli("repair").out());
        Run migrate = cli("migrate");
        assertEquals(0, migrate.exit(), migrate.err());
        assertTrue(migrate.out().contains("the database is at version 3"), migrate.out());
    }

    @Test
    void anUnreachableDatabaseIsExitThreeAndThePasswordIsNeverPrinted() {
        Run r = cli(Map.of("DRIFTLESS_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2",
                "DRIFTLESS_JDBC_USER", "someone", "DRIFTLESS_JDBC_PASSWORD", "s3cret-pw"), "status");
        assertEquals(DriftlessCli.CANNOT_CONNECT, r.exit(), r.err());
        assertFalse(r.err().contains("s3cret-pw") || r.out().contains("s3cret-pw"));
    }

    @Test
    void sqlNeedsNoDatabase() {
        Run r = cli(Map.of(), "sql", "--from", "0", "--to", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("create table reading"), r.out());
        assertTrue(r.out().contains("INSERT INTO driftless_history"), r.out());
    }
}
