package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.SampleVersions;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads the history validates it as {@code migrate} does, on a real PostgreSQL:
 * a database ahead of the code, a changed checksum, a failed attempt and the squash cases are
 * reported with the same message and the exit code {@link DriftlessCli#INVALID_HISTORY}; failures
 * to connect or log in are {@link DriftlessCli#CANNOT_CONNECT}.
 */
class HistoryValidationCliTest {

    private TestDatabase db;
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void create() {
        db = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Run cli(List<Migration> versions, Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), versions);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run cli(List<Migration> versions, String... args) {
        return cli(versions, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()), args);
    }

    private String snapshotFile(int version) throws IOException {
        SchemaModel model = new SchemaModel(List.of(new Table(QualifiedName.of("meter"),
                List.of(Column.of("id", "bigint", false)), new PrimaryKey("meter_pkey", List.of("id")), List.of(),
                List.of(), List.of(), null)), List.of());
        Path file = dir.resolve("snapshot.driftless");
        Files.writeString(file, SnapshotFormat.write(new Snapshot(version, model)));
        return file.toString();
    }

    /** status, history, migrate --dry-run and check each report {@code message} and exit with the validation's code. */
    private void everyReadingCommandRefuses(List<Migration> versions, String message) throws IOException {
        String snapshot = snapshotFile(versions.get(versions.size() - 1).version());
        for (String[] command : List.of(new String[] {"status"}, new String[] {"history"},
                new String[] {"migrate", "--dry-run"}, new String[] {"check", "--snapshot", snapshot},
                new String[] {"migrate"})) {
            Run run = cli(versions, command);
            String what = String.join(" ", command) + ": " + run;
            assertEquals(DriftlessCli.INVALID_HISTORY, run.exit(), what);
            assertTrue(run.err().contains(message), what);
        }
    }

    @Test
    void aDatabaseAheadOfTheCodeIsReportedByEveryCommand() throws IOException, SQLException {
        assertEquals(0, cli(SampleVersions.all(), "migrate").exit());
        List<Migration> older = List.of(SampleVersions.METER, SampleVersions.READING);
        everyReadingCommandRefuses(older, "version 3 (meter_serial) is applied in the database but the code does not"
                + " have it: the database is newer than the code (the code has versions 1 to 2)");
        Run status = cli(older, "status");
        assertFalse(status.out().contains("up to date"), status.out());
        assertEquals(List.of("3"), db.strings("select count(*) from driftless_history"), "nothing was changed");
    }

    @Test
    void aChangedChecksumIsReportedByEveryCommand() throws IOException, SQLException {
        assertEquals(0, cli(SampleVersions.all(), "migrate").exit());
        db.execute("update driftless_history set checksum = 'sha256:edited' where version = 2");
        everyReadingCommandRefuses(SampleVersions.all(), "version 2 (reading) was applied with checksum sha256:edited"
                + " but the code has " + SampleVersions.READING.checksum() + ": a frozen version was changed");
    }

    @Test
    void aFailedAttemptIsReportedByEveryCommand() throws IOException, SQLException {
        db.execute("create table reading (x int)"); // in the way of version 2
        assertEquals(DriftlessCli.FAILED, cli(SampleVersions.all(), "migrate").exit());
        db.execute("drop table reading");
        everyReadingCommandRefuses(SampleVersions.all(), "version 2 (reading) failed at ");
        Run status = cli(SampleVersions.all(), "status");
        assertTrue(status.err().contains("clear the failed attempt with `driftless repair`"), status.err());
    }

    @Test
    void anUnfinishedVersionIsShownAsResumableNotAsAFailureOfNull() throws SQLException {
        assertEquals(0, cli(SampleVersions.all(), "migrate", "--to", "1").exit());
        // What an interrupted version with a concurrent index build leaves: progress, no error.
        db.execute("insert into driftless_history (version, description, checksum, applied_at, execution_ms, success,"
                + " error, completed_steps) values (2, 'reading', '" + SampleVersions.READING.checksum()
                + "', now(), 0, false, null, 1)");
        Run status = cli(SampleVersions.all(), "status");
        assertEquals(DriftlessCli.PENDING, status.exit(), status.toString());
        assertFalse(status.out().contains("null"), status.out());
        assertTrue(status.out().contains("version 2 (reading) is unfinished: 1 of its statements done;"
                + " migrate resumes it"), status.out());
    }

    private static SchemaModel model(Column... extra) {
        var columns = new ArrayList<Column>(List.of(Column.of("id", "bigint", false), Column.of("name", "text", true)));
        columns.addAll(List.of(extra));
        return new SchemaModel(List.of(new Table(QualifiedName.of("datasource"), columns,
                new PrimaryKey("datasource_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static History freeze(History history, SchemaModel model, String name) {
        FrozenVersion v = VersionPlan.plan(history, model, name, Renames.NONE, HandWrittenSteps.NONE).orElseThrow()
                .version();
        v = VersionFormat.read(VersionFormat.write(v), v.fileName());
        return history.plus(v, new Snapshot(v.version(), model));
    }

    private static List<Migration> migrations(History history) {
        return history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
    }

    private static final History BEFORE_SQUASH = freeze(freeze(History.EMPTY, model(Column.of("note", "text", true)),
            "initial"), model(), "drop_note");

    private static History squashed() {
        FrozenVersion baseline = VersionPlan.squash(BEFORE_SQUASH, "squashed", HandWrittenSteps.NONE);
        baseline = VersionFormat.read(VersionFormat.write(baseline), baseline.fileName());
        return freeze(new History(List.of(baseline), BEFORE_SQUASH.snapshot()), model(Column.of("kwh", "integer", true)),
                "add_kwh");
    }

    @Test
    void aDatabaseBelowASquashedBaselineIsReportedByEveryCommand() throws IOException {
        assertEquals(0, cli(migrations(BEFORE_SQUASH), "migrate", "--to", "1").exit());
        everyReadingCommandRefuses(migrations(squashed()), "the database is at version 1, but the versions up to 2"
                + " were squashed into one version, a squash, which only builds new databases");
        Run status = cli(migrations(squashed()), "status");
        assertFalse(status.out().contains("pending"), "no pending baseline that migrate would refuse: " + status.out());
    }

    @Test
    void aSquashedVersionRecordedWithAnotherChecksumIsReportedByEveryCommand() throws IOException {
        History other = freeze(History.EMPTY, model(Column.of("other", "text", true)), "initial");
        assertEquals(0, cli(migrations(other), "migrate").exit());
        everyReadingCommandRefuses(migrations(squashed()), "version 1 (initial) was applied with checksum "
                + other.versions().get(0).checksum() + ", which is not the one the squash that replaced it recorded");
    }

    @Test
    void aSquashedBuildNamesItsBaselineWhenATargetIsMissing() {
        Run run = cli(migrations(squashed()), "migrate", "--to", "1");
        assertEquals(DriftlessCli.FAILED, run.exit(), run.toString());
        assertTrue(run.err().contains("there is no version 1 to go to: the code has the squash 2 (squashing"
                + " versions 1 to 2) and version 3 (0 is the empty database)"), run.err());
    }

    @Test
    void withAcceptNewerVersionsTheOlderReleaseSeesTheNewerDatabaseAsUpToDate() throws SQLException, IOException {
        assertEquals(0, cli(SampleVersions.all(), "migrate").exit());
        List<Migration> older = List.of(SampleVersions.METER, SampleVersions.READING);
        Run status = cli(older, "status", "--accept-newer-versions");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("version 3, newer than the code's 2 (accepted: 3 (meter_serial)), up to date"),
                status.out());
        Run migrate = cli(older, "migrate", "--accept-newer-versions");
        assertEquals(0, migrate.exit(), migrate.toString());
        assertTrue(migrate.out().contains("nothing to do; the database is at version 3"), migrate.out());
        Run dry = cli(older, "migrate", "--dry-run", "--accept-newer-versions");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("nothing to do"), dry.out());
        Run down = cli(older, "downgrade", "--to", "1", "--accept-newer-versions");
        assertEquals(DriftlessCli.INVALID_HISTORY, down.exit(), down.toString());
        assertTrue(down.err().contains("version 3 (meter_serial) is newer than the code: only the release that has it"
                + " can undo it"), down.err());
        Run check = cli(older, "check", "--accept-newer-versions", "--snapshot", snapshotFile(2));
        assertEquals(DriftlessCli.FAILED, check.exit(), check.toString());
        assertTrue(check.err().contains("the database is at version 3, newer than the snapshot of version 2: check"
                + " it with the snapshot of version 3 (`check --snapshot FILE`), or with the release that has it"), check.err());
        assertEquals(List.of("3"), db.strings("select count(*) from driftless_history where success"));
    }

    @Test
    void aMissingDatabaseIsExitThreeAndSaysWhatToCheck() {
        String url = db.jdbcUrl().replace(db.name(), db.name() + "_missing");
        Run run = cli(SampleVersions.all(), Map.of("DRIFTLESS_JDBC_URL", url), "status");
        assertEquals(DriftlessCli.CANNOT_CONNECT, run.exit(), run.toString());
        assertTrue(run.err().contains("does not exist"), run.err());
        assertTrue(run.err().contains("check the database name in the URL"), run.err());
    }

    /**
     * The shared server trusts every local connection, so a wrong password needs a private cluster
     * (the embedded PostgreSQL, on a port of its own, removed afterwards) whose pg_hba.conf asks for one.
     */
    @Test
    void aWrongPasswordIsExitThreeAndIsNeverPrinted() throws IOException, SQLException {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("create role driftless_login login password 'right-pw'");
                String hba;
                try (ResultSet rs = st.executeQuery("show hba_file")) {
                    rs.next();
                    hba = rs.getString(1);
                }
                Files.writeString(Path.of(hba), "local all all trust\nhost all postgres 127.0.0.1/32 trust\n"
                        + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
                st.execute("select pg_reload_conf()");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres?user=driftless_login";
            Run run = cli(SampleVersions.all(), Map.of("DRIFTLESS_JDBC_URL", url, "DRIFTLESS_JDBC_PASSWORD",
                    "wrong-pw"), "status");
            assertEquals(DriftlessCli.CANNOT_CONNECT, run.exit(), run.toString());
            assertTrue(run.err().contains("password authentication failed for user \"driftless_login\""), run.err());
            assertTrue(run.err().contains("check the user and DRIFTLESS_JDBC_PASSWORD"), run.err());
            assertFalse(run.err().contains("wrong-pw") || run.out().contains("wrong-pw"), run.toString());
            Run right = cli(SampleVersions.all(), Map.of("DRIFTLESS_JDBC_URL", url, "DRIFTLESS_JDBC_PASSWORD",
                    "right-pw"), "status");
            assertEquals(DriftlessCli.PENDING, right.exit(), "the right password logs in: " + right);
        }
    }

    @Test
    void aMissingRoleIsExitThreeAndSaysWhatToCheck() {
        String url = db.jdbcUrl().replaceAll("user=[^&]*", "user=driftless_no_such_role");
        assertTrue(url.contains("driftless_no_such_role"), url);
        Run run = cli(SampleVersions.all(), Map.of("DRIFTLESS_JDBC_URL", url), "migrate");
        assertEquals(DriftlessCli.CANNOT_CONNECT, run.exit(), run.toString());
        assertTrue(run.err().contains("role \"driftless_no_such_role\" does not exist"), run.err());
        assertTrue(run.err().contains("check the user and DRIFTLESS_JDBC_PASSWORD"), run.err());
    }
}
