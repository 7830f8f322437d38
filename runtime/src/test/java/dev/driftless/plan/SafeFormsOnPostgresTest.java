package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.OfflineScript;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.sql.SqlScript;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lock-aware forms on a table that has rows: every kind of change applies, the catalog then
 * equals the model, the rows are kept and filled, and the offline script (one transaction) does
 * the same.
 */
class SafeFormsOnPostgresTest {

    private static final Table METER = new Table(QualifiedName.of("meter"), List.of(Column.of("id", "integer", false)),
            new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null);

    private static Table reading(boolean changed) {
        var columns = new ArrayList<Column>(List.of(Column.of("id", "bigint", false),
                Column.of("meter", "integer", false), Column.of("note", "text", !changed)));
        if (changed) {
            columns.add(new Column("uid", ColumnType.of("uuid"), false, "gen_random_uuid()", Identity.NONE, "row id"));
        }
        return new Table(QualifiedName.of("reading"), columns, new PrimaryKey("reading_pkey", List.of("id")),
                changed ? List.of(new UniqueConstraint("reading_id_meter_key", List.of("id", "meter"))) : List.of(),
                changed ? List.of(new Index("reading_meter_idx", List.of(new IndexColumn("meter", false)), false))
                        : List.of(),
                changed ? List.of(new ForeignKey("reading_meter_fkey", List.of("meter"), METER.name(), List.of("id"),
                        ReferentialAction.NO_ACTION)) : List.of(),
                changed ? List.of(new CheckConstraint("reading_meter_check", "meter >= 0")) : List.of(),
                null);
    }

    private static final SchemaModel V1 = new SchemaModel(List.of(METER, reading(false)), List.of());
    private static final SchemaModel V2 = new SchemaModel(List.of(METER, reading(true)), List.of());

    @Test
    void everySafeFormAppliesOnATableWithRowsAndTheCatalogEqualsTheModel() throws SQLException {
        History one = History.EMPTY.plus(VersionPlan.next(History.EMPTY, V1, "initial").orElseThrow(), new Snapshot(1, V1));
        FrozenVersion v2 = VersionPlan.plan(one, V2, "constraints", Renames.NONE, HandWrittenSteps.NONE).orElseThrow()
                .version();
        String up = String.join(";\n", v2.up());
        for (String form : List.of("ADD CONSTRAINT reading_meter_fkey FOREIGN KEY (meter) REFERENCES meter (id) NOT VALID",
                "VALIDATE CONSTRAINT reading_meter_fkey", "ADD CONSTRAINT reading_meter_check CHECK (meter >= 0) NOT VALID",
                "ADD CONSTRAINT reading_note_not_null CHECK (note IS NOT NULL) NOT VALID", "ALTER COLUMN note SET NOT NULL",
                "CREATE UNIQUE INDEX CONCURRENTLY reading_id_meter_key ON reading (id, meter)",
                "ADD CONSTRAINT reading_id_meter_key UNIQUE USING INDEX reading_id_meter_key",
                "CREATE INDEX CONCURRENTLY reading_meter_idx ON reading (meter)",
                "ADD COLUMN uid uuid;", "ALTER COLUMN uid SET DEFAULT gen_random_uuid()", "DO $driftless_batches$")) {
            assertTrue(up.contains(form), form + " in\n" + up);
        }
        List<Migration> versions = List.of(new FrozenMigration(one.versions().get(0)), new FrozenMigration(v2));

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            fill(db);
            migrator.migrate();
            assertSchema(db, V2);
            assertEquals(List.of("25000|25000|25000"), db.strings("select count(*) || '|' || count(distinct uid) || '|' || count(note) from reading"));
            migrator.downgradeTo(1, true); // its rows have values in the columns the down drops
            assertSchema(db, V1);
            assertEquals(List.of("25000"), db.strings("select count(*) from reading"));
        }

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(versions).build().migrateTo(1);
            fill(db);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                for (String sql : SqlScript.split(OfflineScript.between(versions, 1, 2, "driftless_history"))) {
                    st.execute(sql);
                }
                c.commit();
            }
            assertSchema(db, V2);
            assertEquals(List.of("25000"), db.strings("select count(distinct uid) from reading"));
        }
    }

    @Test
    void theLintNamesWhatStillLocksABusyTable() {
        Table text = new Table(QualifiedName.of("t"), List.of(Column.of("a", "varchar(10)", true),
                Column.of("b", "integer", true)), null, List.of(), List.of(), List.of(), null);
        Table wider = new Table(QualifiedName.of("t"), List.of(Column.of("a", "varchar(20)", true),
                Column.of("b", "bigint", true)), null, List.of(), List.of(), List.of(), null);
        List<Operation> ops = SchemaDiff.between(new SchemaModel(List.of(text), List.of()),
                new SchemaModel(List.of(wider), List.of()));
        List<Lint.Finding> findings = Lint.of(ops);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("change type of t.b from integer to bigint: takes ACCESS EXCLUSIVE and rewrites the whole table"
                + " while every read and write waits; expand and contract instead: give the field a new column name"
                + " with the new type and declare @RenamedFrom(value = \"b\", online = true); the version then adds"
                + " that column, keeps both equal and fills it in batches, and a later version drops the old one",
                findings.get(0).describe());
        assertEquals(List.of(), Lint.of(SchemaDiff.between(SchemaModel.EMPTY, new SchemaModel(List.of(text), List.of()))));
    }

    private static void fill(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("insert into meter select g from generate_series(0, 99) g");
            st.execute("insert into reading select g, g % 100, 'n' || g from generate_series(1, 25000) g");
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
