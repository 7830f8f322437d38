package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.Column;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Columns made without a precision where PostgreSQL's default precision is 6 ({@code timestamp},
 * {@code timestamptz}, {@code time}, {@code timetz}, {@code interval}) are the same columns as
 * those made with precision 6, and compare equal; types that really differ do not.
 */
class DefaultPrecisionOnPostgresTest {

    private static final List<String> SAME = List.of("timestamp", "timestamptz", "time", "timetz", "interval");

    @Test
    void aTypeWithoutPrecisionStoresWhatPrecisionSixStores() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table t (ts timestamp, ts6 timestamp(6), tz timestamptz, tz6 timestamptz(6),"
                    + " t time, t6 time(6), tt timetz, tt6 timetz(6), i interval, i6 interval(6))",
                    "insert into t values ('2024-01-02 03:04:05.1234567', '2024-01-02 03:04:05.1234567',"
                    + " '2024-01-02 03:04:05.1234567+00', '2024-01-02 03:04:05.1234567+00',"
                    + " '03:04:05.1234567', '03:04:05.1234567', '03:04:05.1234567+02', '03:04:05.1234567+02',"
                    + " '1 day 00:00:01.1234567', '1 day 00:00:01.1234567')");
            assertEquals(List.of("2024-01-02 03:04:05.123457|2024-01-02 03:04:05.123457"),
                    db.strings("select ts::text || '|' || ts6::text from t"));
            assertEquals(List.of("true"), db.strings("select (ts = ts6 and tz = tz6 and t = t6 and tt = tt6 and i = i6"
                    + " and ts::text = ts6::text and tz::text = tz6::text and t::text = t6::text"
                    + " and tt::text = tt6::text and i::text = i6::text)::text from t"));
        }
    }

    @Test
    void withAndWithoutTheDefaultPrecisionCompareEqualAndRealDifferencesStay() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table made (a timestamp, b timestamptz, c time, d timetz, e interval,"
                    + " f timestamp[], g varchar, h numeric, j timestamp(3))");
            SchemaModel model = new SchemaModel(List.of(new Table(QualifiedName.of("made"), List.of(
                    Column.of("a", "timestamp(6)", true),
                    Column.of("b", "timestamp(6) with time zone", true),
                    Column.of("c", "time(6)", true),
                    Column.of("d", "time(6) with time zone", true),
                    Column.of("e", "interval(6)", true),
                    Column.of("f", "timestamp(6)[]", true),
                    Column.of("g", "varchar(20)", true),
                    Column.of("h", "numeric(12,2)", true),
                    Column.of("j", "timestamp", true)), null, List.of(), List.of(), List.of(), null)), List.of());
            try (Connection c = db.connect()) {
                SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
                List<String> differences = SchemaDiff.between(model, live).stream().map(Operation::describe).toList();
                assertEquals(List.of(
                        "change type of made.g from character varying(20) to character varying",
                        "change type of made.h from numeric(12,2) to numeric",
                        "change type of made.j from timestamp(6) without time zone to timestamp(3) without time zone"),
                        differences);
            }
        }
    }
}
