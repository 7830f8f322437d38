package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import dev.driftless.plan.PostgresPlanner;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the planner builds, read back from the catalog, is the model it was built from. */
class PostgresIntrospectorTest {

    @Test
    void aBuiltModelReadsBackEqual() throws SQLException {
        SchemaModel model = SampleModels.everything();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, model)));
            run(c, List.of("create table driftless_history (version int)"));
            SchemaModel live = PostgresIntrospector.read(c, Set.of("Shop"), Set.of(QualifiedName.of("driftless_history")));
            assertEquals(List.of(), SchemaDiff.between(model, live));
            assertEquals(model, live);
        }
    }

    @Test
    void aUniqueIndexThatAForeignKeyReferencesIsRead() throws SQLException {
        // A foreign key's conindid is the referenced table's index: that does not make it a constraint's own.
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, List.of("create table meter (id bigint primary key, code text not null)",
                    "create unique index meter_code_key on meter (code)",
                    "create table reading (id bigint primary key, meter_code text"
                            + " constraint reading_meter_code_fkey references meter (code))"));
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
            assertEquals(List.of(new Index("meter_code_key", List.of(new IndexColumn("code", false)), true)),
                    live.table(QualifiedName.of("meter")).orElseThrow().indexes());
            assertEquals(List.of(), live.table(QualifiedName.of("reading")).orElseThrow().indexes(),
                    "the key's own index is the key");
        }
    }

    @Test
    void changesMadeByHandShowAsOperations() throws SQLException {
        SchemaModel model = SampleModels.energy();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, model)));
            run(c, List.of(
                    "alter table datasource add column added_by_hand int",
                    "drop index idx_energy_hourly_ts",
                    "alter table fact_energy_hourly alter column energy_kwh type numeric(10,2)"));
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
            assertEquals(List.of(
                    "drop index idx_energy_hourly_ts on fact_energy_hourly",
                    "add column datasource.added_by_hand integer",
                    "change type of fact_energy_hourly.energy_kwh from double precision to numeric(10,2)"),
                    SchemaDiff.between(model, live).stream().map(Operation::describe).toList());
        }
    }

    /** A table whose columns have the given collations (null: the type's default), with a view and a check over them. */
    private static SchemaModel labels(String code, String title, String note) {
        var table = new Table(QualifiedName.of("label"), List.of(
                Column.of("id", "bigint", false),
                Column.of("code", "varchar(20)", false).withCollation(code),
                Column.of("title", "text", true).withCollation(title).withComment("shown"),
                Column.of("note", "text", true).withCollation(note)),
                new PrimaryKey("label_pkey", List.of("id")), List.of(), List.of(new Index("label_code_idx",
                        List.of(IndexColumn.asc("code")), false)), List.of(),
                List.of(new CheckConstraint("label_code_check", "code <> ''")), null);
        return new SchemaModel(List.of(table), List.of(), List.of(),
                List.of(new View(QualifiedName.of("label_codes"), "SELECT code, title FROM label", false)));
    }

    @Test
    void collationsReadBackAndChangeBothWaysKeepingTheRows() throws SQLException {
        // Every way a column's collation can go between three states, including none.
        var states = new java.util.ArrayList<SchemaModel>();
        for (String a : new String[] {null, "C", "POSIX"}) {
            for (String b : new String[] {null, "C"}) {
                states.add(labels(a, b, a == null ? "C" : null));
            }
        }
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            SchemaModel at = SchemaModel.EMPTY;
            for (int round = 0; round < 2; round++) {
                for (SchemaModel next : states) {
                    run(c, PostgresPlanner.statements(SchemaDiff.between(at, next)));
                    if (at == SchemaModel.EMPTY) {
                        run(c, List.of("insert into label values (1, 'b', 'Bee', null), (2, 'A', 'ay', 'x')"));
                    }
                    LiveSchema live = PostgresIntrospector.inspect(c, Set.of(), Set.of());
                    SchemaModel canonical = Canonical.of(c, next);
                    assertEquals(List.of(), SchemaDiff.between(canonical, live.model()).stream()
                            .map(Operation::describe).toList());
                    assertEquals(canonical.tables(), live.model().tables(), "the collations too");
                    assertEquals(List.of(), live.issues());
                    assertEquals(List.of("1|b|Bee|", "2|A|ay|x"), db.strings("select id || '|' || code || '|' || title"
                            + " || '|' || coalesce(note, '') from label order by id"));
                    at = next;
                }
            }
        }
    }

    @Test
    void triggersTheModelDoesNotHaveAndInvalidIndexesAreIssues() throws SQLException {
        SchemaModel model = SampleModels.energy();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, model)));
            run(c, List.of("create table driftless_history (version int)",
                    "create function nothing() returns trigger language plpgsql as $$ begin return null; end $$",
                    // On a table left out: not reported.
                    "create trigger on_history after insert on driftless_history execute function nothing()",
                    // A constraint trigger is not internal; the foreign key's own triggers are.
                    "create constraint trigger later after insert on fact_energy_hourly deferrable initially deferred"
                            + " for each row execute function nothing()",
                    "create view source_names as select id, name from datasource",
                    "create trigger instead instead of insert on source_names for each row execute function nothing()",
                    // A partitioned table's trigger once, not once more for each partition.
                    "create table reading (id bigint, at date) partition by range (at)",
                    "create table reading_2026 partition of reading for values from ('2026-01-01') to ('2027-01-01')",
                    "create table reading_2027 partition of reading for values from ('2027-01-01') to ('2028-01-01')",
                    "create trigger stamp before insert on reading for each row execute function nothing()"));
            var ignore = Set.of(QualifiedName.of("driftless_history"));
            LiveSchema live = PostgresIntrospector.inspect(c, Set.of(), ignore);
            assertEquals(List.of("unmanaged_trigger fact_energy_hourly.later", "unmanaged_trigger reading.stamp",
                    "unmanaged_trigger source_names.instead"),
                    live.issues().stream().map(i -> i.kind() + " " + i.table() + "." + i.name()).toList());
            assertTrue(live.issues().get(1).describe().contains(
                    "CREATE TRIGGER stamp BEFORE INSERT ON public.reading FOR EACH ROW EXECUTE FUNCTION nothing()"),
                    live.issues().get(1).describe());

            // An invalid index is in the model as an index, and an issue that knows whether the model has it.
            run(c, List.of("insert into datasource (external_id, name) values ('a', 'x'), ('b', 'x')",
                    "drop trigger later on fact_energy_hourly", "drop trigger stamp on reading",
                    "drop view source_names"));
            assertThrows(SQLException.class, () -> run(c, List.of(
                    "create unique index concurrently datasource_name_key on datasource (name)")));
            live = PostgresIntrospector.inspect(c, Set.of(), ignore);
            assertEquals(List.of(new SchemaIssue.InvalidIndex(QualifiedName.of("datasource"), "datasource_name_key",
                    true, false)), live.issues());
            Index invalid = new Index("datasource_name_key", List.of(IndexColumn.asc("name")), true);
            assertEquals(List.of(invalid), live.model().table(QualifiedName.of("datasource")).orElseThrow().indexes());

            Table datasource = SampleModels.datasource();
            var expecting = new SchemaModel(List.of(new Table(datasource.name(), datasource.columns(),
                    datasource.primaryKey(), datasource.uniqueConstraints(), List.of(invalid), datasource.foreignKeys(),
                    datasource.comment()), SampleModels.hourly()), List.of());
            SchemaIssue seen = live.issuesAgainst(expecting).get(0);
            assertEquals(new SchemaIssue.InvalidIndex(QualifiedName.of("datasource"), "datasource_name_key", true, true),
                    seen);
            assertTrue(seen.describe().contains("Rebuild it: REINDEX INDEX CONCURRENTLY datasource_name_key"),
                    seen.describe());
            assertTrue(live.issuesAgainst(model).get(0).describe().contains(
                    "Drop it: DROP INDEX CONCURRENTLY datasource_name_key"), live.issuesAgainst(model).get(0).describe());
            // Under the model's name but not the model's index: a rebuild would not make it the model's.
            var otherwise = new SchemaModel(List.of(new Table(datasource.name(), datasource.columns(),
                    datasource.primaryKey(), datasource.uniqueConstraints(), List.of(new Index("datasource_name_key",
                            List.of(IndexColumn.asc("name")), false)), datasource.foreignKeys(), datasource.comment()),
                    SampleModels.hourly()), List.of());
            assertEquals(List.of(new SchemaIssue.InvalidIndex(QualifiedName.of("datasource"), "datasource_name_key",
                    true, false)), live.issuesAgainst(otherwise));
        }
    }

    @Test
    void literalCastsAreTakenOffDefaults() {
        assertEquals("'x'", PostgresIntrospector.withoutLiteralCast("'x'::text"));
        assertEquals("'it''s'", PostgresIntrospector.withoutLiteralCast("'it''s'::character varying"));
        assertEquals("now()", PostgresIntrospector.withoutLiteralCast("now()"));
        assertEquals("-1", PostgresIntrospector.withoutLiteralCast("'-1'::integer"));
        assertEquals("-2.25", PostgresIntrospector.withoutLiteralCast("'-2.25'::numeric"));
        assertEquals("'-1'", PostgresIntrospector.withoutLiteralCast("'-1'::text"));
        assertEquals("nextval('s'::regclass)", PostgresIntrospector.withoutLiteralCast("nextval('s'::regclass)"));
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
