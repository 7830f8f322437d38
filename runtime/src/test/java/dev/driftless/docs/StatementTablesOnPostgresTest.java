package dev.driftless.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link StatementTables} predicts against what PostgreSQL takes: each statement of the corpus
 * runs in a transaction of its own (rolled back), and the relation locks {@code pg_locks} shows for
 * that backend on the test schema's tables, told by the oids they had before the statement (a
 * dropped table leaves its lock behind but not its catalog row), must be the predicted ones, table
 * by table, each in the mode that covers all the statement took on it.
 */
class StatementTablesOnPostgresTest {

    private static final List<String> SETUP = List.of(
            "CREATE SCHEMA other",
            "CREATE TABLE p (id int PRIMARY KEY, n int)",
            "CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), x int, note text)",
            "CREATE TABLE \"Mixed Case\" (id int PRIMARY KEY, p_id int REFERENCES p (id))",
            "CREATE INDEX c_x ON c (x)",
            "CREATE SEQUENCE s",
            "CREATE VIEW v AS SELECT * FROM p",
            "ALTER TABLE c ADD CONSTRAINT c_chk CHECK (x > 0) NOT VALID",
            "CREATE TRIGGER trg BEFORE UPDATE ON c FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
            "CREATE TABLE r (id int PRIMARY KEY)",
            "CREATE TABLE rr (id int PRIMARY KEY, r_id int REFERENCES r (id))",
            "CREATE TABLE par (id int)",
            "CREATE TABLE kid (id int)",
            "CREATE TABLE kid2 (id int) INHERITS (par)",
            "CREATE TYPE comp AS (a int)",
            "CREATE TABLE typed OF comp",
            "CREATE FOREIGN DATA WRAPPER dummy",
            "CREATE SERVER srv FOREIGN DATA WRAPPER dummy",
            "CREATE FOREIGN TABLE ft (id int) SERVER srv");

    /** Statements whose every table lock StatementTables knows ({@link StatementTables#complete()}). */
    private static final List<String> COMPLETE = List.of(
            "ALTER TABLE p RENAME TO p2",
            "ALTER TABLE c RENAME COLUMN x TO y",
            "ALTER TABLE c RENAME x TO y",
            "ALTER TABLE c RENAME CONSTRAINT c_chk TO c_chk2",
            "ALTER TABLE p SET SCHEMA other",
            "ALTER TABLE c ADD COLUMN q int",
            "ALTER TABLE IF EXISTS ONLY c ADD q int",
            "ALTER TABLE c ADD COLUMN q int REFERENCES p (id)",
            "ALTER TABLE c ADD CONSTRAINT c_p2_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID",
            "ALTER TABLE c ADD CONSTRAINT c_p3_fk FOREIGN KEY (p_id) REFERENCES public.p (id)",
            "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES \"public\".\"p\"",
            "ALTER TABLE c ADD CONSTRAINT c_pos CHECK (x > 0) NOT VALID",
            "ALTER TABLE c ADD CONSTRAINT c_x_unique UNIQUE (x)",
            "ALTER TABLE c ALTER COLUMN x SET STATISTICS 100",
            "ALTER TABLE c ALTER x SET (n_distinct = 10)",
            "ALTER TABLE c ALTER COLUMN x SET NOT NULL",
            "ALTER TABLE c ALTER COLUMN x DROP NOT NULL",
            "ALTER TABLE c ALTER COLUMN x SET DEFAULT 0",
            "ALTER TABLE c ALTER COLUMN x DROP DEFAULT",
            "ALTER TABLE c SET (fillfactor = 70)",
            "ALTER TABLE c SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)",
            "ALTER TABLE c SET (fillfactor = 70, user_catalog_table = false)",
            "ALTER TABLE c RESET (fillfactor)",
            "ALTER TABLE c ENABLE TRIGGER ALL",
            "ALTER TABLE c DISABLE TRIGGER trg",
            "ALTER TABLE c ENABLE ALWAYS TRIGGER trg",
            "ALTER TABLE c CLUSTER ON c_x",
            "ALTER TABLE c SET WITHOUT CLUSTER",
            "ALTER TABLE c OWNER TO CURRENT_USER",
            "ALTER TABLE c ADD COLUMN \"Q\" int, ALTER COLUMN x SET STATISTICS 10",
            "ALTER TABLE c ALTER COLUMN x SET STATISTICS 10, SET (fillfactor = 60)",
            "ALTER TABLE c ADD COLUMN \"weird \"\"name\"\"\" int",
            "ALTER TABLE \"Mixed Case\" ADD COLUMN z int",
            "ALTER TABLE public.\"Mixed Case\" ADD CONSTRAINT mc_c_fk FOREIGN KEY (p_id) REFERENCES c (id) NOT VALID",
            "alter table c add column lower_case int",
            "/* a comment */ ALTER -- and another\n TABLE c ADD COLUMN commented int",
            "CREATE INDEX c_note ON c (note)",
            "CREATE UNIQUE INDEX IF NOT EXISTS c_note_u ON ONLY c (note)",
            "CREATE INDEX ON c USING btree (note)",
            "CREATE TABLE d (id int PRIMARY KEY, p_id int REFERENCES p (id), g int GENERATED ALWAYS AS (id * 2) STORED,"
                    + " CHECK (p_id::text LIKE '1%'))",
            "CREATE TABLE e (id int GENERATED BY DEFAULT AS IDENTITY)",
            "CREATE TABLE IF NOT EXISTS other.f (id int, FOREIGN KEY (id) REFERENCES c (id))",
            "CREATE TRIGGER t BEFORE UPDATE ON c FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
            "CREATE OR REPLACE TRIGGER trg BEFORE INSERT ON c FOR EACH ROW"
                    + " EXECUTE FUNCTION suppress_redundant_updates_trigger()",
            "DROP TRIGGER trg ON c",
            "DROP TRIGGER IF EXISTS trg ON public.c",
            "COMMENT ON TABLE c IS 'x'",
            "COMMENT ON COLUMN public.c.note IS 'x'",
            "COMMENT ON COLUMN c.note IS NULL",
            "COMMENT ON CONSTRAINT c_chk ON c IS 'x'",
            "COMMENT ON INDEX c_x IS 'x'",
            "INSERT INTO c (id, p_id, x) VALUES (1, NULL, 1)",
            "UPDATE c SET x = 2 WHERE id = 1",
            "UPDATE ONLY c AS alias SET x = 2",
            "DELETE FROM c WHERE id = 1",
            "TRUNCATE c, \"Mixed Case\", p",
            "TRUNCATE TABLE ONLY c, p, \"Mixed Case\"",
            "LOCK TABLE p IN SHARE MODE",
            "LOCK p, c IN ROW EXCLUSIVE MODE",
            "LOCK TABLE ONLY c",
            "DROP INDEX c_x",
            "DROP INDEX IF EXISTS public.c_x",
            "ALTER INDEX c_x RENAME TO c_x2",
            "ALTER INDEX c_x SET (fillfactor = 50)",
            "ALTER SEQUENCE s RESTART WITH 5",
            "ALTER SEQUENCE s OWNED BY c.x",
            "ALTER SEQUENCE IF EXISTS s INCREMENT BY 2 OWNED BY public.c.x",
            "ALTER SEQUENCE s OWNED BY NONE",
            "ALTER SEQUENCE s RENAME TO s2",
            "ALTER SEQUENCE s OWNER TO CURRENT_USER",
            "ALTER SEQUENCE s SET SCHEMA other",
            "CREATE SEQUENCE s3 OWNED BY c.x",
            "ALTER TABLE kid INHERIT par",
            "ALTER TABLE kid2 NO INHERIT par",
            "ALTER FOREIGN TABLE ft ADD COLUMN z int",
            "ALTER FOREIGN TABLE ft ALTER COLUMN id SET STATISTICS 10",
            "ALTER FOREIGN TABLE ft RENAME TO ft2",
            "ALTER FOREIGN TABLE ft OPTIONS (ADD a 'b')",
            "ALTER FOREIGN TABLE IF EXISTS ft INHERIT par",
            "CREATE SEQUENCE s2",
            "CREATE TYPE mood AS ENUM ('a', 'b')",
            "CREATE SCHEMA other2",
            "DROP SEQUENCE s",
            "DROP FUNCTION IF EXISTS no_such_function()");

    /** Statements whose locks StatementTables knows only in part: what it names must be right. */
    private static final List<String> PARTIAL = List.of(
            "ALTER TABLE c VALIDATE CONSTRAINT c_chk",
            "ALTER TABLE c VALIDATE CONSTRAINT c_p_id_fkey",
            "ALTER TABLE c DROP CONSTRAINT c_p_id_fkey",
            "ALTER TABLE c DROP CONSTRAINT c_chk",
            "ALTER TABLE c DROP COLUMN p_id",
            "ALTER TABLE c DROP COLUMN IF EXISTS note",
            "DROP TABLE c",
            "DROP TABLE IF EXISTS \"Mixed Case\", c",
            "INSERT INTO c (id, p_id) SELECT id, id FROM p",
            "UPDATE c SET x = p.n FROM p WHERE p.id = c.p_id",
            "DELETE FROM c USING p WHERE p.id = c.p_id",
            "CREATE TABLE g (LIKE p)",
            "CREATE TABLE h AS SELECT * FROM p",
            "CREATE VIEW w AS SELECT * FROM c",
            "CREATE OR REPLACE VIEW v AS SELECT * FROM p",
            // Through foreign keys, which only the catalog knows: the referenced or referencing tables.
            "ALTER TABLE c ALTER COLUMN note TYPE varchar(20)",
            "ALTER TABLE c ALTER COLUMN p_id TYPE bigint",
            "ALTER TABLE r ALTER COLUMN id SET DATA TYPE bigint USING id::bigint",
            "TRUNCATE p CASCADE",
            "TRUNCATE TABLE c, p CASCADE",
            "DROP FOREIGN TABLE ft",
            "CREATE SCHEMA other3 CREATE TABLE t (id int REFERENCES public.p)",
            "ALTER TYPE comp ADD ATTRIBUTE b int CASCADE");

    @Test
    void everyTableLockPredictedIsTheOnePostgresTakes() throws SQLException {
        var problems = new ArrayList<String>();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String sql : SETUP) {
                st.execute(sql);
            }
            Map<Long, String> tables = relations(st, "'r', 'p', 'f'");
            Map<Long, String> all = relations(st, "'r', 'p', 'f', 'i', 'S', 'v'");
            Map<String, String> indexTables = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select i.relname, t.relname from pg_index x join pg_class i on"
                    + " i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid where t.relnamespace in"
                    + " ('public'::regnamespace, 'other'::regnamespace)")) {
                while (rs.next()) {
                    indexTables.put(rs.getString(1), rs.getString(2));
                }
            }
            c.setAutoCommit(false);
            int version;
            try (ResultSet rs = st.executeQuery("select current_setting('server_version_num')::integer")) {
                rs.next();
                version = rs.getInt(1);
            }
            // CREATE OR REPLACE TRIGGER came with PostgreSQL 14.
            List<String> skipped = version >= 140000 ? List.of()
                    : concat(COMPLETE, PARTIAL).stream().filter(sql -> sql.startsWith("CREATE OR REPLACE TRIGGER")).toList();
            int compared = 0;
            for (String sql : concat(COMPLETE, PARTIAL)) {
                if (skipped.contains(sql)) {
                    continue;
                }
                StatementTables predicted = StatementTables.of(sql);
                boolean complete = COMPLETE.contains(sql);
                if (predicted.complete() != complete) {
                    problems.add(sql + ": complete is " + predicted.complete());
                }
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    c.rollback();
                    problems.add(sql + ": failed: " + e.getMessage());
                    continue;
                }
                Map<String, LockMode> onTables = held(st, tables);
                Map<String, LockMode> onAll = held(st, all);
                c.rollback();
                compared++;
                var expected = new TreeMap<String, LockMode>();
                for (TableLock lock : predicted.locks()) {
                    String name = lock.throughIndex() ? indexTables.get(lock.table().name()) : lock.table().name();
                    expected.merge(name, lock.mode(), LockMode::covering);
                }
                if (complete) {
                    if (!expected.equals(onTables)) {
                        problems.add(sql + ": predicted " + expected + ", PostgreSQL took " + onTables);
                    }
                    LockMode strongest = onAll.values().stream().max(Enum::compareTo).orElse(null);
                    if (predicted.mode() != strongest) {
                        problems.add(sql + ": predicted the strongest lock " + predicted.mode() + ", PostgreSQL took "
                                + strongest + " (" + onAll + ")");
                    }
                } else {
                    for (var e : expected.entrySet()) {
                        if (onTables.get(e.getKey()) != e.getValue()) {
                            problems.add(sql + ": predicted " + e + ", PostgreSQL took " + onTables);
                        }
                    }
                }
            }
            assertEquals(List.of(), problems);
            assertTrue(compared == COMPLETE.size() + PARTIAL.size() - skipped.size(), "compared " + compared);
        }
    }

    @Test
    void namesRenamesCreationsAndConcurrentBuildsAreReadFromTheTokens() {
        StatementTables rename = StatementTables.of("ALTER TABLE \"Sales\".\"Old \"\"Name\"\"\" RENAME TO \"New\"");
        assertEquals(new StatementTables.Rename(new TableName("Sales", "Old \"Name\""), new TableName("Sales", "New")),
                rename.rename());
        assertEquals("\"Sales\".\"Old \"\"Name\"\"\"", rename.locks().get(0).table().sql());
        assertEquals(new StatementTables.Rename(TableName.of("p"), new TableName("other", "p")),
                StatementTables.of("alter table P set schema Other").rename());
        assertEquals(List.of(TableName.of("d")), StatementTables.of("CREATE TABLE D (id int)").created());
        StatementTables concurrent = StatementTables.of("CREATE INDEX CONCURRENTLY i ON c (x)");
        assertFalse(concurrent.transactional());
        assertEquals(List.of(new TableLock(TableName.of("c"), LockMode.SHARE_UPDATE_EXCLUSIVE)), concurrent.locks());
        assertFalse(StatementTables.of("DROP INDEX CONCURRENTLY i").transactional());
        assertTrue(StatementTables.of("CREATE INDEX i ON c (x)").transactional());
        // A name in a string or a comment is no table.
        assertEquals(List.of(new TableLock(TableName.of("c"), LockMode.ROW_EXCLUSIVE)),
                StatementTables.of("UPDATE c SET note = 'ALTER TABLE p' /* p */ WHERE id = 1").locks());
        assertFalse(StatementTables.of("DO $$ BEGIN ALTER TABLE p ADD COLUMN q int; END $$").understood());
        // Through foreign keys: what the catalog is to tell.
        TableName c = TableName.of("c");
        assertEquals(List.of(ForeignKeyLock.parents(c, "c_p_id_fkey", null), ForeignKeyLock.children(c, "c_p_id_fkey",
                null, false)), StatementTables.of("ALTER TABLE c DROP CONSTRAINT IF EXISTS c_p_id_fkey CASCADE")
                        .throughForeignKeys());
        assertEquals(List.of(ForeignKeyLock.parents(c, null, "p_id")),
                StatementTables.of("ALTER TABLE c DROP COLUMN IF EXISTS p_id").throughForeignKeys());
        assertEquals(List.of(ForeignKeyLock.parents(c, null, "p_id"), ForeignKeyLock.children(c, null, "p_id", false)),
                StatementTables.of("ALTER TABLE c ALTER p_id TYPE bigint").throughForeignKeys());
        assertEquals(List.of(ForeignKeyLock.parents(c, null, null), ForeignKeyLock.children(c, null, null, false),
                ForeignKeyLock.parents(TableName.of("p"), null, null), ForeignKeyLock.children(TableName.of("p"), null,
                        null, false)), StatementTables.of("DROP TABLE c, p CASCADE").throughForeignKeys());
        assertEquals(List.of(ForeignKeyLock.children(TableName.of("p"), null, null, true)),
                StatementTables.of("TRUNCATE p CASCADE").throughForeignKeys());
        assertEquals(List.of(), StatementTables.of("TRUNCATE p").throughForeignKeys());
        // PostgreSQL refuses an empty quoted name: such a statement is not read, whatever it names.
        for (String empty : List.of("ALTER TABLE \"\" ADD COLUMN q int", "ALTER TABLE p RENAME TO \"\"",
                "ALTER TABLE \"\".p ADD COLUMN q int", "DROP TABLE U&\"\"", "COMMENT ON COLUMN \"\".q IS 'x'")) {
            assertFalse(StatementTables.of(empty).understood(), empty);
            assertEquals("as the statement takes it (written by hand)", StatementLocks.of(empty), empty);
        }
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, LockMode.SHARE_UPDATE_EXCLUSIVE.covering(LockMode.SHARE));
        assertEquals(LockMode.ACCESS_EXCLUSIVE, LockMode.ROW_EXCLUSIVE.covering(LockMode.ACCESS_EXCLUSIVE));
        assertEquals(LockMode.ROW_EXCLUSIVE, LockMode.ROW_SHARE.covering(LockMode.ROW_EXCLUSIVE));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The test schemas' relations of these kinds, by oid. */
    private static Map<Long, String> relations(Statement st, String kinds) throws SQLException {
        var out = new HashMap<Long, String>();
        try (ResultSet rs = st.executeQuery("select oid::bigint, relname from pg_class where relkind in (" + kinds
                + ") and relnamespace in ('public'::regnamespace, 'other'::regnamespace)")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** The relation locks this backend holds on the given relations, each folded into the mode that covers them. */
    private static Map<String, LockMode> held(Statement st, Map<Long, String> relations) throws SQLException {
        var out = new TreeMap<String, LockMode>();
        try (ResultSet rs = st.executeQuery("select relation::bigint, mode from pg_locks where locktype = 'relation'"
                + " and pid = pg_backend_pid() and database = (select oid from pg_database"
                + " where datname = current_database()) and granted")) {
            while (rs.next()) {
                String name = relations.get(rs.getLong(1));
                if (name != null) {
                    LockMode mode = LockMode.ofPgLocksName(rs.getString(2));
                    if (mode == null) {
                        throw new AssertionError("unknown lock mode in pg_locks: " + rs.getString(2));
                    }
                    out.merge(name, mode, LockMode::covering);
                }
            }
        }
        return out;
    }
}
