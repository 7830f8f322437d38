package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrating to a target, downgrading to a target, and dry runs, on a real PostgreSQL. */
class MigratorTargetsTest {

    private static final Version METER = SampleVersions.METER;
    private static final Version READING = SampleVersions.READING;
    private static final Version SERIAL = SampleVersions.SERIAL;

    private TestDatabase db;

    @BeforeEach
    void create() {
        db = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Migrator migrator(Migration... versions) {
        return Migrator.builder(db.dataSource()).migrations(List.of(versions)).build();
    }

    @Test
    void migrateToATargetStopsThere() throws SQLException {
        Migrator m = migrator(METER, READING, SERIAL);
        MigrateResult first = m.migrateTo(1);
        assertEquals(List.of(1), versions(first));
        assertEquals(1, first.currentVersion());
        assertEquals(List.of("driftless_history", "meter"), tables());

        MigrateResult rest = m.migrate();
        assertEquals(List.of(2, 3), versions(rest));
        assertEquals(3, rest.currentVersion());
    }

    @Test
    void downgradeRevertsNewestFirstAndCanBeReapplied() throws SQLException {
        Migrator m = migrator(METER, READING, SERIAL);
        m.migrate();
        execute("insert into meter (id, serial) values (7, 'x')");

        // The serial it holds goes with the column: forced.
        MigrateResult down = m.downgradeTo(1, true);
        assertEquals(List.of(3, 2), versions(down));
        assertEquals(1, down.currentVersion());
        assertEquals(List.of("driftless_history", "meter"), tables());
        assertEquals(List.of(1), history());
        assertEquals(1, count("select count(*) from meter where id = 7"), "rows of kept tables stay");

        assertEquals(List.of(2, 3), versions(m.migrate()));
        assertEquals(List.of(1, 2, 3), history());
    }

    @Test
    void downgradeToZeroLeavesOnlyTheHistoryTable() throws SQLException {
        Migrator m = migrator(METER, READING, SERIAL);
        m.migrate();
        assertEquals(0, m.downgradeTo(0).currentVersion());
        assertEquals(List.of("driftless_history"), tables());
        assertEquals(List.of(), history());
        assertEquals(0, m.status().currentVersion());
    }

    @Test
    void aDryRunListsWhatWouldRunAndRunsNothing() throws SQLException {
        Migrator m = migrator(METER, READING, SERIAL);
        MigrationPlan up = m.plan(2);
        assertTrue(up.upgrade());
        assertEquals(List.of(1, 2), up.steps().stream().map(MigrationPlan.Step::version).toList());
        assertEquals(METER.up(), up.steps().get(0).statements());
        assertEquals(List.of(), tables(), "a dry run creates nothing, not even the history table");

        m.migrate();
        MigrationPlan down = m.plan(1);
        assertFalse(down.upgrade());
        assertEquals(List.of(3, 2), down.steps().stream().map(MigrationPlan.Step::version).toList());
        assertEquals(SERIAL.down(), down.steps().get(0).statements());
        assertEquals(List.of(1, 2, 3), history());
    }

    @Test
    void targetsInTheWrongDirectionOrUnknownAreRefused() throws SQLException {
        Migrator m = migrator(METER, READING, SERIAL);
        m.migrate();
        var back = assertThrows(MigrationException.class, () -> m.migrateTo(1));
        assertTrue(back.getMessage().contains("past the target version 1: to go back, downgrade"), back.getMessage());

        m.downgradeTo(1);
        var forward = assertThrows(MigrationException.class, () -> m.downgradeTo(3));
        assertTrue(forward.getMessage().contains("below the target version 3"), forward.getMessage());

        var unknown = assertThrows(MigrationException.class, () -> m.migrateTo(9));
        assertTrue(unknown.getMessage().contains("there is no version 9"), unknown.getMessage());
        assertEquals(List.of(1), history());
    }

    @Test
    void aFailingDownIsRolledBackAndTheDatabaseStaysAtItsVersion() throws SQLException {
        Version brokenDown = new Version(2, "reading", READING.up(),
                List.of("drop table reading", "drop table no_such_table"));
        Migrator m = migrator(METER, brokenDown);
        m.migrate();
        // Without force the down is refused before it runs: it drops a table that is not there.
        var unknown = assertThrows(MigrationException.class, () -> m.downgradeTo(1));
        assertTrue(unknown.getMessage().contains("drops table no_such_table, which is not there now"), unknown.getMessage());
        var e = assertThrows(MigrationException.class, () -> m.downgradeTo(1, true));
        assertTrue(e.getMessage().contains("reverting version 2 (reading) failed and was rolled back"), e.getMessage());
        assertTrue(e.getMessage().contains("statement 2 of 2"), e.getMessage());
        assertEquals(List.of("driftless_history", "meter", "reading"), tables(), "the first down statement was undone");
        assertEquals(List.of(1, 2), history());
    }

    private static List<Integer> versions(MigrateResult result) {
        return result.applied().stream().map(AppliedVersion::version).toList();
    }

    private List<String> tables() throws SQLException {
        return strings("select tablename from pg_tables where schemaname = 'public' order by 1");
    }

    private List<Integer> history() throws SQLException {
        return strings("select version from driftless_history where success order by version").stream()
                .map(Integer::valueOf).toList();
    }

    private int count(String sql) throws SQLException {
        return Integer.parseInt(strings(sql).get(0));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        var out = new ArrayList<String>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
