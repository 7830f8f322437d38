package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --to +N} / {@code --to -N} and {@code migrate +N} / {@code downgrade -N}, as Alembic reads them. */
class RelativeTargetCliTest {

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

    private List<String> applied() throws SQLException {
        return db.strings("select version::text from driftless_history where success order by version");
    }

    @Test
    void plusOneAppliesTheNextVersionFromWhereTheDatabaseIs() throws SQLException {
        Run first = cli("migrate", "--to", "+1");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("the database is at version 1"), first.out());

        // At version 1, +1 is version 2, not version 1 again.
        Run second = cli("migrate", "--to", "+1");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("applied 2 reading"), second.out());
        assertTrue(second.out().contains("the database is at version 2"), second.out());
        assertEquals(List.of("1", "2"), applied());

        Run positional = cli("migrate", "+1");
        assertEquals(0, positional.exit(), positional.err());
        assertTrue(positional.out().contains("applied 3 meter_serial"), positional.out());
        assertEquals(List.of("1", "2", "3"), applied());
    }

    @Test
    void minusOneRevertsTheLastVersionAndTheRoundTripComesBack() throws SQLException {
        assertEquals(0, cli("migrate").exit());

        Run dry = cli("downgrade", "-1", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("dry run: version 3 to 2"), dry.out());

        Run down = cli("downgrade", "-1");
        assertEquals(0, down.exit(), down.err());
        assertTrue(down.out().contains("reverted 3 meter_serial"), down.out());
        assertTrue(down.out().contains("the database is at version 2"), down.out());
        assertEquals(List.of("1", "2"), applied());
        assertEquals(List.of(), db.strings("select column_name::text from information_schema.columns"
                + " where table_name = 'meter' and column_name = 'serial'"));

        Run downTo = cli("downgrade", "--to", "-2");
        assertEquals(0, downTo.exit(), downTo.err());
        assertTrue(downTo.out().contains("the database is at version 0"), downTo.out());
        assertEquals(List.of(), applied());

        Run up = cli("migrate");
        assertEquals(0, up.exit(), up.err());
        assertEquals(List.of("1", "2", "3"), applied());
        assertEquals(List.of("serial"), db.strings("select column_name::text from information_schema.columns"
                + " where table_name = 'meter' and column_name = 'serial'"));
    }

    @Test
    void relativeTargetsOutsideTheHistoryAreRefusedAndTheWrongDirectionIsBadUsage() throws SQLException {
        assertEquals(0, cli("migrate", "--to", "2").exit());

        Run past = cli("migrate", "+2");
        assertEquals(DriftlessCli.FAILED, past.exit(), past.err());
        assertTrue(past.err().contains("the database is at version 2 and the code's latest version is 3: +2 would go"
                + " to version 4"), past.err());
        assertTrue(past.err().contains("run migrate to apply the 1 pending version"), past.err());

        Run below = cli("downgrade", "-3");
        assertEquals(DriftlessCli.FAILED, below.exit(), below.err());
        assertTrue(below.err().contains("the database is at version 2: -3 would go below version 0"), below.err());

        Run upInDowngrade = cli("downgrade", "+1");
        assertEquals(DriftlessCli.USAGE, upInDowngrade.exit());
        assertTrue(upInDowngrade.err().contains("run migrate +1"), upInDowngrade.err());
        Run downInMigrate = cli("migrate", "--to", "-1");
        assertEquals(DriftlessCli.USAGE, downInMigrate.exit());
        assertTrue(downInMigrate.err().contains("run downgrade -1"), downInMigrate.err());
        assertEquals(DriftlessCli.USAGE, cli("migrate", "--to", "+x").exit());
        assertEquals(DriftlessCli.USAGE, cli("downgrade", "--to", "--1").exit());
        assertEquals(List.of("1", "2"), applied(), "nothing refused changed the database");
    }
}
