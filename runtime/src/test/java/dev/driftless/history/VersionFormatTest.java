package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionFormatTest {

    private static final FrozenVersion V1 = new FrozenVersion(1, "initial", FrozenVersion.NO_PARENT,
            List.of("create table t"),
            List.of("CREATE TABLE t (\n    a text DEFAULT 'a;b'\n)", "COMMENT ON TABLE t IS 'it''s; fine'"),
            List.of("DROP TABLE t"));

    @Test
    void roundTrips() {
        String text = VersionFormat.write(V1);
        assertEquals(V1, VersionFormat.read(text, V1.fileName()));
        assertEquals("V0001__initial.sql", V1.fileName());
        assertTrue(text.contains("-- checksum: " + V1.checksum()), text);
        assertTrue(text.contains("-- driftless:up\nCREATE TABLE t (\n    a text DEFAULT 'a;b'\n);\n"), text);
    }

    @Test
    void checksumCoversStatementsAndParent() {
        var other = new FrozenVersion(1, "initial", FrozenVersion.NO_PARENT, List.of(), V1.up(), V1.down());
        assertEquals(V1.checksum(), other.checksum(), "the operation list is commentary");
        assertNotEquals(V1.checksum(), new FrozenVersion(1, "initial", "sha256:00", List.of(), V1.up(), V1.down()).checksum());
        assertNotEquals(V1.checksum(), new FrozenVersion(1, "initial", FrozenVersion.NO_PARENT, List.of(), V1.up(),
                List.of("DROP TABLE t CASCADE")).checksum());
    }

    @Test
    void aHandEditedVersionIsRefused() {
        String edited = VersionFormat.write(V1).replace("DROP TABLE t;", "DROP TABLE t CASCADE;");
        var e = assertThrows(HistoryFormatException.class, () -> VersionFormat.read(edited, V1.fileName()));
        assertTrue(e.getMessage().contains("a frozen version was edited"), e.getMessage());
    }

    @Test
    void theFileNameMustMatchTheHeader() {
        var e = assertThrows(HistoryFormatException.class,
                () -> VersionFormat.read(VersionFormat.write(V1), "V0002__initial.sql"));
        assertTrue(e.getMessage().contains("does not match the file name"), e.getMessage());
        e = assertThrows(HistoryFormatException.class, () -> VersionFormat.read("", "initial.sql"));
        assertTrue(e.getMessage().contains("V<number>__<name>.sql"), e.getMessage());
    }

    @Test
    void namesAreMadeFromFreeText() {
        assertEquals("add_quality_score", FrozenVersion.nameOf(" Add quality-score! "));
        assertEquals("", FrozenVersion.nameOf("!!!"));
    }

    @Test
    void aSectionLineInsideALiteralOrABodyIsText() {
        var v = new FrozenVersion(1, "tricky", FrozenVersion.NO_PARENT, List.of(),
                List.of("COMMENT ON TABLE t IS 'first\n-- driftless:down\nlast'",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n-- driftless:up:after\nSELECT 1\n$$"),
                List.of("COMMENT ON TABLE t IS '\n-- driftless:java not.a.Step\n'"),
                new HandWrittenSteps(List.of("SELECT '\n-- driftless:up\n'"), List.of(), List.of(), List.of(), List.of()),
                List.of(), new java.util.TreeMap<>());
        assertEquals(v, VersionFormat.read(VersionFormat.write(v), v.fileName()));
        HandWrittenSteps steps = HandWrittenSteps.read("-- driftless:before\nSELECT 'a\n-- driftless:after\nb';\n"
                + "-- driftless:after\nSELECT 2;\n", "next.sql");
        assertEquals(List.of("SELECT 'a\n-- driftless:after\nb'"), steps.before());
        assertEquals(List.of("SELECT 2"), steps.after());
    }
}
