package dev.driftless.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.history.HandWrittenSteps;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(List.of(
                "SELECT 'a;b', \"c;d\"",
                "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.x := 1; RETURN NEW; END $body$ LANGUAGE plpgsql",
                "SELECT $$;$$",
                "SELECT 'it''s;'"),
                SqlScript.split("""
                        SELECT 'a;b', "c;d";
                        -- a comment; with a semicolon
                        CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.x := 1; RETURN NEW; END $body$ LANGUAGE plpgsql;
                        SELECT $$;$$; /* block; comment */
                        SELECT 'it''s;'
                        """));
    }

    @Test
    void emptyInputHasNoStatements() {
        assertEquals(List.of(), SqlScript.split("  ;\n-- nothing\n;"));
    }

    @Test
    void aDollarSignInsideAnIdentifierIsPartOfTheName() {
        assertEquals(List.of("CREATE TABLE t (amount$usd$ numeric)", "COMMENT ON COLUMN t.amount$usd$ IS 'x'"),
                SqlScript.split("CREATE TABLE t (amount$usd$ numeric);\nCOMMENT ON COLUMN t.amount$usd$ IS 'x';\n"));
    }

    @Test
    void anEscapeStringKeepsItsEscapedQuote() {
        assertEquals(List.of("INSERT INTO person (name) VALUES (E'O\\'Brien; x')", "SELECT 1"),
                SqlScript.split("INSERT INTO person (name) VALUES (E'O\\'Brien; x');\nSELECT 1;"));
    }

    @Test
    void aHandWrittenEscapeStringIsOneStep() {
        HandWrittenSteps steps = HandWrittenSteps.read("""
                -- driftless:after
                UPDATE person SET name = E'O\\'Brien; x' WHERE id = 1;
                UPDATE person SET note = 'ok';
                """, "next.sql");
        assertEquals(List.of("UPDATE person SET name = E'O\\'Brien; x' WHERE id = 1", "UPDATE person SET note = 'ok'"),
                steps.after());
    }
}
