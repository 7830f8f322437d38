package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.docs.LockMode;
import dev.driftless.docs.TableName;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tables a transactional phase locks up front, in which mode and order. */
class PhaseLocksTest {

    private static PhaseLocks.Wanted wanted(String table, LockMode mode, int first, LockMode firstMode) {
        return new PhaseLocks.Wanted(TableName.of(table), mode, false, first, firstMode);
    }

    private static PhaseLocks.Wanted wanted(String table, LockMode mode, int first) {
        return wanted(table, mode, first, mode);
    }

    @Test
    void eachExistingTableOnceInTheModeCoveringAllItsStatementsUnderItsNameAtTheStart() {
        assertEquals(List.of(wanted("parent", LockMode.ACCESS_EXCLUSIVE, 0), wanted("child", LockMode.ACCESS_EXCLUSIVE, 1)),
                PhaseLocks.wanted(List.of(
                        "ALTER TABLE parent RENAME TO account",
                        "ALTER TABLE child ADD COLUMN note text",
                        "ALTER TABLE account ADD COLUMN x int", // the parent, by its new name
                        "CREATE TABLE fresh (id bigint PRIMARY KEY, account_id bigint REFERENCES account (id))",
                        "ALTER TABLE fresh ADD COLUMN y int", // created in the phase: nothing to lock
                        "CREATE INDEX child_note_idx ON child (note)",
                        "UPDATE child SET note = 'n'")));
        // An index build (SHARE) and a comment (SHARE UPDATE EXCLUSIVE) on one table need SHARE ROW EXCLUSIVE.
        assertEquals(List.of(wanted("t", LockMode.SHARE_ROW_EXCLUSIVE, 0, LockMode.SHARE)), PhaseLocks.wanted(List.of(
                "CREATE INDEX t_a_idx ON t (a)", "COMMENT ON TABLE t IS 'x'")));
        // Renamed twice: still the name it has when the phase starts.
        assertEquals(List.of(wanted("p", LockMode.ACCESS_EXCLUSIVE, 0)), PhaseLocks.wanted(List.of(
                "ALTER TABLE p RENAME TO p1", "ALTER TABLE p1 RENAME TO p2", "ALTER TABLE p2 ADD COLUMN c int")));
        // Created, then renamed: still nothing to lock.
        assertEquals(List.of(), PhaseLocks.wanted(List.of(
                "CREATE TABLE a (id int)", "ALTER TABLE a RENAME TO b", "ALTER TABLE b ADD COLUMN c int")));
        // A hand-written DO block takes its own locks when it runs; the statement's name of the other is kept.
        assertEquals(List.of(new PhaseLocks.Wanted(new TableName("s", "Big"), LockMode.ROW_EXCLUSIVE, false, 1,
                LockMode.ROW_EXCLUSIVE)),
                PhaseLocks.wanted(List.of("DO $$ BEGIN PERFORM 1; END $$", "INSERT INTO s.\"Big\" (a) VALUES (1)")));
    }

    private static PhaseLocks.Found found(long oid, String name, Long... references) {
        return new PhaseLocks.Found(oid, "public", name, LockMode.ACCESS_EXCLUSIVE, Set.of(references), true);
    }

    @Test
    void referencingTablesComeBeforeTheTablesTheyReferenceOtherwiseTheOrderGiven() {
        var parent = found(1, "parent");
        var child = found(2, "child", 1L);
        var grandchild = found(3, "grandchild", 2L, 3L); // and itself
        var other = found(4, "other");
        var first = found(5, "first");
        assertEquals(List.of(first, grandchild, child, parent, other),
                PhaseLocks.ordered(List.of(first, parent, child, grandchild, other)));
        // A cycle keeps the order given.
        var a = found(6, "a", 7L);
        var b = found(7, "b", 6L);
        assertEquals(List.of(a, b), PhaseLocks.ordered(List.of(a, b)));
        assertEquals(List.of(b, a), PhaseLocks.ordered(List.of(b, a)));
        assertEquals("LOCK TABLE ONLY \"public\".\"child\" IN ACCESS EXCLUSIVE MODE", child.lockStatement());
    }

    @Test
    void theCatalogTellsTheForeignKeysTheTableOfAnIndexAndWhichNamesAreOneTable() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE parent (id bigint PRIMARY KEY)",
                    "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id), v text)",
                    "CREATE INDEX child_v_idx ON child (v)",
                    "CREATE TABLE \"Odd \"\"Name\"\"\" (id int)");
            assertEquals(List.of(
                    "LOCK TABLE ONLY \"public\".\"child\" IN ACCESS EXCLUSIVE MODE",
                    "LOCK TABLE ONLY \"public\".\"parent\" IN ACCESS EXCLUSIVE MODE",
                    "LOCK TABLE ONLY \"public\".\"Odd \"\"Name\"\"\" IN SHARE UPDATE EXCLUSIVE MODE"),
                    PhaseLocks.statements(c, List.of(
                            "ALTER TABLE parent RENAME TO account",
                            "COMMENT ON TABLE public.child IS 'c'",
                            "DROP INDEX child_v_idx", // the index's table: child, ACCESS EXCLUSIVE
                            "COMMENT ON TABLE \"Odd \"\"Name\"\"\" IS 'o'",
                            "ALTER TABLE no_such_table ADD COLUMN x int")));
            assertEquals(List.of(), PhaseLocks.statements(c, List.of("ALTER TABLE parent RENAME TO account")),
                    "a single statement takes its own locks");
            assertEquals(List.of(), PhaseLocks.statements(c, List.of("ALTER TABLE child ADD COLUMN w int",
                    "COMMENT ON COLUMN child.w IS 'w'")), "one table, its strongest lock first: nothing to take up front");
            assertEquals(List.of("LOCK TABLE ONLY \"public\".\"child\" IN ACCESS EXCLUSIVE MODE"),
                    PhaseLocks.statements(c, List.of("UPDATE child SET v = 'x'", "ALTER TABLE child ADD COLUMN w int")),
                    "one table, but its lock would be upgraded");
        }
    }

    /**
     * A phase read once is kept by its version's statement list and bounds: another phase of the same
     * list reads its own statements, and a list that can change is read each time.
     */
    @Test
    void aPhaseIsReadAgainWhenItsBoundsOrItsStatementsDiffer() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            db.execute("CREATE TABLE child (id bigint PRIMARY KEY, v text)");
            String lock = "LOCK TABLE ONLY \"public\".\"child\" IN ACCESS EXCLUSIVE MODE";
            List<String> version = List.of("UPDATE child SET v = 'x'", "ALTER TABLE child ADD COLUMN w int",
                    "ALTER TABLE child ADD COLUMN y int", "COMMENT ON COLUMN child.y IS 'y'");
            assertEquals(List.of(lock), PhaseLocks.statements(c, version, 0, 2));
            assertEquals(List.of(lock), PhaseLocks.statements(c, version, 0, 2), "the same phase again");
            assertEquals(List.of(), PhaseLocks.statements(c, version, 2, 4), "its strongest lock first");
            var changing = new ArrayList<>(version.subList(2, 4));
            assertEquals(List.of(), PhaseLocks.statements(c, changing, 0, 2));
            changing.set(0, "UPDATE child SET v = 'y'");
            assertEquals(List.of("LOCK TABLE ONLY \"public\".\"child\" IN SHARE UPDATE EXCLUSIVE MODE"),
                    PhaseLocks.statements(c, changing, 0, 2), "the list changed: read again");
        }
    }

    /**
     * What a phase of one version's statements locks is kept from one tenant to the next, but only
     * as read from its text: each tenant's tables are found in its own schema.
     */
    @Test
    void aPhaseKeptForOneTenantLocksTheNextTenantsOwnTables() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            List<String> version = List.of("UPDATE child SET v = 'x'", "ALTER TABLE child ADD COLUMN w int");
            for (String tenant : List.of("tenant_a", "tenant_b")) {
                db.execute("CREATE SCHEMA " + tenant, "CREATE TABLE " + tenant + ".child (id bigint PRIMARY KEY, v text)");
                st.execute("SET search_path TO " + tenant);
                assertEquals(List.of("LOCK TABLE ONLY \"" + tenant + "\".\"child\" IN ACCESS EXCLUSIVE MODE"),
                        PhaseLocks.statements(c, version, 0, 2), tenant);
            }
        }
    }

    private static final List<String> FOREIGN_KEYS = List.of(
            "CREATE TABLE p (id int PRIMARY KEY, n int)",
            "CREATE TABLE c (id int PRIMARY KEY, p_id int CONSTRAINT c_p_fk REFERENCES p (id), note text,"
                    + " CONSTRAINT c_chk CHECK (id > 0))",
            "CREATE TABLE gc (id int PRIMARY KEY, c_id int REFERENCES c (id))",
            "CREATE TABLE other (id int PRIMARY KEY, p_n int)",
            "CREATE TABLE self (id int PRIMARY KEY, up int REFERENCES self (id))");

    @Test
    void theTablesAStatementLocksThroughForeignKeysAreTakenUpFrontChildrenFirst() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            db.execute(FOREIGN_KEYS.toArray(String[]::new));
            String lockC = "LOCK TABLE ONLY \"public\".\"c\" IN ACCESS EXCLUSIVE MODE";
            String lockP = "LOCK TABLE ONLY \"public\".\"p\" IN ACCESS EXCLUSIVE MODE";
            String lockGc = "LOCK TABLE ONLY \"public\".\"gc\" IN ACCESS EXCLUSIVE MODE";
            String lockOther = "LOCK TABLE ONLY \"public\".\"other\" IN ACCESS EXCLUSIVE MODE";
            // The referenced table of a foreign key dropped, alone or with its column or table.
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE c DROP CONSTRAINT c_p_fk", "COMMENT ON TABLE c IS 'c'")));
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE c DROP COLUMN p_id", "ALTER TABLE c ADD COLUMN q int")));
            assertEquals(List.of(lockGc, lockOther, lockC), PhaseLocks.statements(c, List.of(
                    "DROP TABLE gc", "ALTER TABLE other ADD COLUMN q int")));
            // Not a foreign key, or not on a column that has one: nothing more.
            assertEquals(List.of(), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE c DROP CONSTRAINT c_chk", "ALTER TABLE c DROP COLUMN note")));
            // A key whose type changes, and those that reference it: the children before the parent.
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE p ALTER COLUMN id TYPE bigint", "ALTER TABLE p ADD COLUMN q int")));
            // CASCADE: the children, and theirs.
            assertEquals(List.of(lockGc, lockC, lockP), PhaseLocks.statements(c, List.of(
                    "TRUNCATE p CASCADE", "ALTER TABLE p ADD COLUMN q int")));
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE", "ALTER TABLE p ADD PRIMARY KEY (id)")));
            // Alone, a statement takes its own locks, in PostgreSQL's order: the parent before the children
            // of the foreign keys it rebuilds or drops, so those are taken up front even then.
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE p ALTER COLUMN id TYPE bigint")));
            assertEquals(List.of(lockGc, lockC, lockP), PhaseLocks.statements(c, List.of("TRUNCATE p CASCADE")));
            assertEquals(List.of(), PhaseLocks.statements(c, List.of("DROP TABLE gc")), "the child first already");
            assertEquals(List.of(), PhaseLocks.statements(c, List.of("ALTER TABLE other ALTER COLUMN id TYPE bigint")),
                    "no foreign key on or to the column");
            // Under the name the table has when the phase starts.
            assertEquals(List.of(lockC, lockP), PhaseLocks.statements(c, List.of(
                    "ALTER TABLE c RENAME TO c2", "ALTER TABLE c2 DROP CONSTRAINT c_p_fk")));
        }
    }

    /**
     * What the statements lock through foreign keys, as the catalog tells it, together with what
     * their text names, is every table lock PostgreSQL takes for them.
     */
    @Test
    void withTheCatalogTheLocksOfStatementsThatDropOrRebuildForeignKeysAreComplete() throws Exception {
        List<String> statements = List.of(
                "DROP TABLE gc",
                "DROP TABLE p CASCADE",
                "DROP TABLE IF EXISTS self",
                "ALTER TABLE c DROP CONSTRAINT c_p_fk",
                "ALTER TABLE c DROP CONSTRAINT c_chk",
                "ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE",
                "ALTER TABLE c DROP COLUMN p_id",
                "ALTER TABLE c DROP COLUMN IF EXISTS note",
                "ALTER TABLE p DROP COLUMN id CASCADE",
                "ALTER TABLE c ALTER COLUMN p_id TYPE bigint",
                "ALTER TABLE c ALTER COLUMN note TYPE varchar(20)",
                "ALTER TABLE p ALTER COLUMN id SET DATA TYPE bigint",
                "ALTER TABLE c ALTER id TYPE bigint",
                "TRUNCATE p CASCADE",
                "TRUNCATE TABLE other, gc CASCADE");
        var problems = new java.util.ArrayList<String>();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            db.execute(FOREIGN_KEYS.toArray(String[]::new));
            var tables = new java.util.HashMap<Long, String>();
            try (var rs = st.executeQuery("select oid::bigint, relname from pg_class where relkind = 'r'"
                    + " and relnamespace = 'public'::regnamespace")) {
                while (rs.next()) {
                    tables.put(rs.getLong(1), rs.getString(2));
                }
            }
            c.setAutoCommit(false);
            for (String sql : statements) {
                var expected = new java.util.TreeMap<String, LockMode>();
                for (PhaseLocks.Found f : PhaseLocks.find(c, PhaseLocks.needs(List.of(sql)))) {
                    expected.merge(f.name(), f.mode(), LockMode::covering);
                }
                st.execute(sql);
                var taken = new java.util.TreeMap<String, LockMode>();
                try (var rs = st.executeQuery("select relation::bigint, mode from pg_locks where locktype = 'relation'"
                        + " and pid = pg_backend_pid() and granted")) {
                    while (rs.next()) {
                        String name = tables.get(rs.getLong(1));
                        if (name != null) {
                            taken.merge(name, LockMode.ofPgLocksName(rs.getString(2)), LockMode::covering);
                        }
                    }
                }
                c.rollback();
                if (!expected.equals(taken)) {
                    problems.add(sql + ": predicted " + expected + ", PostgreSQL took " + taken);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aStatementWithAnEmptyQuotedNameGoesToTheServerUnpredictedAndItsErrorIsReported() throws Exception {
        var tables = TestMigration.of(1, "tables", "CREATE TABLE t (id int)");
        var broken = TestMigration.of(2, "broken", "ALTER TABLE t ADD COLUMN a int", "ALTER TABLE \"\" ADD COLUMN b int",
                "ALTER TABLE t RENAME TO \"\"");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(tables)).build().migrate();
            var e = assertThrows(MigrationException.class, () -> Migrator.builder(db.dataSource())
                    .migrations(List.of(tables, broken)).build().migrate());
            assertTrue(e.getMessage().contains("version 2 (broken) failed and was rolled back (none of its statements"
                    + " took effect): statement 2 of 3 (ALTER TABLE \"\" ADD COLUMN b int) failed: ERROR: zero-length"
                    + " delimited identifier"), e.getMessage());
            assertEquals(List.of("1"), db.strings("select version::text from driftless_history where success"));
        }
    }

    @Test
    void aLockTakenUpFrontWaitsOnlyTheLockTimeoutAndIsTriedAgainLikeAStatement() throws Exception {
        var version = TestMigration.of(2, "two_tables", "ALTER TABLE parent ADD COLUMN a int",
                "ALTER TABLE child ADD COLUMN b int");
        var tables = TestMigration.of(1, "tables", "CREATE TABLE parent (id bigint PRIMARY KEY)",
                "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id))");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(List.of(tables)).build().migrate();
            try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                st.execute("lock table child in access share mode");
                var e = assertThrows(MigrationException.class, () -> Migrator.builder(db.dataSource())
                        .migrations(List.of(tables, version)).ddlLockTimeout(Duration.ofMillis(100)).ddlLockRetries(1)
                        .build().migrate());
                assertTrue(e.getMessage().contains("version 2 (two_tables) failed and was rolled back (none of its"
                        + " statements took effect): taking the locks of statements 1 to 2 up front (LOCK TABLE ONLY"
                        + " \"public\".\"child\" IN ACCESS EXCLUSIVE MODE) failed: ERROR: canceling statement due to lock"
                        + " timeout (gave up after 2 attempts of 100 ms each"), e.getMessage());
                blocker.rollback();
            }
            assertEquals(List.of("1"), db.strings("select version::text from driftless_history where success"));
            assertEquals(List.of("0"), db.strings("select count(*)::text from pg_attribute where attname in ('a', 'b')"
                    + " and attrelid in ('parent'::regclass, 'child'::regclass)"));
        }
    }
}
