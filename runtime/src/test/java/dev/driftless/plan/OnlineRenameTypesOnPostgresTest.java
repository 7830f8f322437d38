package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An online rename to another type, on a table with rows whose values do not survive a round trip
 * through the new type: the old column, which the previous application version reads and a
 * downgrade keeps, stays byte for byte what it was through the expand, a version planned during
 * the transition, and the downgrade of the expand; and through the contract and its downgrade
 * when the new type holds every old value. A conversion that can lose values either way is data
 * loss at freeze, like a type change in place.
 */
class OnlineRenameTypesOnPostgresTest {

    private static final QualifiedName READING = QualifiedName.of("reading");
    private static final int ROWS = 30_000;

    /**
     * @param values the old column's value of row {@code g}, as SQL (NULL now and then)
     * @param send the old type's binary output function: the bytes compared
     * @param oldWrite a value the previous application writes into the old column
     * @param newWrite a value the next application writes into the new column
     * @param newHoldsEveryOldValue whether every old value converts to the new type and back unchanged
     * @param oldHoldsEveryNewValue the same the other way
     */
    record Pair(String oldType, String newType, String values, String send, String oldWrite, String newWrite,
            boolean newHoldsEveryOldValue, boolean oldHoldsEveryNewValue) {
        @Override
        public String toString() {
            return oldType + " -> " + newType;
        }
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                // 17 significant digits, rounded to 4 decimals by numeric(14,4).
                new Pair("double precision", "numeric(14,4)", "g / 7.0::double precision + 1e-12 * g", "float8send",
                        "0.12345678901234567", "12.3456", false, false),
                // Above 2^53: a double has no odd integers there.
                new Pair("bigint", "double precision", "9007199254740993 + 2 * g", "int8send", "9007199254740995",
                        "2.5", false, false),
                // Longer than 10 characters: varchar(10) keeps the first ten.
                new Pair("text", "character varying(10)", "'reading number ' || g || repeat('.', g % 20)", "textsend",
                        "a string much longer than ten", "short", false, true),
                // Every integer is a bigint; a bigint the next application writes may not be an integer.
                new Pair("integer", "bigint", "2147483647 - g", "int4send", "-2147483648", "1234", true, false),
                // Every real is a double; a double may not be a real.
                new Pair("real", "double precision", "(g / 7.0)::real", "float4send", "3.1415927", "0.1", true, false))
                .map(Arguments::of);
    }

    private static Table reading(String column, String type, boolean withUid) {
        var columns = new ArrayList<>(List.of(Column.of("id", "bigint", false), Column.of(column, type, true),
                Column.of("note", "text", true)));
        if (withUid) {
            // A volatile default: the version that adds it fills the rows in batches, through the sync trigger.
            columns.add(new Column("uid", ColumnType.of("uuid"), true, "gen_random_uuid()", Identity.NONE, null));
        }
        return new Table(READING, columns, new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(),
                List.of(), null);
    }

    private static SchemaModel model(Table t) {
        return new SchemaModel(List.of(t), List.of());
    }

    private static final Renames ONLINE = new Renames(Map.of(), Map.of(READING, Map.of("measurement", "value")),
            Set.of(), Map.of(READING, Set.of("measurement")));
    private static final Renames OVER = new Renames(Map.of(READING, Map.of("measurement", "value")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theOldColumnStaysByteIdentical(Pair pair) throws SQLException {
        SchemaModel v1 = model(reading("value", pair.oldType(), false));
        SchemaModel renamed = model(reading("measurement", pair.newType(), false));
        SchemaModel renamedWithUid = model(reading("measurement", pair.newType(), true));
        History history = History.EMPTY.plus(VersionPlan.next(History.EMPTY, v1, "initial").orElseThrow(),
                new Snapshot(1, v1));

        VersionPlan.Planned expand = VersionPlan.plan(history, renamed, "expand", ONLINE, HandWrittenSteps.NONE)
                .orElseThrow();
        history = history.plus(expand.version(), new Snapshot(2, expand.reached()));
        VersionPlan.Planned during = VersionPlan.plan(history, renamedWithUid, "uid", ONLINE, HandWrittenSteps.NONE)
                .orElseThrow();
        history = history.plus(during.version(), new Snapshot(3, during.reached()));
        VersionPlan.Planned contract = VersionPlan.plan(history, renamedWithUid, "contract", OVER, HandWrittenSteps.NONE)
                .orElseThrow();
        history = history.plus(contract.version(), new Snapshot(4, contract.reached()));

        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            db.execute("insert into reading (id, value) select g, case when g % 97 = 0 then null else " + pair.values()
                    + " end from generate_series(1, " + ROWS + ") g");
            String original = fingerprint(db, pair);

            migrator.migrateTo(2);
            assertEquals(original, fingerprint(db, pair), "the expand left the old column as it was");
            assertEquals(List.of("0"), db.strings("select count(*) from reading where measurement is distinct from"
                    + " value::" + pair.newType()), "every row copied");

            // The previous application writes the old column, the next one the new column, both every
            // column of the row (as JPA does) while changing only one.
            db.execute("update reading set value = " + literal(pair.oldWrite()) + ", note = 'old' where id = 1",
                    "update reading set measurement = " + literal(pair.newWrite()) + ", note = 'new' where id = 2",
                    "update reading set value = value, note = 'old' where id between 3 and 50",
                    "update reading set measurement = measurement, note = 'new' where id between 51 and 100",
                    "update reading set note = 'neither' where id between 101 and 150",
                    "insert into reading (id, value) values (-1, " + literal(pair.oldWrite()) + ")",
                    "insert into reading (id, measurement) values (-2, " + literal(pair.newWrite()) + ")");
            assertEquals(original, fingerprint(db, pair), "writes that change neither column leave it as it was");
            assertEquals(List.of("true|true"), db.strings("select (value = " + literal(pair.oldWrite()) + "::"
                    + pair.oldType() + ")::text || '|' || (measurement = " + literal(pair.oldWrite()) + "::" + pair.oldType()
                    + "::" + pair.newType() + ")::text from reading where id = 1"), "an old write is kept as written");
            assertEquals(List.of("0"), db.strings("select count(*) from reading where id in (-1, 1) and value is distinct from "
                    + literal(pair.oldWrite()) + "::" + pair.oldType()));
            assertEquals(List.of("0"), db.strings("select count(*) from reading where id in (-2, 2) and (measurement"
                    + " is distinct from " + literal(pair.newWrite()) + "::" + pair.newType() + " or value is distinct from "
                    + literal(pair.newWrite()) + "::" + pair.newType() + "::" + pair.oldType() + ")"),
                    "a new write reaches the old column converted");

            migrator.migrateTo(3);
            assertEquals(original, fingerprint(db, pair), "a version during the transition left the old column as it was");
            assertEquals(List.of("0"), db.strings("select count(*) from reading where uid is null"));

            // Refused, then forced: the column version 3 added holds values, and where the old type cannot
            // hold every new value, the expand cannot give back what the next application wrote.
            var refusedDown = assertThrows(MigrationException.class, () -> migrator.downgradeTo(1));
            assertTrue(refusedDown.getMessage().contains(pair.oldHoldsEveryNewValue() ? "reading.uid" : "irreversible"),
                    refusedDown.getMessage());
            migrator.downgradeTo(1, true);
            assertEquals(original, fingerprint(db, pair), "the downgrade of the expand left the old column as it was");

            migrator.migrate();
            if (pair.newHoldsEveryOldValue()) {
                migrator.downgradeTo(3);
                assertEquals(original, fingerprint(db, pair), "the contract's downgrade rebuilt the old column exactly");
                assertEquals(List.of("0"), db.strings("select count(*) from reading where measurement is distinct from"
                        + " value::" + pair.newType()));
            } else {
                var refused = assertThrows(MigrationException.class, () -> migrator.downgradeTo(3));
                assertTrue(refused.getMessage().contains("irreversible"), refused.getMessage());
                assertEquals(List.of("4"), db.strings("select max(version) from driftless_history where success"));
            }
        }
        // Checked last, so that the values above are checked first.
        // The next application's writes reach the old column converted to its type, which may round or refuse them.
        assertEquals(pair.oldHoldsEveryNewValue() ? List.of() : List.of("keep reading.value and measurement equal"
                + " (measurement filled from value; a value written to measurement reaches value as " + pair.oldType()
                + ", which may change or refuse it)"),
                expand.destructive().stream().map(Operation::describe).toList(), "a conversion that can lose values is data loss");
        assertEquals(pair.oldHoldsEveryNewValue(), expand.version().irreversible().isEmpty());
        assertEquals(pair.newHoldsEveryOldValue(), contract.destructive().isEmpty(),
                "dropping the old column discards data unless the new column holds every old value: "
                        + contract.destructive());
    }

    /** The trigger casts to both columns' types: a new column retyped during the transition gets it anew. */
    @org.junit.jupiter.api.Test
    void aNewColumnRetypedDuringTheTransitionIsKeptInSyncAtItsNewType() throws SQLException {
        SchemaModel v1 = model(reading("value", "double precision", false));
        History history = History.EMPTY.plus(VersionPlan.next(History.EMPTY, v1, "initial").orElseThrow(),
                new Snapshot(1, v1));
        VersionPlan.Planned expand = VersionPlan.plan(history, model(reading("measurement", "numeric(14,4)", false)),
                "expand", ONLINE, HandWrittenSteps.NONE).orElseThrow();
        history = history.plus(expand.version(), new Snapshot(2, expand.reached()));
        VersionPlan.Planned retyped = VersionPlan.plan(history, model(reading("measurement", "numeric(16,6)", false)),
                "retyped", ONLINE, HandWrittenSteps.NONE).orElseThrow();
        assertEquals(List.of("stop keeping reading.value and measurement equal",
                "change type of reading.measurement from numeric(14,4) to numeric(16,6)",
                "keep reading.value and measurement equal"),
                retyped.operations().stream().map(Operation::describe).toList());
        history = history.plus(retyped.version(), new Snapshot(3, retyped.reached()));
        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            db.execute("insert into reading (id, value) values (1, 1.25), (2, 2.5)");
            migrator.migrate();
            db.execute("update reading set value = 1.23456789 where id = 1",
                    "update reading set measurement = 2.123456 where id = 2");
            assertEquals(List.of("1|1.23456789|1.234568", "2|2.123456|2.123456"), db.strings("select id || '|' || value"
                    + " || '|' || measurement from reading order by id"));
            migrator.downgradeTo(2, true);
            db.execute("update reading set value = 1.23456789 where id = 2");
            assertEquals(List.of("1.2346"), db.strings("select measurement from reading where id = 2"));
        }
    }

    /** The old column's bytes of every row but those the test writes, in row order. */
    private static String fingerprint(TestDatabase db, Pair pair) throws SQLException {
        return db.strings("select count(*) || ':' || md5(string_agg(coalesce(encode(" + pair.send()
                + "(value), 'hex'), 'null'), ',' order by id)) from reading where id > 2").get(0);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
