package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The forms {@link ServerSpelling} does not predict, each left to the server; and a few it does. */
class ServerSpellingTest {

    private static final Table TABLE = new Table(QualifiedName.of("t"), List.of(
            new Column("status", ColumnType.of("character varying(20)"), true, null, Identity.NONE, null),
            new Column("amount", ColumnType.of("integer"), true, null, Identity.NONE, null),
            new Column("price", ColumnType.of("numeric(10,2)"), true, null, Identity.NONE, null),
            new Column("tags", ColumnType.of("text[]"), true, null, Identity.NONE, null),
            new Column("order", ColumnType.of("text"), true, null, Identity.NONE, null)),
            null, List.of(), List.of(), List.of(), null);

    @Test
    void formsOutsideThePredictedOnesAreLeftToTheServer() {
        for (String check : List.of(
                "status not in ('A')", "status in ('A' 'B')", "status in ('A'\n'B')", "status in (E'A')",
                "status in (U&'A')", "status in ($$A$$)", "status in ('A', NULL)", "status in ('A') or true",
                "(status in ('A'))", "status in ('A') -- c", "status in ('A'", "status in ()", "status in ('A',)",
                "status in ('A') and status in ('B')", "status::text in ('A')", "status in ('A'::text)",
                "missing in ('A')", "amount in ('1')", "price in ('1')", "tags in ('{}')", "order in ('A')",
                "status in ('unterminated)", "\"status in ('A')", "\"\" in ('A')",
                "amount between -1 and 3", "amount between 01 and 3", "amount between 0 and 3.5",
                "amount between 0 and 2147483648", "amount between symmetric 0 and 3", "amount between 0 and 3e1",
                "amount not between 0 and 3", "amount between 0 and 3 or true", "price between 0 and 3",
                "status between 0 and 3", "amount between 0and 3", "amount between 0 and3")) {
            assertEquals(Optional.empty(), ServerSpelling.check(TABLE, check, true), check);
        }
    }

    @Test
    void defaultsArePredictedOnlyOnTheTypesTheyAreMeantFor() {
        assertEquals(Optional.of("CURRENT_TIMESTAMP"), ServerSpelling.defaultValue("timestamp(6) with time zone", "current_timestamp"));
        assertEquals(Optional.of("true"), ServerSpelling.defaultValue("boolean", "TRUE"));
        for (String[] none : new String[][] {{"text", "current_timestamp"}, {"time(6) without time zone", "current_date"},
                {"timestamp(6) without time zone", "current_timestamp(3)"}, {"integer", "true"}, {"boolean", "'true'"},
                {"timestamp(6) without time zone", "now()"}, {"timestamp(6) without time zone[]", "current_timestamp"},
                {"timestamp(6) without time zone", "current_timestamp -- c"}}) {
            assertEquals(Optional.empty(), ServerSpelling.defaultValue(none[0], none[1]), String.join(" ", none));
        }
    }

    @Test
    void aBackslashIsPredictedOnlyWhereItIsNoEscape() {
        assertEquals(Optional.of("((status)::text = 'a\\b'::text)"), ServerSpelling.check(TABLE, "status in ('a\\b')", true));
        assertEquals(Optional.empty(), ServerSpelling.check(TABLE, "status in ('a\\b')", false));
    }

    @Test
    void theProcessorsFormsArePredicted() {
        assertEquals(Optional.of("((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'it''s'::character varying])::text[]))"),
                ServerSpelling.check(TABLE, "status in ('DRAFT','it''s')", false));
        assertEquals(Optional.of("(\"order\" = ANY (ARRAY['A'::text, ''::text]))"),
                ServerSpelling.check(TABLE, "\"order\" IN ('A', '')", false));
        assertEquals(Optional.of("((amount >= 0) AND (amount <= 3))"), ServerSpelling.check(TABLE, "amount between 0 and 3", false));
    }
}
