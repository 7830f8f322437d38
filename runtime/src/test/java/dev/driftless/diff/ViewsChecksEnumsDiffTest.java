package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.ViewsChecksEnumsModels;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import dev.driftless.plan.PostgresPlanner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewsChecksEnumsDiffTest {

    private static final List<String> KINDS = List.of("meter", "sensor");

    private static List<String> described(SchemaModel from, SchemaModel to) {
        return SchemaDiff.between(from, to).stream().map(Operation::describe).toList();
    }

    @Test
    void creatingPutsTypesFirstAndViewsLastInDependencyOrder() {
        List<String> ops = described(SchemaModel.EMPTY, ViewsChecksEnumsModels.model("float8", KINDS));
        assertEquals("create enum type source_kind [meter, sensor]", ops.get(0));
        assertEquals(List.of("create view v_energy_monthly", "create materialized view mv_energy_yearly"),
                ops.subList(ops.size() - 2, ops.size()));
    }

    @Test
    void aTypeChangeRebuildsTheViewsOverItAndTheChecksOnIt() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", KINDS);
        SchemaModel after = ViewsChecksEnumsModels.model("numeric(12,3)", KINDS);
        assertEquals(List.of(
                "drop materialized view mv_energy_yearly",
                "drop view v_energy_monthly",
                // PostgreSQL would keep the check with casts from the old type.
                "drop check constraint fact_energy_hourly_energy_kwh_check on fact_energy_hourly",
                "change type of fact_energy_hourly.energy_kwh from double precision to numeric(12,3)",
                "add check constraint fact_energy_hourly_energy_kwh_check on fact_energy_hourly: energy_kwh >= 0",
                "create view v_energy_monthly",
                "create materialized view mv_energy_yearly"), described(before, after));
    }

    @Test
    void changesThatViewsDoNotSeeLeaveThemAlone() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", KINDS);
        Table ds = before.table(QualifiedName.of("datasource")).orElseThrow();
        SchemaModel after = before.withTables(List.of(before.tables().get(1), new Table(ds.name(), ds.columns(),
                ds.primaryKey(), ds.uniqueConstraints(), ds.indexes(), ds.foreignKeys(), List.of(), "renamed comment")));
        assertEquals(List.of("drop check constraint datasource_name_check on datasource",
                "set comment of table datasource"), described(before, after));
    }

    @Test
    void aChangedQueryRebuildsOnlyThatViewAndItsDependents() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", KINDS);
        var views = before.views().stream()
                .map(v -> v.materialized() ? new View(v.name(), v.query() + " HAVING sum(total_kwh) > 0", true) : v)
                .toList();
        assertEquals(List.of("drop materialized view mv_energy_yearly", "create materialized view mv_energy_yearly"),
                described(before, before.withViews(views)));
    }

    @Test
    void anEnumThatOnlyGainsValuesIsAlteredInPlace() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", KINDS);
        SchemaModel after = ViewsChecksEnumsModels.model("float8", List.of("meter", "virtual", "sensor", "manual"));
        List<Operation> ops = SchemaDiff.between(before, after);
        assertEquals(List.of(
                "ALTER TYPE source_kind ADD VALUE 'virtual' BEFORE 'sensor'",
                "ALTER TYPE source_kind ADD VALUE 'manual' AFTER 'sensor'"), PostgresPlanner.statements(ops));
        assertTrue(ops.stream().noneMatch(Operation::destructive));
    }

    @Test
    void anEnumThatLosesAValueIsReplacedAndItsColumnsConverted() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", List.of("meter", "virtual", "sensor"));
        SchemaModel after = ViewsChecksEnumsModels.model("float8", KINDS);
        List<Operation> ops = SchemaDiff.between(before, after);
        assertEquals(1, ops.size());
        assertTrue(ops.get(0).destructive(), "a removed value fails rows that hold it");
        assertEquals(List.of(
                "ALTER TYPE source_kind RENAME TO source_kind_driftless_old",
                "CREATE TYPE source_kind AS ENUM ('meter', 'sensor')",
                "ALTER TABLE datasource ALTER COLUMN kind DROP DEFAULT",
                "ALTER TABLE datasource ALTER COLUMN kind TYPE source_kind USING kind::text::source_kind",
                "ALTER TABLE datasource ALTER COLUMN kind SET DEFAULT 'meter'::source_kind",
                "DROP TYPE source_kind_driftless_old"), PostgresPlanner.statements(ops));
    }

    @Test
    void aCheckThatOnlyChangedItsNameIsRenamed() {
        SchemaModel before = ViewsChecksEnumsModels.model("float8", KINDS);
        Table h = before.table(QualifiedName.of("fact_energy_hourly")).orElseThrow();
        Table renamed = new Table(h.name(), h.columns(), h.primaryKey(), h.uniqueConstraints(), h.indexes(),
                h.foreignKeys(), List.of(new CheckConstraint("kwh_not_negative", "energy_kwh >= 0")), h.comment());
        assertEquals(List.of("ALTER TABLE fact_energy_hourly RENAME CONSTRAINT fact_energy_hourly_energy_kwh_check"
                + " TO kwh_not_negative"), PostgresPlanner.statements(SchemaDiff.between(before,
                before.withTables(List.of(before.tables().get(0), renamed)))));
    }

    @Test
    void dependenciesAreFoundInTheQueryButNotInItsStringsOrComments() {
        var view = new View(QualifiedName.of("v"), """
                SELECT 'datasource' AS label, x.id -- fact_energy_hourly
                FROM "Shop"."order" x /* ingest_batch */""", false);
        assertEquals(Set.of(new QualifiedName("Shop", "order")), ViewDependencies.referenced(view, Set.of(
                QualifiedName.of("datasource"), QualifiedName.of("fact_energy_hourly"),
                QualifiedName.of("ingest_batch"), new QualifiedName("Shop", "order"))));
        assertFalse(ViewDependencies.referenced(view, Set.of(QualifiedName.of("v"))).contains(view.name()));
    }
}
