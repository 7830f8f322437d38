package dev.driftless.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    private static String canonical(String written) {
        return ColumnType.of(written).sql();
    }

    @Test
    void aliasesTakePostgresSpelling() {
        assertEquals("integer", canonical("INT4"));
        assertEquals("bigint", canonical("int8"));
        assertEquals("boolean", canonical("bool"));
        assertEquals("double precision", canonical("float8"));
        assertEquals("double precision", canonical("float(53)"));
        assertEquals("real", canonical("float(24)"));
        assertEquals("timestamp(6) with time zone", canonical("timestamptz"));
        assertEquals("timestamp(6) without time zone", canonical("timestamp"));
    }

    /** PostgreSQL's default precision for these types is 6: written without it, the type is the same. */
    @Test
    void theDefaultPrecisionIsSpelledOut() {
        assertEquals("timestamp(6) without time zone", canonical("timestamp without time zone"));
        assertEquals("timestamp(6) with time zone", new ColumnType("timestamp with time zone").sql());
        assertEquals("time(6) without time zone", canonical("time"));
        assertEquals("time(6) with time zone", canonical("timetz"));
        assertEquals("interval(6)", canonical("interval"));
        assertEquals("timestamp(6) without time zone[]", canonical("timestamp[]"));
        assertEquals(ColumnType.of("timestamp(6)"), ColumnType.of("TIMESTAMP"));
        assertEquals("character varying", canonical("varchar"));
        assertEquals("numeric", canonical("numeric"));
        assertEquals("timestamp(0) without time zone", canonical("timestamp(0)"));
    }

    @Test
    void serialShorthandsStandForTheirIntegerType() {
        assertEquals("serial", canonical("SERIAL"));
        assertEquals("bigserial", canonical("serial8"));
        assertEquals("smallserial", canonical("serial2"));
        assertEquals(ColumnType.of("integer"), ColumnType.of("serial").plain());
        assertEquals(ColumnType.of("bigint"), ColumnType.of("bigserial").plain());
        assertEquals(ColumnType.of("text"), ColumnType.of("text").plain());
        assertEquals(java.util.Optional.of(ColumnType.of("bigserial")), ColumnType.of("int8").asSerial());
        assertEquals(java.util.Optional.empty(), ColumnType.of("numeric").asSerial());
    }

    @Test
    void modifiersAreKeptInPlace() {
        assertEquals("character varying(100)", canonical("VARCHAR(100)"));
        assertEquals("character(1)", canonical("char(1)"));
        assertEquals("numeric(12,2)", canonical("decimal( 12 , 2 )"));
        assertEquals("timestamp(6) without time zone", canonical("timestamp(6)"));
        assertEquals("timestamp(6) with time zone", canonical("timestamp(6) with time zone"));
        assertEquals("timestamp(3) with time zone", canonical("timestamptz(3)"));
        assertEquals("time(6) without time zone", canonical("time(6)"));
        assertEquals("time(6) with time zone", canonical("timetz(6)"));
    }

    @Test
    void arraysAndUnknownTypesPassThrough() {
        assertEquals("integer[]", canonical("int4[]"));
        assertEquals("character varying(10)[]", canonical("varchar(10)[]"));
        assertEquals("jsonb", canonical("JSONB"));
        assertEquals("uuid", canonical("uuid"));
    }

    @Test
    void blankIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ColumnType.of("  "));
    }
}
