package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.docs.LockMode;
import dev.driftless.sql.Identifiers;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An offline script takes each transactional phase's locks up front as the migrator does
 * ({@link PhaseLocks}): before the phase's first statement, children before parents, with the
 * tables its statements lock through foreign keys.
 */
class OfflineScriptLocksTest {

    private static final Migration TABLES = TestMigration.of(1, "tables",
            "CREATE TABLE parent (id int PRIMARY KEY, name text)",
            "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id))");

    private static final Migration RENAME_PARENT = TestMigration.of(2, "rename_parent",
            "ALTER TABLE parent RENAME TO account",
            "ALTER TABLE child ADD COLUMN note text");

    /** Two transactional phases, around a concurrent index build; the first names only the parent. */
    private static final Migration WIDEN_KEY = TestMigration.of(3, "widen_key",
            "ALTER TABLE account ALTER COLUMN id TYPE bigint",
            "COMMENT ON TABLE account IS 'accounts'",
            "CREATE INDEX CONCURRENTLY child_note_idx ON child (note)",
            "ALTER TABLE child DROP CONSTRAINT child_parent_id_fkey",
            "COMMENT ON TABLE child IS 'children'");

    /** An index build (SHARE) and a comment (SHARE UPDATE EXCLUSIVE) on one table: SHARE ROW EXCLUSIVE covers both. */
    private static final Migration INDEX_AND_COMMENT = TestMigration.of(4, "index_and_comment",
            "CREATE INDEX child_id_note_idx ON child (id, note)",
            "COMMENT ON TABLE child IS 'the children'");

    private static final List<Migration> VERSIONS = List.of(TABLES, RENAME_PARENT, WIDEN_KEY, INDEX_AND_COMMENT);

    @Test
    void psqlRunningTheScriptWaitsForTheChildBeforeItHoldsTheParent() throws Exception {
        Assumptions.assumeTrue(psqlOnPath(), "psql is not on the PATH");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(TABLES)).build().migrate();
            String script = OfflineScript.between(VERSIONS, 1, 2, "driftless_history");
            Path file = Files.createTempFile("driftless-offline-locks", ".sql");
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                Files.writeString(file, script);
                blocker.setAutoCommit(false);
                st.execute("lock table child in access share mode");
                Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f",
                        file.toString(), db.jdbcUrl().substring("jdbc:".length()) + "&application_name=offline_script")
                        .redirectErrorStream(true).start();
                try {
                    List<String> waiting = List.of();
                    for (int i = 0; i < 200 && waiting.isEmpty(); i++) {
                        Thread.sleep(50);
                        waiting = db.strings("select c.relname from pg_locks l join pg_class c on c.oid = l.relation"
                                + " join pg_stat_activity a on a.pid = l.pid where a.application_name = 'offline_script'"
                                + " and not l.granted");
                    }
                    assertEquals(List.of("child"), waiting, "the script waits for the child first");
                    assertEquals(List.of(), db.strings("select l.mode from pg_locks l join pg_stat_activity a"
                            + " on a.pid = l.pid where a.application_name = 'offline_script'"
                            + " and l.relation = 'parent'::regclass"), "holding nothing on the parent meanwhile");
                } finally {
                    blocker.rollback();
                }
                assertTrue(psql.waitFor(60, TimeUnit.SECONDS), "psql finished");
                String output = new String(psql.getInputStream().readAllBytes());
                assertEquals(0, psql.exitValue(), output);
            } finally {
                Files.delete(file);
            }
            assertEquals(List.of("2"), db.strings("select max(version)::text from driftless_history where success"));
            assertEquals(List.of("account"), db.strings("select relname from pg_class where relname in ('parent',"
                    + " 'account')"));
        }
    }

    @Test
    void eachTransactionalPhaseTakesItsLocksUpFrontWithThoseThroughForeignKeys() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(VERSIONS).build();
            migrator.migrateTo(1);
            String toTwo = OfflineScript.between(VERSIONS, 1, 2, "driftless_history");
            assertEquals(List.of(Map.of("parent", LockMode.ACCESS_EXCLUSIVE, "child", LockMode.ACCESS_EXCLUSIVE)),
                    upFront(db, toTwo));
            // Two transactional phases around the index build; the first names only the parent, the child
            // is locked through the foreign key that references the key whose type changes.
            String toThree = OfflineScript.between(VERSIONS, 2, 3, "driftless_history");
            List<Map<String, LockMode>> three = upFront(db, toThree);
            assertEquals(2, three.size(), toThree);
            assertEquals(Map.of("account", LockMode.ACCESS_EXCLUSIVE, "child", LockMode.ACCESS_EXCLUSIVE), three.get(0));
            assertEquals(List.of(Map.of("child", LockMode.SHARE_ROW_EXCLUSIVE)),
                    upFront(db, OfflineScript.between(VERSIONS, 3, 4, "driftless_history")));
            assertTrue(migrator.migrate().upToDate());
            assertEquals(List.of("bigint"), db.strings("select format_type(atttypid, atttypmod) from pg_attribute"
                    + " where attrelid = 'account'::regclass and attname = 'id'"));
            assertEquals(List.of("0"), db.strings("select count(*)::text from pg_constraint where contype = 'f'"));
        }
    }

    /**
     * A quoted name may hold a line break. The block's comment names the tables it locks: a line
     * break there would end the comment and make the rest of the name PL/pgSQL of the block, here
     * a declaration whose default runs when the block starts.
     */
    @Test
    void aLineBreakInANameDoesNotEndTheBlocksComment() throws SQLException {
        String evil = "x\nDECLARE e text := set_config('app.pwned', 'yes', false);--";
        String block = PhaseLocksScript.forPhase(List.of(
                "ALTER TABLE " + Identifiers.quote(evil) + " ADD COLUMN b int",
                "ALTER TABLE child ADD COLUMN c int"));
        assertNotNull(block);
        String comment = block.substring(0, block.indexOf("\nDECLARE\n    lk_modes"));
        assertFalse(comment.contains("\nDECLARE e text"), comment);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("CREATE TABLE child (id int)", "CREATE TABLE " + Identifiers.quote(evil) + " (id int)");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute(block);
                try (ResultSet rs = st.executeQuery("select coalesce(current_setting('app.pwned', true), '')")) {
                    rs.next();
                    assertEquals("", rs.getString(1), "the name ran as code");
                }
                Map<String, LockMode> held = held(st);
                assertEquals(Map.of(evil, LockMode.ACCESS_EXCLUSIVE, "child", LockMode.ACCESS_EXCLUSIVE), held);
                c.rollback();
            }
        }
    }

    /**
     * Runs the script in one transaction, as {@code psql -1} does, and commits: the table locks
     * the transaction holds after each block of phase locks.
     */
    private static List<Map<String, LockMode>> upFront(TestDatabase db, String script) throws SQLException {
        var out = new ArrayList<Map<String, LockMode>>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : SqlScript.split(script)) {
                st.execute(sql);
                if (sql.strip().startsWith("DO $driftless_locks$")) {
                    out.add(held(st));
                }
            }
            c.commit();
        }
        return out;
    }

    /** The table locks this backend holds, by table. */
    private static Map<String, LockMode> held(Statement st) throws SQLException {
        var out = new TreeMap<String, LockMode>();
        try (ResultSet rs = st.executeQuery("select c.relname, l.mode from pg_locks l join pg_class c on c.oid = l.relation"
                + " where l.pid = pg_backend_pid() and l.granted and c.relkind = 'r'"
                + " and c.relnamespace = 'public'::regnamespace and c.relname <> 'driftless_history'")) {
            while (rs.next()) {
                out.merge(rs.getString(1), LockMode.ofPgLocksName(rs.getString(2)), LockMode::covering);
            }
        }
        return out;
    }

    private static boolean psqlOnPath() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
