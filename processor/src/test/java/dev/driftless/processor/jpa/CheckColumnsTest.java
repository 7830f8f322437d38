package dev.driftless.processor.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link CheckColumns} reads from expressions the server would refuse: it answers, it does not throw. */
class CheckColumnsTest {

    @Test
    void aUnicodeEscapeBeyondTheLastCodePointIsKeptAsWritten() {
        // \+FFFFFF is no code point; PostgreSQL refuses the check, and the processor must not crash on it.
        assertEquals(List.of(), CheckColumns.nameColumns("U&\"\\+FFFFFF\" > 0", "t", List.of("x")));
        assertEquals(List.of("x"), CheckColumns.nameColumns("U&\"\\0078\" > 0 and U&\"\\+FFFFFF\" is null", "t",
                List.of("x")));
    }

    @Test
    void anEscapeCharacterGivenByUescapeIsTheOneDecoded() {
        assertEquals(List.of("x"), CheckColumns.nameColumns("U&\"!0078\" UESCAPE '!' > 0", "t", List.of("x")));
    }
}
