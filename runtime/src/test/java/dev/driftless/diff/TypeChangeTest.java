package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.ColumnType;
import dev.driftless.model.QualifiedName;
import dev.driftless.plan.PostgresPlanner;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TypeChangeTest {

    private static boolean widens(String from, String to) {
        return TypeChange.widens(ColumnType.of(from), ColumnType.of(to));
    }

    @Test
    void wideningsKeepEveryValue() {
        assertTrue(widens("varchar(100)", "varchar(200)"));
        assertTrue(widens("varchar(100)", "text"));
        assertTrue(widens("smallint", "bigint"));
        assertTrue(widens("integer", "numeric(12,2)"));
        assertTrue(widens("numeric(10,2)", "numeric(12,2)"));
        assertTrue(widens("real", "double precision"));
        assertTrue(widens("timestamp(3)", "timestamp(6)"));
    }

    @Test
    void everythingElseMayLoseData() {
        assertFalse(widens("varchar(200)", "varchar(100)"));
        assertFalse(widens("text", "varchar(100)"));
        assertFalse(widens("bigint", "integer"));
        assertFalse(widens("numeric(10,2)", "numeric(10,3)"), "a larger scale leaves fewer integer digits");
        assertFalse(widens("double precision", "real"));
        assertFalse(widens("text", "integer"));
        assertFalse(widens("timestamp(6)", "timestamp(6) with time zone"));
        assertFalse(widens("bigint", "numeric(12,2)"));
    }

    @Test
    void onPostgresAWideningKeepsTheRowsAndAConversionSaysHow() throws SQLException {
        var table = QualifiedName.of("meter");
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("create table meter (serial varchar(10), reading text)");
            st.execute("insert into meter values ('ab-1', '42')");
            for (String sql : PostgresPlanner.statements(new Operation.AlterColumnType(table, "serial",
                    ColumnType.of("varchar(10)"), ColumnType.of("varchar(40)")))) {
                st.execute(sql);
            }
            for (String sql : PostgresPlanner.statements(new Operation.AlterColumnType(table, "reading",
                    ColumnType.of("text"), ColumnType.of("integer")))) {
                st.execute(sql);
            }
            try (ResultSet rs = st.executeQuery("select serial, reading + 1 from meter")) {
                rs.next();
                assertEquals("ab-1", rs.getString(1));
                assertEquals(43, rs.getInt(2));
            }
            // A value that does not convert fails the statement: nothing is silently changed.
            st.execute("insert into meter values ('cd-2', '42')");
            var back = PostgresPlanner.statements(new Operation.AlterColumnType(table, "serial",
                    ColumnType.of("varchar(40)"), ColumnType.of("integer")));
            assertThrows(SQLException.class, () -> st.execute(back.get(0)));
        }
    }
}
