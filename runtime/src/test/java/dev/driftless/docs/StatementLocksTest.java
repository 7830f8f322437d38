package dev.driftless.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The changelog's lock column, for the statements whose lock the earlier reading of the text got
 * wrong (each mode as {@link StatementTablesOnPostgresTest} saw PostgreSQL take it).
 */
class StatementLocksTest {

    @Test
    void theChangelogNamesTheLockPostgresTakes() {
        var expected = new LinkedHashMap<String, String>();
        expected.put("ALTER TABLE c ADD CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id)",
                "SHARE ROW EXCLUSIVE: writes wait while the rows are checked (here and on the referenced table)");
        expected.put("ALTER TABLE c ADD CONSTRAINT f FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID",
                "SHARE ROW EXCLUSIVE, briefly: writes wait (here and on the referenced table)");
        expected.put("ALTER TABLE c ADD COLUMN q int REFERENCES p (id)",
                "ACCESS EXCLUSIVE: reads and writes wait (and SHARE ROW EXCLUSIVE on the referenced table: writes to it wait)");
        expected.put("CREATE TABLE r (id int PRIMARY KEY, p_id int REFERENCES p (id))",
                "SHARE ROW EXCLUSIVE on the referenced table, briefly: writes to it wait");
        expected.put("ALTER TABLE c ALTER COLUMN x SET STATISTICS 100", "SHARE UPDATE EXCLUSIVE: reads and writes go on");
        expected.put("ALTER TABLE c SET (fillfactor = 70)", "SHARE UPDATE EXCLUSIVE: reads and writes go on");
        expected.put("ALTER TABLE c ENABLE TRIGGER ALL", "SHARE ROW EXCLUSIVE: writes wait");
        expected.put("ALTER INDEX \"i\" RENAME TO \"j\"", "SHARE UPDATE EXCLUSIVE on the index: reads and writes go on");
        expected.put("ALTER SEQUENCE s START WITH 1 INCREMENT BY 1", "SHARE ROW EXCLUSIVE on the sequence: nextval() waits");
        expected.put("CREATE VIEW v AS SELECT * FROM c", "ACCESS SHARE on the tables it reads: reads and writes go on");
        expected.put("ALTER TYPE e RENAME TO f", "none on tables");
        expected.put("DROP TYPE t", "none on tables");
        expected.put("DROP TABLE c", "ACCESS EXCLUSIVE: reads and writes wait (here and on the tables its foreign keys"
                + " reference)");
        expected.put("ALTER TABLE c DROP CONSTRAINT f", "ACCESS EXCLUSIVE: reads and writes wait (and on the referenced"
                + " table, for a foreign key)");
        expected.put("ALTER SEQUENCE s OWNED BY c.x", "SHARE ROW EXCLUSIVE on the sequence: nextval() waits (and ACCESS"
                + " SHARE on the table that owns it)");
        expected.put("ALTER SEQUENCE s RENAME TO s2", "ACCESS EXCLUSIVE on the sequence: nextval() waits");
        expected.put("TRUNCATE p CASCADE", "ACCESS EXCLUSIVE: reads and writes wait (and on the tables whose foreign"
                + " keys reference it, which it empties too)");
        expected.put("ALTER TABLE c ALTER COLUMN p_id TYPE bigint", "ACCESS EXCLUSIVE: reads and writes wait (and on"
                + " the tables of the foreign keys on or to the column, if any: they are rebuilt)");
        expected.put("create index i on c (x)", "SHARE: writes wait until the index is built");
        expected.put("select pg_sleep(1)", "as the statement takes it (written by hand)");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String statement : expected.keySet()) {
            actual.put(statement, StatementLocks.of(statement));
        }
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(actual.entrySet()));
    }
}
