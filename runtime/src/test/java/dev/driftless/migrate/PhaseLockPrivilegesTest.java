package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migration user may run a statement whose lock it could not take with {@code LOCK TABLE}: a
 * foreign key to a table it does not own needs only REFERENCES on it, while {@code LOCK TABLE ... IN
 * SHARE ROW EXCLUSIVE MODE} needs UPDATE, DELETE or TRUNCATE. Such a table is left to take its own
 * lock when its statement runs, and the version applies as it did before the locks were taken up
 * front.
 */
class PhaseLockPrivilegesTest {

    @Test
    void aTableTheUserMayReferenceButNotLockIsLeftToItsStatement() throws Exception {
        String role = "driftless_lockpriv_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create role " + role + " login",
                    "create table parent (id bigint primary key, name text not null)",
                    "insert into parent values (1, 'one'), (2, 'two')",
                    "grant references, select on parent to " + role,
                    "grant create, usage on schema public to " + role);
            try {
                PGSimpleDataSource asRole = new PGSimpleDataSource();
                asRole.setUrl(db.jdbcUrl().replaceAll("user=[^&]*", "user=" + role));
                Migration tables = TestMigration.of(1, "child",
                        "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL)",
                        "INSERT INTO child VALUES (10, 1), (20, 2)");
                Migration reference = TestMigration.of(2, "reference",
                        "ALTER TABLE child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parent (id)",
                        "ALTER TABLE child ADD COLUMN note text");
                MigrateResult result = Migrator.builder(asRole).migrations(List.of(tables, reference)).build().migrate();
                assertEquals(2, result.currentVersion());
                assertEquals(List.of("10|1|one", "20|2|two"), db.strings("select c.id || '|' || c.parent_id || '|'"
                        + " || p.name from child c join parent p on p.id = c.parent_id order by c.id"));
                assertEquals(List.of("child_parent_id_fkey"),
                        db.strings("select conname from pg_constraint where conrelid = 'child'::regclass and contype = 'f'"));
            } finally {
                db.execute("drop owned by " + role, "drop role " + role);
            }
        }
    }

    @Test
    void anOfflineScriptLeavesSuchATableToItsStatementToo() throws Exception {
        String role = "driftless_lockpriv_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create role " + role + " login",
                    "create table parent (id bigint primary key, name text not null)",
                    "insert into parent values (1, 'one'), (2, 'two')",
                    "grant references, select on parent to " + role,
                    "grant create, usage on schema public to " + role);
            try {
                List<Migration> versions = List.of(
                        TestMigration.of(1, "child", "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL)",
                                "INSERT INTO child VALUES (10, 1), (20, 2)"),
                        TestMigration.of(2, "reference", "ALTER TABLE child ADD CONSTRAINT child_parent_id_fkey"
                                + " FOREIGN KEY (parent_id) REFERENCES parent (id)", "ALTER TABLE child ADD COLUMN note text"));
                String script = OfflineScript.between(versions, 0, 2, "driftless_history");
                assertTrue(script.contains("DO $driftless_locks$"), script);
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        db.jdbcUrl().replaceAll("user=[^&]*", "user=" + role)); java.sql.Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    for (String sql : dev.driftless.sql.SqlScript.split(script)) {
                        st.execute(sql);
                    }
                    c.commit();
                }
                assertEquals(List.of("child_parent_id_fkey"),
                        db.strings("select conname from pg_constraint where conrelid = 'child'::regclass and contype = 'f'"));
            } finally {
                db.execute("drop owned by " + role, "drop role " + role);
            }
        }
    }
}
