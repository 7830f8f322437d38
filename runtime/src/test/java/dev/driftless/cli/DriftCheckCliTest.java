package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}: the live schema against the snapshot of its version. */
class DriftCheckCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** Version 1 as freezing the sample energy model plans it. */
    private static final Version INITIAL = initial();

    private static Version initial() {
        var planned = VersionPlan.next(History.EMPTY, SampleModels.energy(), "initial").orElseThrow();
        return new Version(1, "initial", planned.up(), planned.down());
    }

    /** The snapshot of version 1, as a file. */
    private Path snapshotFile() throws java.io.IOException {
        Path snapshot = dir.resolve("snapshot.driftless");
        Files.writeString(snapshot, SnapshotFormat.write(new Snapshot(1, SampleModels.energy())));
        return snapshot;
    }

    private static Run cli(TestDatabase db, List<Migration> versions, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                versions);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noDriftThenDriftByHandThenABehindDatabase() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Run behind = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.DRIFTED, behind.exit(), behind.err());
            assertTrue(behind.out().contains("the database is at version 0 but the snapshot is of version 1"), behind.out());

            assertEquals(0, cli(db, versions, "migrate").exit());
            Run clean = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(0, clean.exit(), clean.out() + clean.err());
            assertTrue(clean.out().contains("no drift"), clean.out());

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter table datasource alter column external_id drop not null");
                st.execute("create index by_hand on datasource (name)");
            }
            Run drifted = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.DRIFTED, drifted.exit());
            assertTrue(drifted.out().contains("2 differences"), drifted.out());
            assertTrue(drifted.out().contains("create index by_hand on datasource"), drifted.out());
            assertTrue(drifted.out().contains("drop not null on datasource.external_id"), drifted.out());

            Run json = cli(db, versions, "check", "--snapshot", snapshot.toString(), "--json");
            assertEquals(DriftlessCli.DRIFTED, json.exit());
            assertEquals("{\"databaseVersion\":1,\"snapshotVersion\":1,\"comparable\":true,\"drifted\":true,"
                    + "\"differences\":[{\"kind\":\"set_nullable\",\"description\":\"drop not null on datasource.external_id\"},"
                    + "{\"kind\":\"create_index\",\"description\":\"create index by_hand on datasource\"}]}\n",
                    json.out());
        }
    }

    @Test
    void baselineAdoptsADatabaseBuiltByAnotherToolOnlyWhenItMatches() throws Exception {
        List<Migration> versions = List.of(INITIAL,
                new Version(2, "extra", List.of("create table extra (id int)"), List.of("drop table extra")));
        Path snapshot = snapshotFile();

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            // Built by "another tool": the same DDL, plus that tool's own history table.
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (String sql : INITIAL.up()) {
                    st.execute(sql);
                }
                st.execute("create table flyway_schema_history (installed_rank int primary key, version text)");
                st.execute("alter table datasource add column legacy text");
            }
            Run refused = cli(db, versions, "baseline", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.FAILED, refused.exit());
            assertTrue(refused.err().contains("add column datasource.legacy text"), refused.err());
            assertTrue(refused.err().contains("Nothing was recorded"), refused.err());
            assertEquals(DriftlessCli.PENDING, cli(db, versions, "status").exit());

            Run forced = cli(db, versions, "baseline", "--snapshot", snapshot.toString(), "--force");
            assertEquals(0, forced.exit(), forced.err());
            assertTrue(forced.out().contains("recorded the database as being at version 1"), forced.out());

            Run migrate = cli(db, versions, "migrate");
            assertTrue(migrate.out().contains("applied 2 extra"), migrate.out());
            assertTrue(!migrate.out().contains("applied 1 "), "version 1 is not run again: " + migrate.out());

            Run again = cli(db, versions, "baseline", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.FAILED, again.exit());
            assertTrue(again.err().contains("already has a Driftless history"), again.err());
        }
    }

    @Test
    void aMatchingDatabaseIsAdoptedWithoutForce() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (String sql : INITIAL.up()) {
                    st.execute(sql);
                }
            }
            Run adopted = cli(db, versions, "baseline", "--snapshot", snapshot.toString());
            assertEquals(0, adopted.exit(), adopted.err());
            assertEquals(0, cli(db, versions, "status").exit());
            assertEquals(0, cli(db, versions, "check", "--snapshot", snapshot.toString()).exit());
        }
    }

    @Test
    void aBadSnapshotFileIsAUsageError() throws SQLException, java.io.IOException {
        Path bad = dir.resolve("bad.driftless");
        Files.writeString(bad, "not a snapshot");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Run r = cli(db, List.of(), "check", "--snapshot", bad.toString());
            assertEquals(DriftlessCli.USAGE, r.exit());
            assertTrue(r.err().contains("not a Driftless snapshot"), r.err());
        }
    }
}
