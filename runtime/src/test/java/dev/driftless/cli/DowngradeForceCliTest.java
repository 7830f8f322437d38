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
import org.junit.jupiter.api.Test;

/** {@code downgrade} refuses to discard values that are there (exit 1, nothing changed) unless {@code --force}. */
class DowngradeForceCliTest {

    private static String[] run(TestDatabase db, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                SampleVersions.all());
        return new String[] {String.valueOf(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void downgradeRefusesToDiscardValuesUnlessForced() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals("0", run(db, "migrate")[0]);
            db.execute("insert into meter values (1, 'SN-1'), (2, null)");

            String[] refused = run(db, "downgrade", "--to", "2");
            assertEquals("1", refused[0], refused[2]);
            assertTrue(refused[2].contains("drops column meter.serial, which has values in 1 row"), refused[2]);
            assertTrue(refused[2].contains("--force"), refused[2]);
            assertEquals(List.of("1|SN-1", "2|"), db.strings("select id || '|' || coalesce(serial, '') from meter order by id"));

            String[] forced = run(db, "downgrade", "--to", "2", "--force");
            assertEquals("0", forced[0], forced[2]);
            assertEquals(List.of("1", "2"), db.strings("select id::text from meter order by id"));
            assertEquals(List.of(), db.strings("select 1 from information_schema.columns where column_name = 'serial'"));
        }
    }
}
