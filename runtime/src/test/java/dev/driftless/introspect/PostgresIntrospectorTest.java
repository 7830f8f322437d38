package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.SampleModels;
import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
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
