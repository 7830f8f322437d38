package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.SampleModels;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.SchemaModel;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The planner's SQL, run on a real PostgreSQL: up builds the model, down leaves nothing behind. */
class PlanOnPostgresTest {

    @Test
    void upThenDownThenUpAgain() throws SQLException {
        SchemaModel model = SampleModels.everything();
        List<String> up = PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, model));
        List<String> down = PostgresPlanner.statements(SchemaDiff.between(model, SchemaModel.EMPTY));
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, up);
            assertEquals(Set.of("Shop.order", "public.datasource", "public.fact_energy_hourly"), tables(c));
            assertEquals(Set.of("user", "select"), strings(c,
                    "select attname from pg_attribute where attrelid = '\"Shop\".\"order\"'::regclass and attnum > 0"));
            assertEquals(Set.of("Shop.order_seq"), strings(c,
                    "select schemaname || '.' || sequencename from pg_sequences where increment_by = 50"));
            assertEquals(Set.of("a meter or sensor"), strings(c,
                    "select obj_description('datasource'::regclass, 'pg_class')"));

            run(c, down);
            assertEquals(Set.of(), tables(c));
            assertEquals(Set.of(), strings(c, "select nspname from pg_namespace where nspname = 'Shop'"));
            assertEquals(Set.of(), strings(c, "select sequencename from pg_sequences"));

            run(c, up);
            assertEquals(3, tables(c).size());
        }
    }

    @Test
    void aChangedSequenceIsAlteredAndKeepsItsValue() throws SQLException {
        var name = dev.driftless.model.QualifiedName.of("reading_seq");
        SchemaModel before = new SchemaModel(List.of(), List.of(new dev.driftless.model.Sequence(name, 1, 1)));
        SchemaModel after = new SchemaModel(List.of(), List.of(new dev.driftless.model.Sequence(name, 1, 50)));
        List<String> change = PostgresPlanner.statements(SchemaDiff.between(before, after));
        assertEquals(List.of("ALTER SEQUENCE reading_seq START WITH 1 INCREMENT BY 50"), change);
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            run(c, PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, before)));
            run(c, List.of("select nextval('reading_seq')", "select nextval('reading_seq')"));
            run(c, change);
            assertEquals(Set.of("52"), strings(c, "select nextval('reading_seq')::text"));
            run(c, PostgresPlanner.statements(SchemaDiff.between(after, before)));
            assertEquals(Set.of("53"), strings(c, "select nextval('reading_seq')::text"));
        }
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Set<String> tables(Connection c) throws SQLException {
        return strings(c, "select schemaname || '.' || tablename from pg_tables"
                + " where schemaname not in ('pg_catalog', 'information_schema')");
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        var out = new TreeSet<String>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
