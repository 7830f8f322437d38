package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
