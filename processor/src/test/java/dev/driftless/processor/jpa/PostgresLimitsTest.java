package dev.driftless.processor.jpa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The limits the processor refuses beyond (DL138, DL139) are the real server's, to the column: it
 * takes a table, an index, a primary key and a unique constraint of exactly the limit and refuses
 * one more, and the column limit counts dropped columns, as the message says.
 */
class PostgresLimitsTest {

    private static String columns(int n, String suffix) {
        return IntStream.range(0, n).mapToObj(i -> "c" + i + suffix).collect(Collectors.joining(", "));
    }

    private static void refused(TestDatabase db, String statement, String message) {
        SQLException e = assertThrows(SQLException.class, () -> db.execute(statement));
        assertTrue(e.getMessage().contains(message), e::getMessage);
    }

    @Test
    void aTableHoldsAtMostMaxColumnsCountingDroppedOnes() throws SQLException {
        int max = PostgresLimits.MAX_COLUMNS;
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertDoesNotThrow(() -> db.execute("create table fits (" + columns(max, " int") + ")"));
            refused(db, "create table too_wide (" + columns(max + 1, " int") + ")", "tables can have at most " + max + " columns");
            // One column fewer than the limit, one dropped: adding one more is refused.
            db.execute("create table shrunk (" + columns(max, " int") + ")", "alter table shrunk drop column c0");
            assertEquals(String.valueOf(max - 1), db.strings("select count(*) from information_schema.columns "
                    + "where table_name = 'shrunk'").get(0));
            refused(db, "alter table shrunk add column extra int", "tables can have at most " + max + " columns");
        }
    }

    @Test
    void anIndexAPrimaryKeyAndAUniqueConstraintHoldAtMostMaxKeyColumns() throws SQLException {
        int max = PostgresLimits.MAX_KEY_COLUMNS;
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(String.valueOf(max), db.strings("show max_index_keys").get(0));
            db.execute("create table t (" + columns(max + 1, " int not null") + ")");
            assertDoesNotThrow(() -> db.execute("create index fits on t (" + columns(max, "") + ")",
                    "alter table t add constraint t_pkey primary key (" + columns(max, "") + ")",
                    "alter table t add constraint t_key unique (" + columns(max, "") + ")"));
            String message = "cannot use more than " + max + " columns in an index";
            refused(db, "create index too_many on t (" + columns(max + 1, "") + ")", message);
            refused(db, "alter table t add constraint t_key2 unique (" + columns(max + 1, "") + ")", message);
            db.execute("alter table t drop constraint t_pkey");
            refused(db, "alter table t add primary key (" + columns(max + 1, "") + ")", message);
        }
    }
}
