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
        assertEquals("timestamp with time zone", canonical("timestamptz"));
        assertEquals("timestamp without time zone", canonical("timestamp"));
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
