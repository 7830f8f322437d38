package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.HibernateNamedDatabase;
import dev.driftless.migrate.Migration;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline --align-names}: a database with Hibernate's and hand-written names adopted with the snapshot's. */
class BaselineAlignNamesCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run cli(TestDatabase db, List<Migration> versions, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                versions);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusedWithoutItThenAdoptedWithIt() throws Exception {
        List<Migration> versions = HibernateNamedDatabase.migrations();
        Path snapshot = dir.resolve("snapshot.driftless");
        Files.writeString(snapshot, SnapshotFormat.write(HibernateNamedDatabase.snapshot()));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(HibernateNamedDatabase.SCHEMA);

            Run help = cli(db, versions, "--help");
            assertTrue(help.out().contains("baseline [--snapshot FILE] [--force] [--align-names]"), help.out());
            assertTrue(help.out().contains("--align-names first renames each constraint and index that differs"),
                    help.out());

            Run misplaced = cli(db, versions, "check", "--align-names", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.USAGE, misplaced.exit(), misplaced.err());
            assertTrue(misplaced.err().contains("--align-names goes with baseline"), misplaced.err());

            Run refused = cli(db, versions, "baseline", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.FAILED, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("All 5 differences are only in name: baseline with align names"
                    + " (`driftless baseline --align-names`"), refused.err());
            assertEquals(HibernateNamedDatabase.sorted(HibernateNamedDatabase.BUILT_NAMES),
                    HibernateNamedDatabase.names(db));

            Run adopted = cli(db, versions, "baseline", "--snapshot", snapshot.toString(), "--align-names");
            assertEquals(DriftlessCli.OK, adopted.exit(), adopted.out() + adopted.err());
            assertEquals(List.of("rename constraint uk_meter_serial on meter to meter_serial_no_key",
                    "rename constraint fk_meter_site on meter to meter_site_id_fkey",
                    "rename constraint fkcnyvxos14cif7awah3dxb0mn3 on reading to reading_meter_id_fkey",
                    "rename index idx4lp1g6s2vxhn8oab3rlmqm2je on reading to reading_taken_at_idx",
                    "rename constraint ukq7xkr1d0a8iqk2m6gq3b1j0 on site to site_code_key",
                    "recorded the database as being at version 1"), adopted.out().lines().toList());
            assertFalse(adopted.out().contains("accepted"), adopted.out());
            assertEquals(HibernateNamedDatabase.sorted(HibernateNamedDatabase.SNAPSHOT_NAMES),
                    HibernateNamedDatabase.names(db));
            assertEquals(HibernateNamedDatabase.ROWS, HibernateNamedDatabase.rows(db));

            Run check = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.OK, check.exit(), check.out() + check.err());
            assertFalse(check.out().contains("accepted"), check.out());
            Run migrate = cli(db, versions, "migrate");
            assertEquals(DriftlessCli.OK, migrate.exit(), migrate.out() + migrate.err());
            assertTrue(migrate.out().contains("applied 2 cascade"), migrate.out());
        }
    }
}
