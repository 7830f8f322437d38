package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                    + "{\"kind\":\"create_index\",\"description\":\"create index by_hand on datasource\"}],\"issues\":[],\"accepted\":[]}\n",
                    json.out());
        }
    }

    @Test
    void aCollationChangedByHandIsDrift() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(0, cli(db, versions, "migrate").exit());
            db.execute("alter table datasource alter column name type varchar(200) collate \"C\"");

            Run drifted = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.DRIFTED, drifted.exit(), drifted.out() + drifted.err());
            assertTrue(drifted.out().contains("1 difference;"), drifted.out());
            assertTrue(drifted.out().contains("change collation of datasource.name from the default to \"C\""),
                    drifted.out());
            Run json = cli(db, versions, "check", "--snapshot", snapshot.toString(), "--json");
            assertEquals(DriftlessCli.DRIFTED, json.exit());
            assertTrue(json.out().contains("{\"kind\":\"alter_column_type\",\"description\":\"change collation of"
                    + " datasource.name from the default to \\\"C\\\"\"}"), json.out());

            db.execute("alter table datasource alter column name type varchar(200) collate \"default\"");
            assertEquals(0, cli(db, versions, "check", "--snapshot", snapshot.toString()).exit(),
                    "the type's own collation, named, is no collation of the column's");
        }
    }

    @Test
    void aTriggerMadeByHandIsDrift() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(0, cli(db, versions, "migrate").exit());
            db.execute("create function stamp_name() returns trigger language plpgsql as"
                            + " $$ begin new.name := upper(new.name); return new; end $$",
                    "create trigger \"Stamp name\" before insert or update on datasource for each row"
                            + " execute function stamp_name()");

            Run drifted = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.DRIFTED, drifted.exit(), drifted.out() + drifted.err());
            assertTrue(drifted.out().contains("trigger \"Stamp name\" on datasource is neither in the model nor made by an applied version"), drifted.out());
            assertTrue(drifted.out().contains("EXECUTE FUNCTION stamp_name()"), "says what it does: " + drifted.out());
            assertTrue(drifted.out().contains("DROP TRIGGER \"Stamp name\" ON datasource"), drifted.out());

            Run json = cli(db, versions, "check", "--snapshot", snapshot.toString(), "--json");
            assertEquals(DriftlessCli.DRIFTED, json.exit());
            assertTrue(json.out().contains("\"drifted\":true"), json.out());
            assertTrue(json.out().contains("\"issues\":[{\"kind\":\"unmanaged_trigger\",\"table\":\"datasource\","
                    + "\"name\":\"Stamp name\",\"description\":\"trigger \\\"Stamp name\\\" on datasource"), json.out());

            db.execute("drop trigger \"Stamp name\" on datasource");
            assertEquals(0, cli(db, versions, "check", "--snapshot", snapshot.toString()).exit());
        }
    }

    @Test
    void aTriggerAVersionMadeIsTheHistorysNotDrift() throws Exception {
        var audit = new Version(2, "audit", List.of(
                "create function stamp_name() returns trigger language plpgsql as"
                        + " $$ begin new.name := upper(new.name); return new; end $$",
                "CREATE TRIGGER \"Stamp name\" BEFORE INSERT OR UPDATE ON public.datasource FOR EACH ROW"
                        + " EXECUTE FUNCTION stamp_name()"),
                List.of("drop trigger \"Stamp name\" on datasource", "drop function stamp_name()"));
        var unstamp = new Version(3, "unstamp", List.of("drop trigger \"Stamp name\" on datasource"), List.of());
        Path two = dir.resolve("two.driftless");
        Files.writeString(two, SnapshotFormat.write(new Snapshot(2, SampleModels.energy())));
        Path three = dir.resolve("three.driftless");
        Files.writeString(three, SnapshotFormat.write(new Snapshot(3, SampleModels.energy())));
        List<Migration> versions = List.of(INITIAL, audit, unstamp);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(0, cli(db, versions, "migrate", "--to", "2").exit());
            Run clean = cli(db, versions, "check", "--snapshot", two.toString());
            assertEquals(0, clean.exit(), clean.out());

            // Made again by hand after the version that dropped it: drift.
            assertEquals(0, cli(db, versions, "migrate").exit());
            db.execute("create trigger \"Stamp name\" before insert on datasource for each row execute function stamp_name()");
            Run drifted = cli(db, versions, "check", "--snapshot", three.toString());
            assertEquals(DriftlessCli.DRIFTED, drifted.exit(), drifted.out());
            assertTrue(drifted.out().contains("trigger \"Stamp name\" on datasource is neither in the model nor made"
                    + " by an applied version"), drifted.out());
        }
    }

    @Test
    void anInvalidIndexIsDriftEvenUnderTheExpectedName() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(0, cli(db, versions, "migrate").exit());
            db.execute("insert into datasource (external_id, name) values ('a', 'same'), ('b', 'same')",
                    "drop index idx_energy_hourly_ts");
            // A concurrent build that fails leaves its index behind, invalid: one on duplicate rows,
            // one that timed out waiting for a writer's transaction.
            assertThrows(SQLException.class,
                    () -> db.execute("create unique index concurrently datasource_name_key on datasource (name)"));
            try (Connection writer = db.connect(); Statement w = writer.createStatement()) {
                writer.setAutoCommit(false);
                w.execute("insert into fact_energy_hourly (datasource_id, ts) select id, now() from datasource limit 1");
                assertThrows(SQLException.class, () -> db.execute("set lock_timeout = '200ms'",
                        "create index concurrently idx_energy_hourly_ts on fact_energy_hourly (ts desc)"));
                writer.rollback();
            }
            assertEquals(List.of("false", "false"), db.strings("select indisvalid::text from pg_index"
                    + " where indexrelid in ('datasource_name_key'::regclass, 'idx_energy_hourly_ts'::regclass)"));

            Run drifted = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.DRIFTED, drifted.exit(), drifted.out() + drifted.err());
            assertTrue(drifted.out().contains("index idx_energy_hourly_ts on fact_energy_hourly is invalid"), drifted.out());
            assertTrue(drifted.out().contains("REINDEX INDEX CONCURRENTLY idx_energy_hourly_ts"), drifted.out());
            assertFalse(drifted.out().contains("drop index idx_energy_hourly_ts"),
                    "the index is there, under its name and definition: " + drifted.out());
            assertTrue(drifted.out().contains("index datasource_name_key on datasource is invalid"), drifted.out());
            assertTrue(drifted.out().contains("does not guarantee"), "a unique one does not enforce: " + drifted.out());
            assertTrue(drifted.out().contains("DROP INDEX CONCURRENTLY datasource_name_key"), drifted.out());

            Run json = cli(db, versions, "check", "--snapshot", snapshot.toString(), "--json");
            assertEquals(DriftlessCli.DRIFTED, json.exit());
            assertTrue(json.out().contains("{\"kind\":\"invalid_index\",\"table\":\"fact_energy_hourly\","
                    + "\"name\":\"idx_energy_hourly_ts\""), json.out());

            // Doing what the report says clears it.
            db.execute("reindex index concurrently idx_energy_hourly_ts", "drop index concurrently datasource_name_key");
            Run clean = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(0, clean.exit(), clean.out());
        }
    }

    @Test
    void baselineReportsATriggerMadeByHandInsteadOfAcceptingIt() throws Exception {
        List<Migration> versions = List.of(INITIAL);
        Path snapshot = snapshotFile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (String sql : INITIAL.up()) {
                    st.execute(sql);
                }
            }
            db.execute("create function audit() returns trigger language plpgsql as $$ begin return null; end $$",
                    "create trigger audit_datasource after delete on datasource for each row execute function audit()");
            Run refused = cli(db, versions, "baseline", "--snapshot", snapshot.toString());
            assertEquals(DriftlessCli.FAILED, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("trigger audit_datasource on datasource is neither in the model nor made by an applied version"), refused.err());
            assertTrue(refused.err().contains("Nothing was recorded"), refused.err());
            assertEquals(DriftlessCli.PENDING, cli(db, versions, "status").exit());

            Run forced = cli(db, versions, "baseline", "--snapshot", snapshot.toString(), "--force");
            assertEquals(0, forced.exit(), forced.err());
            assertTrue(forced.out().contains("trigger audit_datasource on datasource"), forced.out());
            assertTrue(forced.out().contains("accepted with --force"), forced.out());
            // What the forced baseline accepted is listed, not counted: the check does not fail on it for ever.
            Run check = cli(db, versions, "check", "--snapshot", snapshot.toString());
            assertEquals(0, check.exit(), check.out() + check.err());
            assertTrue(check.out().contains("accepted: trigger audit_datasource on datasource"), check.out());
            db.execute("drop trigger audit_datasource on datasource");
            assertEquals("no drift: the database matches the snapshot of version 1\n",
                    cli(db, versions, "check", "--snapshot", snapshot.toString()).out());
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
