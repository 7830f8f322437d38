package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.Literals;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every prediction {@link ServerSpelling} makes is the text PostgreSQL prints for the expression:
 * random enum checks (values with quotes, backslashes, double quotes, commas, parentheses, line
 * breaks, accents, CJK and astral characters, empty strings, lists of one to 300 values) over
 * columns of every string type and names that need quoting, and ordinal ranges over the integer
 * types, each created on a temporary table as {@link Canonical} creates it and read back with
 * {@code pg_get_constraintdef}, with {@code standard_conforming_strings} on and off.
 */
class ServerSpellingOnPostgresTest {

    private static final List<String> STRING_TYPES = List.of("character varying(20)", "character varying", "text",
            "character(1)", "character(12)", "varchar(255)", "char(3)");
    private static final List<String> INTEGER_TYPES = List.of("smallint", "integer", "bigint", "serial", "bigserial");
    private static final List<String> NAMES = List.of("status", "Status", "order", "kind$2", "_x", "with space",
            "quote\"d", "état", "name", "type", "value");
    private static final String[] PIECES = {"A", "DRAFT", "sent", "'", "''", "\\", "\\\\", "\\'", "\"", ",", "(", ")",
            " ", "\n", "é", "日本", "😀", "::text", "ARRAY[", "x", "0", "%", "_", "$1", "E'", "--", "/*"};
    private static final List<String> SEPARATORS = List.of(",", ", ", " , ", ",\n  ");

    @Test
    void everyPredictionIsWhatPostgresPrints() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            for (boolean standard : List.of(true, false)) {
                int predicted = predictAndCompare(c, standard, new Random(standard ? 4_1 : 4_2), 600);
                assertTrue(predicted > 300, "too few predictions to prove anything: " + predicted);
            }
        }
    }

    @Test
    void everyPredictedDefaultIsWhatPostgresPrints() throws SQLException {
        List<String> types = List.of("timestamp(6) without time zone", "timestamp(3) with time zone", "timestamp(0)",
                "timestamptz", "date", "time(6) without time zone", "time with time zone", "boolean", "text",
                "character varying(40)", "integer", "interval");
        List<String> forms = List.of("current_timestamp", "CURRENT_TIMESTAMP", " Current_Timestamp ", "localtimestamp",
                "LocalTimestamp", "current_date", "CURRENT_DATE", "localtime", "LOCALTIME", "current_time", "now()",
                "true", "TRUE", "False", "'true'", "current_timestamp(3)");
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            var expected = new HashMap<String, String>();
            try (Statement st = c.createStatement()) {
                int i = 0;
                for (String type : types) {
                    for (String form : forms) {
                        Optional<String> prediction = ServerSpelling.defaultValue(ColumnType.of(type).plain().sql(), form);
                        if (prediction.isPresent()) {
                            String temp = "driftless_default_" + i++;
                            st.execute("create temporary table " + temp + " (d " + ColumnType.of(type).sql()
                                    + " default " + form + ")");
                            expected.put(temp, prediction.get());
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("""
                        select t.relname, pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_class t on t.oid = d.adrelid
                        where t.relnamespace = pg_my_temp_schema() and t.relname like 'driftless\\_default\\_%'""")) {
                    var printed = new HashMap<String, String>();
                    while (rs.next()) {
                        printed.put(rs.getString(1), PostgresIntrospector.withoutLiteralCast(rs.getString(2)));
                    }
                    assertEquals(expected.size(), printed.size());
                    expected.forEach((temp, text) -> assertEquals(printed.get(temp), text, temp));
                }
            } finally {
                c.rollback();
            }
            // 5 date and timestamp types by 7 forms, 2 time types by 2, the boolean by 3.
            assertEquals(5 * 7 + 2 * 2 + 3, expected.size());
        }
    }

    /** One round of {@code cases} random checks under the setting; the number predicted (and so compared). */
    private static int predictAndCompare(Connection c, boolean standard, Random random, int cases) throws SQLException {
        c.setAutoCommit(false);
        var expected = new HashMap<String, String>();
        try (Statement st = c.createStatement()) {
            st.execute("set local standard_conforming_strings = " + (standard ? "on" : "off"));
            st.execute("set local escape_string_warning = off");
            for (int i = 0; i < cases; i++) {
                String name = NAMES.get(random.nextInt(NAMES.size()));
                boolean range = random.nextInt(4) == 0;
                String type = range ? INTEGER_TYPES.get(random.nextInt(INTEGER_TYPES.size()))
                        : STRING_TYPES.get(random.nextInt(STRING_TYPES.size()));
                String check;
                boolean backslash = false;
                if (range) {
                    long low = random.nextBoolean() ? 0 : random.nextInt(Integer.MAX_VALUE);
                    long high = random.nextBoolean() ? random.nextInt(40) : random.nextInt(Integer.MAX_VALUE);
                    check = Identifiers.quote(name) + (random.nextBoolean() ? " between " : " BETWEEN ") + low
                            + (random.nextBoolean() ? " and " : "\nAND ") + high;
                } else {
                    int size = random.nextInt(10) == 0 ? 1 + random.nextInt(300) : 1 + random.nextInt(6);
                    var literals = new ArrayList<String>();
                    for (int v = 0; v < size; v++) {
                        String value = value(random);
                        backslash |= value.contains("\\");
                        literals.add(Literals.standard(value));
                    }
                    check = Identifiers.quote(name) + (random.nextBoolean() ? " in (" : " IN(")
                            + String.join(SEPARATORS.get(random.nextInt(SEPARATORS.size())), literals) + ")";
                }
                Table table = new Table(QualifiedName.of("t" + i),
                        List.of(new Column(name, ColumnType.of(type), true, null, Identity.NONE, null)), null,
                        List.of(), List.of(), List.of(), null);
                Optional<String> prediction = ServerSpelling.check(table, check, standard);
                assertEquals(standard || !backslash, prediction.isPresent(),
                        "predicted exactly when no backslash makes the setting matter: " + check);
                if (prediction.isEmpty()) {
                    continue;
                }
                String temp = "driftless_spelling_" + i;
                st.execute("create temporary table " + temp + " (" + Identifiers.quote(name) + " "
                        + ColumnType.of(type).plain().sql() + ", constraint c check (" + check + "))");
                expected.put(temp, prediction.get());
            }
            try (ResultSet rs = st.executeQuery("""
                    select t.relname, pg_get_constraintdef(k.oid) from pg_constraint k join pg_class t on t.oid = k.conrelid
                    where t.relnamespace = pg_my_temp_schema() and t.relname like 'driftless\\_spelling\\_%'""")) {
                var printed = new HashMap<String, String>();
                while (rs.next()) {
                    printed.put(rs.getString(1), PostgresIntrospector.checkExpression(rs.getString(2)));
                }
                assertEquals(expected.size(), printed.size());
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    assertEquals(printed.get(e.getKey()), e.getValue(), "standard_conforming_strings " + standard);
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return expected.size();
    }

    /** A random enum value: empty sometimes, else a few pieces chosen to trip a quoting or a parse. */
    private static String value(Random random) {
        if (random.nextInt(12) == 0) {
            return "";
        }
        var out = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int p = 0; p < pieces; p++) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            // Backslashes rarely, so that most values are predicted with the setting off too.
            out.append(piece.contains("\\") && random.nextInt(3) != 0 ? "B" : piece);
        }
        return out.toString();
    }
}
