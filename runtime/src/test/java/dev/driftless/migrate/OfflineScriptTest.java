package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.sql.SqlScript;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline scripts, run the way {@code psql -1 -f} runs them: every statement in one transaction. */
class OfflineScriptTest {

    private static final List<Migration> VERSIONS = List.of(
            new Version(1, "meter", List.of("create table meter (id bigint primary key, note text default 'it''s; fine')"),
                    List.of("drop table meter")),
            new Version(2, "reading", List.of("create table reading (id bigint references meter (id))"),
                    List.of("drop table reading")),
            new Version(3, "serial", List.of("alter table meter add column serial text"),
                    List.of("alter table meter drop column serial")));

    @Test
    void upgradeThenDowngradeLeaveTheHistoryTheMigratorExpects() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            String up = OfflineScript.between(VERSIONS, 0, 3, "driftless_history");
            assertTrue(up.startsWith("-- Driftless offline script: version 0 to 3 (upgrade)"), up);
            runInOneTransaction(db, up);
            assertEquals(List.of("driftless_history", "meter", "reading"), strings(db,
                    "select tablename from pg_tables where schemaname = 'public' order by 1"));
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(VERSIONS).build();
            // The migrator validates checksums against the rows the script wrote: nothing to do, nothing refused.
            assertTrue(migrator.migrate().upToDate());

            runInOneTransaction(db, OfflineScript.between(VERSIONS, 3, 1, "driftless_history"));
            assertEquals(1, migrator.status().currentVersion());
            assertEquals(List.of("driftless_history", "meter"), strings(db,
                    "select tablename from pg_tables where schemaname = 'public' order by 1"));
        }
    }

    @Test
    void aDowngradeScriptStopsBeforeDiscardingValuesThatAreThereUnlessWrittenWithForce() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runInOneTransaction(db, OfflineScript.between(VERSIONS, 0, 3, "driftless_history"));
            db.execute("insert into meter (id, serial) values (1, 'SN-1')");
            String down = OfflineScript.between(VERSIONS, 3, 1, "driftless_history");
            var e = assertThrows(SQLException.class, () -> runInOneTransaction(db, down));
            assertTrue(e.getMessage().contains("version 3 (serial): its down drops column meter.serial, which has values"),
                    e.getMessage());
            assertEquals(List.of("1|SN-1"), strings(db, "select id || '|' || serial from meter"), "nothing was changed");
            assertEquals(List.of("3"), strings(db, "select max(version)::text from driftless_history"));

            runInOneTransaction(db, OfflineScript.between(VERSIONS, 3, 1, "driftless_history", true));
            assertEquals(List.of("1"), strings(db, "select max(version)::text from driftless_history"));
            assertEquals(List.of("1"), strings(db, "select id::text from meter"));
        }
    }

    @Test
    void aScriptRefusesADatabaseAtAnotherVersionAndChangesNothing() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            String fromOne = OfflineScript.between(VERSIONS, 1, 3, "driftless_history");
            var e = assertThrows(SQLException.class, () -> runInOneTransaction(db, fromOne));
            assertTrue(e.getMessage().contains("this script starts from version 1 but the database is at version 0"),
                    e.getMessage());
            assertEquals(List.of(), strings(db, "select tablename from pg_tables where schemaname = 'public'"));
        }
    }

    @Test
    void unknownVersionsAreRefused() {
        var e = assertThrows(MigrationException.class, () -> OfflineScript.between(VERSIONS, 0, 7, "h"));
        assertTrue(e.getMessage().contains("there is no version 7"), e.getMessage());
    }

    @Test
    void theHistoryTableIsQuotedWhereNeeded() {
        assertEquals("\"Tenant\".driftless_history", OfflineScript.historyTable("Tenant", "driftless_history"));
        assertEquals("\"user\"", OfflineScript.historyTable(null, "user"));
    }

    private static void runInOneTransaction(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : SqlScript.split(script)) {
                    st.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<String> strings(TestDatabase db, String sql) throws SQLException {
        var out = new ArrayList<String>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
