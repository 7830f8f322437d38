package dev.driftless.sql;

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
        assertEquals("\"Shop\".\"order\"", Identifiers.qualified("Shop", "order"));
        assertEquals("cei.datasource", QualifiedName.quote(new QualifiedName("cei", "datasource")));
        assertEquals("datasource", QualifiedName.quote(QualifiedName.of("datasource")));
    }

    @Test
    void delimitedNamesAreAlwaysQuoted() {
        assertEquals("\"datasource\"", Identifiers.delimited("datasource"));
        assertEquals("\"a\"\"b\"", Identifiers.delimited("a\"b"));
    }

    @Test
    void unquotingUndoesQuotingAndFoldingIsPostgresqls() {
        assertEquals("say \"hi\"", Identifiers.unquote(Identifiers.quote("say \"hi\"")));
        assertEquals("abc\u00c9", Identifiers.fold("ABc\u00c9"), "only ASCII letters are folded");
        assertEquals("d\u0061t\u00e9 \\x", Identifiers.unquoteUnicode("U&\"d\\0061t\\+0000e9 \\\\x\"", '\\'));
        assertEquals("a!b", Identifiers.unquoteUnicode("U&\"a!!b\"", '!'));
    }
}
