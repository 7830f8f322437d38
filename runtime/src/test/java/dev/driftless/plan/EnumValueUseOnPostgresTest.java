package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A named enum type gains a value that the same version uses at once. PostgreSQL refuses a value
 * added in the transaction that uses it ("unsafe use of new value"), so such a version could never
 * apply: the value is committed first, and the version applies up and down on a table with rows.
 */
class EnumValueUseOnPostgresTest {

    private static final QualifiedName LEVEL = QualifiedName.of("level");
    private static final QualifiedName READING = QualifiedName.of("reading");
    private static final EnumType BEFORE = new EnumType(LEVEL, List.of("low", "mid"));
    private static final EnumType AFTER = new EnumType(LEVEL, List.of("low", "mid", "high"));

    private static Table reading(Column... extra) {
        var columns = new ArrayList<>(List.of(Column.of("id", "bigint", false),
                new Column("grade", ColumnType.of("level"), true, null, Identity.NONE, null)));
        columns.addAll(List.of(extra));
        return new Table(READING, columns, new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(),
                List.of(), null);
    }

    private static Column peak(boolean nullable, String defaultExpression) {
        return new Column("peak", ColumnType.of("level"), nullable, defaultExpression, Identity.NONE, null);
    }

    private static SchemaModel model(EnumType type, Table table, List<View> views) {
        return new SchemaModel(List.of(table), List.of(), List.of(type), views);
    }

    /** The ways a version uses the value it adds. */
    static Stream<Arguments> uses() {
        Function<Table, Table> same = t -> t;
        return Stream.of(
                Arguments.of("a new required column's default", model(AFTER, reading(peak(false, "'high'::level")), List.of())),
                Arguments.of("a new nullable column's default", model(AFTER, reading(peak(true, "'high'::level")), List.of())),
                Arguments.of("an existing column's new default", model(AFTER, withDefault(reading(), "'high'::level"),
                        List.of())),
                Arguments.of("a check", model(AFTER, withCheck(reading(), "grade <> 'high'::level OR id < 0"), List.of())),
                Arguments.of("a re-created type's column default", model(new EnumType(LEVEL, List.of("high", "low", "mid")),
                        withDefault(reading(), "'high'::level"), List.of())),
                Arguments.of("a view", model(AFTER, same.apply(reading()), List.of(new View(QualifiedName.of("high_readings"),
                        "SELECT id FROM reading WHERE grade = 'high'::level", false)))));
    }

    private static Table withDefault(Table t, String defaultExpression) {
        var columns = t.columns().stream().map(c -> c.name().equals("grade") ? c.withDefault(defaultExpression) : c).toList();
        return new Table(t.name(), columns, t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                t.checks(), t.comment());
    }

    private static Table withCheck(Table t, String expression) {
        return new Table(t.name(), t.columns(), t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                List.of(new CheckConstraint("reading_grade_check", expression)), t.comment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uses")
    void aValueAddedAndUsedInOneVersionApplies(String use, SchemaModel after) throws SQLException {
        SchemaModel before = model(BEFORE, reading(), List.of());
        History history = History.EMPTY.plus(VersionPlan.next(History.EMPTY, before, "initial").orElseThrow(),
                new Snapshot(1, before));
        VersionPlan.Planned next = VersionPlan.plan(history, after, "high", dev.driftless.diff.Renames.NONE).orElseThrow();
        history = history.plus(next.version(), new Snapshot(2, next.reached()));
        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            db.execute("insert into reading (id, grade) select g, case when g % 2 = 0 then 'low' else 'mid' end::level"
                    + " from generate_series(1, 1000) g");
            assertEquals(2, migrator.migrate().currentVersion());
            assertSchema(db, next.reached());
            db.execute("insert into reading (id, grade) values (-1, 'high')");
            db.execute("delete from reading where id = -1");
            assertEquals(List.of("500|500"), db.strings("select count(*) filter (where grade = 'low') || '|'"
                    + " || count(*) filter (where grade = 'mid') from reading"));
            // Forced: where version 2 added a column, its down drops it with the values it now holds.
            assertEquals(1, migrator.downgradeTo(1, true).currentVersion());
            assertSchema(db, before);
            assertEquals(List.of("low,mid"), db.strings("select string_agg(enumlabel, ',' order by enumsortorder)"
                    + " from pg_enum where enumtypid = 'level'::regtype"));
            assertEquals(2, migrator.migrate().currentVersion());
            assertSchema(db, next.reached());
        }
    }

    /** Found by the pairwise test: a column of an enum type dropped and one of another type added under its name. */
    @org.junit.jupiter.api.Test
    void aColumnOfAnEnumTypeChangesToAnotherTypeThroughText() throws SQLException {
        var code = new EnumType(QualifiedName.of("code"), List.of("1.00", "2.50"));
        Column codeColumn = new Column("grade", ColumnType.of("code"), false, "'1.00'::code", Identity.NONE, null);
        Column numeric = new Column("grade", ColumnType.of("numeric(19,2)"), false, "-2.25", Identity.NONE, null);
        SchemaModel before = model(code, new Table(READING, List.of(Column.of("id", "bigint", false), codeColumn),
                new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(), List.of(), null), List.of());
        SchemaModel after = new SchemaModel(List.of(new Table(READING, List.of(Column.of("id", "bigint", false), numeric),
                new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
        History history = History.EMPTY.plus(VersionPlan.next(History.EMPTY, before, "initial").orElseThrow(),
                new Snapshot(1, before));
        VersionPlan.Planned next = VersionPlan.plan(history, after, "numeric", dev.driftless.diff.Renames.NONE).orElseThrow();
        history = history.plus(next.version(), new Snapshot(2, next.reached()));
        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            db.execute("insert into reading (id, grade) values (1, '1.00'), (2, '2.50')");
            assertEquals(2, migrator.migrate().currentVersion());
            assertSchema(db, next.reached());
            assertEquals(List.of("1.00", "2.50"), db.strings("select grade::text from reading order by id"));
            assertEquals(1, migrator.downgradeTo(1, true).currentVersion());
            assertSchema(db, before);
            assertEquals(List.of("1.00", "2.50"), db.strings("select grade::text from reading order by id"));
        }
    }

    private static void assertSchema(TestDatabase db, SchemaModel expected) throws SQLException {
        try (Connection c = db.connect()) {
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of(QualifiedName.of("driftless_history")));
            assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, expected), live).stream()
                    .map(Operation::describe).toList());
        }
    }
}
