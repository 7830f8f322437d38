package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.sql.SqlLexer;
import dev.driftless.sql.SqlScript;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A server or session with {@code standard_conforming_strings = off} reads backslashes in plain
 * string literals as escapes. A comment like the one below must then neither end its literal early
 * (and run what follows it) nor be stored changed: not when the migrator applies a version frozen
 * with plain literals, not in an offline script, and not in the literals the planner writes now.
 */
class StandardConformingStringsOffTest {

    private static final String COMMENT = "v2 C:\\temp\\'; DROP TABLE victim; --";

    /** Version 2 as the planner froze it before literals took backslashes into account. */
    private static final List<Migration> FROZEN_WITH_PLAIN_LITERALS = List.of(
            new SampleVersions.Version(1, "note", List.of("CREATE TABLE note (id bigint PRIMARY KEY, body text)"),
                    List.of("DROP TABLE note")),
            // The comment goes to the server in a batch, the hand-written INSERT alone.
            new SampleVersions.Version(2, "comment", List.of("COMMENT ON TABLE note IS '" + COMMENT.replace("'", "''") + "'",
                    "INSERT INTO note (id, body) VALUES (1, '" + COMMENT.replace("'", "''") + "')"),
                    List.of("DELETE FROM note", "COMMENT ON TABLE note IS NULL")));

    @Test
    void theMigratorKeepsTheLiteralWholeOnADatabaseWithTheSettingOff() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table victim (id int)", "alter database " + db.name() + " set standard_conforming_strings = off");
            Migrator.builder(db.dataSource()).migrations(FROZEN_WITH_PLAIN_LITERALS).build().migrate();
            assertVersionTwo(db);
        }
    }

    @Test
    void theMigratorKeepsTheLiteralWholeOnASessionWithTheSettingOffAndGivesTheSettingBack() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection session = db.connect()) {
            db.execute("create table victim (id int)");
            try (Statement st = session.createStatement()) {
                st.execute("set standard_conforming_strings = off");
            }
            Migrator.builder(new PooledConnectionDataSource(session)).migrations(FROZEN_WITH_PLAIN_LITERALS).build()
                    .migrate();
            assertVersionTwo(db);
            assertEquals("off", setting(session), "the session's setting is given back");
        }
    }

    @Test
    void anOfflineScriptKeepsTheLiteralWholeOnADatabaseWithTheSettingOff() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table victim (id int)", "alter database " + db.name() + " set standard_conforming_strings = off");
            runAsPsqlDoes(db, OfflineScript.between(FROZEN_WITH_PLAIN_LITERALS, 0, 2, "driftless_history"));
            assertVersionTwo(db);
        }
    }

    @Test
    void anOfflineScriptRunByPsqlKeepsTheLiteralWholeOnADatabaseWithTheSettingOff() throws Exception {
        Assumptions.assumeTrue(psqlOnPath(), "psql is not on the PATH");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table victim (id int)", "alter database " + db.name() + " set standard_conforming_strings = off");
            runWithPsql(db, OfflineScript.between(FROZEN_WITH_PLAIN_LITERALS, 0, 2, "driftless_history"));
            assertVersionTwo(db);
        }
    }

    @Test
    void theLiteralsThePlannerWritesMeanTheSameWithTheSettingOnOrOff() throws SQLException {
        var note = new Table(QualifiedName.of("note"), List.of(Column.of("id", "bigint", false).withComment(COMMENT)),
                new PrimaryKey("note_pkey", List.of("id")), List.of(), List.of(), List.of(), COMMENT);
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, new SchemaModel(List.of(note), List.of()), "note").orElseThrow();
        for (String setting : List.of("off", "on")) {
            try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                    Statement st = c.createStatement()) {
                db.execute("create table victim (id int)");
                st.execute("set standard_conforming_strings = " + setting);
                for (String sql : v1.up()) {
                    st.execute(sql);
                }
                assertVictimAndComment(db);
                assertEquals(List.of(COMMENT), db.strings("select col_description('note'::regclass, 1)"), setting);
            }
        }
    }

    private static void assertVictimAndComment(TestDatabase db) throws SQLException {
        assertEquals(List.of("victim"), db.strings("select relname from pg_class where relname = 'victim'"),
                "the table after the literal was not dropped");
        assertEquals(List.of(COMMENT), db.strings("select obj_description('note'::regclass, 'pg_class')"),
                "the comment is stored as written");
    }

    /** What version 2 did: the victim is there, the comment and the row hold the text as written. */
    private static void assertVersionTwo(TestDatabase db) throws SQLException {
        assertVictimAndComment(db);
        assertEquals(List.of(COMMENT), db.strings("select body from note"), "the hand-written row holds the text as written");
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show standard_conforming_strings")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Runs a script the way psql does when psql is not at hand: statement by statement in one
     * transaction, each read by the string syntax the server reports at that moment (psql follows
     * {@code standard_conforming_strings} as the server reports it, so a {@code SET} in the script
     * changes how the rest is read).
     */
    private static void runAsPsqlDoes(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                String rest = script;
                while (!rest.isBlank()) {
                    int end = rest.length();
                    for (SqlLexer.Token t : SqlLexer.tokens(rest, "on".equals(setting(c)))) {
                        if (t.kind() == SqlLexer.Kind.SEMICOLON) {
                            end = t.start();
                            break;
                        }
                    }
                    String statement = rest.substring(0, end);
                    rest = end < rest.length() ? rest.substring(end + 1) : "";
                    if (SqlScript.split(statement).isEmpty()) {
                        continue;
                    }
                    st.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs a script with psql as the script's header says: {@code psql -v ON_ERROR_STOP=1 -1 -f <file>}. */
    private static void runWithPsql(TestDatabase db, String script) throws Exception {
        Path file = Files.createTempFile("driftless-offline", ".sql");
        try {
            Files.writeString(file, script);
            Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", file.toString(),
                    db.jdbcUrl().substring("jdbc:".length())).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes());
            assertEquals(0, psql.waitFor(), output);
        } finally {
            Files.delete(file);
        }
    }

    private static boolean psqlOnPath() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
