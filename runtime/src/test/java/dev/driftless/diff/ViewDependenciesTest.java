package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.QualifiedName;
import dev.driftless.model.View;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewDependenciesTest {

    private static final Set<QualifiedName> TABLES = Set.of(QualifiedName.of("meter"), QualifiedName.of("amount$usd$"),
            QualifiedName.of("Data"), QualifiedName.of("reading"));

    @Test
    void aNameAfterAnEscapeStringWithAnEscapedQuoteIsSeen() {
        View v = new View(QualifiedName.of("v"), "select E'it\\'s' as a, 'x' from meter", false);
        assertEquals(Set.of(QualifiedName.of("meter")), ViewDependencies.referenced(v, TABLES));
    }

    @Test
    void namesWithDollarsAndUnicodeEscapesAreSeenAndDollarBodiesAreNotNames() {
        View v = new View(QualifiedName.of("v"), "select $q$ reading $q$ from amount$usd$ join U&\"D\\0061ta\" on true"
                + " /* nested /* reading */ still comment */", false);
        assertEquals(Set.of(QualifiedName.of("amount$usd$"), QualifiedName.of("Data")), ViewDependencies.referenced(v, TABLES));
        assertTrue(ViewDependencies.identifiers("select * from \"Data\"").contains("Data"));
    }
}
