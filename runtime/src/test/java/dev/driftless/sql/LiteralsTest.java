package dev.driftless.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralsTest {

    @Test
    void textWithoutBackslashKeepsThePlainForm() {
        assertEquals("'it''s'", Literals.literal("it's"));
        assertEquals("''", Literals.literal(""));
        assertEquals("'line\nbreak'", Literals.literal("line\nbreak"));
    }

    @Test
    void textWithABackslashOrACarriageReturnIsAnEscapeString() {
        assertEquals("E'C:\\\\temp\\\\''; x'", Literals.literal("C:\\temp\\'; x"));
        assertEquals("E'a\\r\nb'", Literals.literal("a\r\nb"));
    }

    @Test
    void theStandardFormOnlyDoublesQuotes() {
        assertEquals("'C:\\temp\\''s'", Literals.standard("C:\\temp\\'s"));
    }

    @Test
    void aDollarQuotedBodyTakesATagItDoesNotContain() {
        assertEquals("$driftless_sync$ x $driftless_sync$", Literals.dollarQuoted("driftless_sync", " x "));
        assertEquals("$t_2$ $t$ $t_1$ $t_2$", Literals.dollarQuoted("t", " $t$ $t_1$ "));
        String body = " NEW.a$t$b := 1; ";
        String quoted = Literals.dollarQuoted("t", body);
        List<SqlLexer.Token> tokens = SqlLexer.tokens("DO " + quoted);
        assertEquals(SqlLexer.Kind.DOLLAR_STRING, tokens.get(tokens.size() - 1).kind());
        assertEquals(quoted, tokens.get(tokens.size() - 1).text("DO " + quoted), "one token: the body does not end it");
    }
}
