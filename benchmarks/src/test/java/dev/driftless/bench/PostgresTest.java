package dev.driftless.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Two benchmark runs on one server: each drops only the databases it made. */
class PostgresTest {

    @Test
    void aRunDropsOnlyItsOwnDatabasesAndNamesTheOthers() throws SQLException {
        Postgres one = Postgres.fromEnvironment();
        Postgres other = Postgres.fromEnvironment();
        assertNotEquals(one.prefix(), other.prefix(), "each run has a prefix of its own");
        assertTrue(one.prefix().startsWith(Postgres.FAMILY) && one.prefix().matches("[a-z0-9_]+"), one.prefix());
        String mine = one.database("p2_driftless");
        String theirs = other.database("p2_driftless");
        try {
            one.create(mine);
            other.create(theirs);
            assertTrue(one.othersDatabases().contains(theirs), "the other run's database is named");
            assertFalse(one.othersDatabases().contains(mine));
            assertThrows(IllegalArgumentException.class, () -> one.drop(theirs), "a run refuses another's database");

            one.dropOwn();
            assertFalse(exists(one, mine), "its own database is dropped");
            assertTrue(exists(one, theirs), "the other run's database is left alone");
        } finally {
            one.dropOwn();
            other.dropOwn();
        }
        assertFalse(exists(one, theirs));
        assertEquals(java.util.List.of(), one.othersDatabases().stream().filter(d -> d.equals(theirs)).toList());
    }

    private static boolean exists(Postgres pg, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.url("postgres"));
                PreparedStatement st = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
