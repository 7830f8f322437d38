package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fill sections of {@code next.sql}: what they read as, and what they refuse with the line. */
class ColumnFillSyntaxTest {

    @Test
    void aFillSectionHoldsOneExpressionOrOneJavaStepAndEndsAtTheNextSection() {
        HandWrittenSteps steps = HandWrittenSteps.read("""
                -- filled in the same version
                -- driftless:fill cei.dairy_production.milk_kg
                CASE WHEN milk_liters IS NULL THEN 0
                     ELSE milk_liters * 1.03 END  -- kg per liter
                -- driftless:fill datasource.region
                  -- driftless:java example.FillRegion
                -- driftless:after
                UPDATE datasource SET name = name;
                -- driftless:fill datasource.label
                ';' || '-- driftless:after'
                """, "next.sql");
        assertEquals(List.of(
                new ColumnFill(new QualifiedName("cei", "dairy_production"), "milk_kg",
                        "CASE WHEN milk_liters IS NULL THEN 0\n     ELSE milk_liters * 1.03 END", null),
                new ColumnFill(QualifiedName.of("datasource"), "region", null, "example.FillRegion"),
                new ColumnFill(QualifiedName.of("datasource"), "label", "';' || '-- driftless:after'", null)),
                steps.fills());
        assertEquals(List.of("UPDATE datasource SET name = name"), steps.after());
        assertEquals(List.of(), steps.withoutFills().fills());
    }

    @Test
    void aJavaFillStatementIsAJavaStepThatRunsAloneAndSurvivesTheVersionFile() {
        String statement = HandWrittenSteps.JAVA_FILL + "example.FillRegion";
        assertEquals("example.FillRegion", HandWrittenSteps.javaStepClass(statement));
        assertTrue(HandWrittenSteps.isJavaFill(statement));
        assertEquals(List.of("ALTER TABLE t ADD COLUMN c integer", statement, "ALTER TABLE t DROP COLUMN x"),
                HandWrittenSteps.split("ALTER TABLE t ADD COLUMN c integer;\n\n" + statement + "\n\nALTER TABLE t DROP COLUMN x;\n"));
    }

    @Test
    void aFillThatIsNotOneExpressionOrNamesNoColumnIsRefusedWithItsLine() {
        assertEquals("next.sql:2: the fill of t.c says nothing: write the SQL expression of its value (e.g. 0, or"
                + " coalesce(other_column, 0)) on the lines after it, or a line -- driftless:java <class>",
                refused("-- driftless:after\n-- driftless:fill t.c\n-- driftless:before\nSELECT 1;\n"));
        assertEquals("next.sql:1: the fill of t.c holds 2 statements: write one SQL expression, the value of the column"
                + " for each row", refused("-- driftless:fill t.c\n1; 2\n"));
        assertEquals("next.sql:1: the fill of t.c has a Java step and SQL: keep one of them",
                refused("-- driftless:fill t.c\n-- driftless:java a.B\n0\n"));
        assertEquals("next.sql:1: 'c' names no column: write -- driftless:fill <table>.<column> (or"
                + " <schema>.<table>.<column>), then the SQL expression of its value on the next lines",
                refused("-- driftless:fill c\n0\n"));
        assertEquals("next.sql:3: t.c is filled twice: keep one fill section for it",
                refused("-- driftless:fill t.c\n0\n-- driftless:fill t.c\n1\n"));
    }

    private static String refused(String text) {
        return assertThrows(HistoryFormatException.class, () -> HandWrittenSteps.read(text, "next.sql")).getMessage();
    }
}
