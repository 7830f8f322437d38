package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.model.QualifiedName;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void plainLowerCaseNamesStayBare() {
        assertEquals("fact_energy_hourly", Identifiers.quote("fact_energy_hourly"));
        assertEquals("_x1$", Identifiers.quote("_x1$"));
    }

    @Test
    void reservedWordsAreQuoted() {
        assertEquals("\"order\"", Identifiers.quote("order"));
        assertEquals("\"user\"", Identifiers.quote("user"));
        assertEquals("\"table\"", Identifiers.quote("table"));
    }

    @Test
    void namesPostgresWouldFoldOrRejectAreQuoted() {
        assertEquals("\"FactEnergy\"", Identifiers.quote("FactEnergy"));
        assertEquals("\"1st\"", Identifiers.quote("1st"));
        assertEquals("\"has space\"", Identifiers.quote("has space"));
        assertEquals("\"say \"\"hi\"\"\"", Identifiers.quote("say \"hi\""));
    }

    @Test
    void qualifiedNamesQuoteEachPart() {
        assertEquals("\"Shop\".\"order\"", Identifiers.quote(new QualifiedName("Shop", "order")));
        assertEquals("cei.datasource", Identifiers.quote(new QualifiedName("cei", "datasource")));
        assertEquals("datasource", Identifiers.quote(QualifiedName.of("datasource")));
    }

    @Test
    void literalsDoubleTheirQuotes() {
        assertEquals("'it''s'", Identifiers.literal("it's"));
    }
}
