package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftless.ViewsChecksEnumsModels;
import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.PostgresPlanner;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Views, check constraints and enum types on a real PostgreSQL: built, changed and changed back,
 * each time read back from the catalog equal to the model, with the rows kept and the materialized
 * view filled again.
 */
class ViewsChecksEnumsOnPostgresTest {

    private static final SchemaModel V1 = ViewsChecksEnumsModels.model("float8", List.of("meter", "sensor"));
    private static final SchemaModel V2 = ViewsChecksEnumsModels.model("numeric(12,3)",
            List.of("meter", "virtual", "sensor"));
    private static final SchemaModel V3 = ViewsChecksEnumsModels.model("numeric(12,3)", List.of("meter", "sensor"));

    @Test
    void upAndDownThroughViewRebuildsAndEnumChanges() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            step(c, SchemaModel.EMPTY, V1);
            run(c, List.of(
                    "insert into datasource (external_id, name, kind) values ('m-1', 'meter one', 'sensor')",
                    "insert into fact_energy_hourly (datasource_id, ts, energy_kwh) values"
                            + " (1, '2026-01-05 10:00', 1.5), (1, '2026-01-06 10:00', 2.25), (1, '2026-02-01 00:00', 4)",
                    "refresh materialized view mv_energy_yearly"));
            assertEquals(List.of("2026-01-01|1|3.75|2", "2026-02-01|1|4|1"), monthly(c));

            step(c, V1, V2);
            assertEquals(List.of("2026-01-01|1|3.750|2", "2026-02-01|1|4.000|1"), monthly(c));
            assertEquals(List.of("7.750"), rows(c, "select total_kwh from mv_energy_yearly"),
                    "a materialized view is filled when it is created again");
            run(c, List.of("update datasource set kind = 'virtual'"));
            assertThrows(SQLException.class, () -> step(c, V2, V3),
                    "a removed enum value that rows still hold fails the conversion");
            c.rollback();
            run(c, List.of("update datasource set kind = 'sensor'"));
            step(c, V2, V3);
            step(c, V3, V2);
            step(c, V2, V1);
            assertEquals(List.of("2026-01-01|1|3.75|2", "2026-02-01|1|4|1"), monthly(c));
            assertEquals(List.of("sensor"), rows(c, "select kind from datasource"));

            SQLException refused = assertThrows(SQLException.class,
                    () -> run(c, List.of("insert into fact_energy_hourly (datasource_id, ts, energy_kwh)"
                            + " values (1, now(), -1)")));
            assertEquals("23514", refused.getSQLState(), "the check constraint holds");
            c.rollback();
            step(c, V1, SchemaModel.EMPTY);
        }
    }

    @Test
    void theDriftOfAViewOrCheckChangedByHandIsSeen() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            step(c, SchemaModel.EMPTY, V1);
            run(c, List.of("alter table fact_energy_hourly drop constraint fact_energy_hourly_energy_kwh_check",
                    "alter table fact_energy_hourly add constraint fact_energy_hourly_energy_kwh_check check (energy_kwh > 0)",
                    "create or replace view v_energy_monthly as " + ViewsChecksEnumsModels.MONTHLY_QUERY.replace(
                            "count(*) AS reading_count", "count(*) + 0 AS reading_count"),
                    "alter type source_kind add value 'manual'"));
            c.commit();
            List<String> drift = SchemaDiff.between(Canonical.of(c, V1), read(c)).stream()
                    .map(Operation::describe).toList();
            assertEquals(List.of(
                    "drop materialized view mv_energy_yearly",
                    "drop view v_energy_monthly",
                    "drop check constraint fact_energy_hourly_energy_kwh_check on fact_energy_hourly",
                    "add value 'manual' to enum type source_kind",
                    "add check constraint fact_energy_hourly_energy_kwh_check on fact_energy_hourly: (energy_kwh > (0)::double precision)",
                    "create view v_energy_monthly",
                    "create materialized view mv_energy_yearly"), drift);
        }
    }

    @Test
    void canonicalLeavesWhatPostgresRefusesAsWritten() throws SQLException {
        Table h = V1.table(QualifiedName.of("fact_energy_hourly")).orElseThrow();
        var bad = new CheckConstraint("bad", "no_such_column > 0");
        SchemaModel model = V1.withTables(List.of(V1.tables().get(0), new Table(h.name(), h.columns(), h.primaryKey(),
                h.uniqueConstraints(), h.indexes(), h.foreignKeys(), List.of(bad), null)));
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            c.setAutoCommit(true);
            SchemaModel canonical = Canonical.of(c, model);
            assertEquals(List.of(bad), canonical.table(h.name()).orElseThrow().checks());
            assertEquals(List.of("(energy_kwh >= (0)::double precision)"), V1.tables().stream()
                    .filter(t -> t.name().equals(h.name())).map(t -> {
                        try {
                            return Canonical.of(c, V1).table(t.name()).orElseThrow().checks().get(0).expression();
                        } catch (SQLException e) {
                            throw new AssertionError(e);
                        }
                    }).toList());
            assertEquals(true, c.getAutoCommit(), "the connection is left as it was found");
            assertEquals(List.of(), rows(c, "select relname from pg_class where relname like 'driftless_canonical%'"));
        }
    }

    /** Applies the diff from one model to the other and checks the catalog against the target. */
    private static void step(Connection c, SchemaModel from, SchemaModel to) throws SQLException {
        run(c, PostgresPlanner.statements(SchemaDiff.between(from, to)));
        c.commit();
        assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, to), read(c)).stream()
                .map(Operation::describe).toList());
    }

    private static SchemaModel read(Connection c) throws SQLException {
        return PostgresIntrospector.read(c, Set.of(), Set.of());
    }

    private static List<String> monthly(Connection c) throws SQLException {
        return rows(c, "select month || '|' || datasource_id || '|' || total_kwh || '|' || reading_count"
                + " from v_energy_monthly order by month");
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        var out = new ArrayList<String>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
