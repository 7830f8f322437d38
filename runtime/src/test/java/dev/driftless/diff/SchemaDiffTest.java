package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static List<String> describe(SchemaModel from, SchemaModel to) {
        return SchemaDiff.between(from, to).stream().map(Operation::describe).toList();
    }

    @Test
    void equalModelsNeedNothing() {
        assertTrue(SchemaDiff.between(SampleModels.everything(), SampleModels.everything()).isEmpty());
        assertTrue(SchemaDiff.same(SchemaModel.EMPTY, SchemaModel.EMPTY));
    }

    @Test
    void fromNothingCreatesContainersFirstAndForeignKeysLast() {
        assertEquals(List.of(
                "create schema Shop",
                "create sequence Shop.order_seq",
                "create table Shop.order",
                "create table datasource",
                "create table fact_energy_hourly",
                "create index idx_energy_hourly_ts on fact_energy_hourly",
                "add foreign key fact_energy_hourly_datasource_id_fkey on fact_energy_hourly [datasource_id]"
                        + " -> datasource [id]"),
                describe(SchemaModel.EMPTY, SampleModels.everything()));
    }

    @Test
    void backToNothingDropsReferencesBeforeTablesAndSchemasLast() {
        assertEquals(List.of(
                "drop foreign key fact_energy_hourly_datasource_id_fkey on fact_energy_hourly",
                "drop table Shop.order",
                "drop table datasource",
                "drop table fact_energy_hourly",
                "drop sequence Shop.order_seq",
                "drop schema Shop"),
                describe(SampleModels.everything(), SchemaModel.EMPTY));
    }

    @Test
    void theDefaultSchemaIsNeverCreatedNorDropped() {
        var inPublic = new SchemaModel(List.of(rename(SampleModels.datasource(), new QualifiedName("public", "x"))),
                List.of());
        assertEquals(List.of("create table public.x"), describe(SchemaModel.EMPTY, inPublic));
        assertEquals(List.of("drop table public.x"), describe(inPublic, SchemaModel.EMPTY));
    }

    @Test
    void columnChangesInBothDirections() {
        Table before = SampleModels.hourly();
        var columns = new ArrayList<>(before.columns());
        columns.removeIf(c -> c.name().equals("energy_kwh"));
        columns.add(new Column("kwh", ColumnType.of("numeric(12,3)"), true, null,
                dev.driftless.model.Identity.NONE, "kilowatt hours"));
        columns.set(2, columns.get(2).withNullable(true).withDefault("now()"));
        Table after = new Table(before.name(), columns, before.primaryKey(), before.uniqueConstraints(),
                List.of(new Index("idx_energy_hourly_ts", List.of(IndexColumn.asc("ts")), false)),
                before.foreignKeys(), "hourly energy");
        var a = new SchemaModel(List.of(SampleModels.datasource(), before), List.of());
        var b = new SchemaModel(List.of(SampleModels.datasource(), after), List.of());

        assertEquals(List.of(
                "drop index idx_energy_hourly_ts on fact_energy_hourly",
                "drop column fact_energy_hourly.energy_kwh",
                "add column fact_energy_hourly.kwh numeric(12,3)",
                "set default of fact_energy_hourly.ts to now()",
                "drop not null on fact_energy_hourly.ts",
                "create index idx_energy_hourly_ts on fact_energy_hourly",
                "set comment of table fact_energy_hourly"),
                describe(a, b));
        assertEquals(List.of(
                "drop index idx_energy_hourly_ts on fact_energy_hourly",
                "drop column fact_energy_hourly.kwh",
                "add column fact_energy_hourly.energy_kwh double precision",
                "drop default of fact_energy_hourly.ts",
                "set not null on fact_energy_hourly.ts",
                "create index idx_energy_hourly_ts on fact_energy_hourly",
                "remove comment of table fact_energy_hourly"),
                describe(b, a));
    }

    @Test
    void typeChangesAndDropsAreMarkedDestructive() {
        var ops = SchemaDiff.between(SampleModels.energy(), SchemaModel.EMPTY);
        assertTrue(ops.stream().filter(o -> o instanceof Operation.DropTable).allMatch(Operation::destructive));
        var change = new Operation.AlterColumnType(QualifiedName.of("t"), "c", ColumnType.of("text"),
                ColumnType.of("varchar(10)"));
        assertTrue(change.destructive());
    }

    @Test
    void aCollationChangeIsATypeChangeThatKeepsEveryValue() {
        View reader = new View(QualifiedName.of("label_codes"), "SELECT code FROM label", false);
        CheckConstraint check = new CheckConstraint("label_code_check", "code <> ''");
        java.util.function.Function<String, SchemaModel> withCollation = collation -> new SchemaModel(
                List.of(new Table(QualifiedName.of("label"), List.of(Column.of("id", "bigint", false),
                        Column.of("code", "varchar(20)", true).withCollation(collation)), null, List.of(), List.of(),
                        List.of(), List.of(check), null)),
                List.of(), List.of(), List.of(reader));
        SchemaModel plain = withCollation.apply(null);
        SchemaModel c = withCollation.apply("C");
        SchemaModel posix = withCollation.apply("POSIX");

        // A view reading the column stops PostgreSQL from changing it, and checks over it are parsed again.
        assertEquals(List.of(
                "drop view label_codes",
                "drop check constraint label_code_check on label",
                "change collation of label.code from the default to \"C\"",
                "add check constraint label_code_check on label: code <> ''",
                "create view label_codes"), describe(plain, c));
        assertEquals("change collation of label.code from \"C\" to \"POSIX\"", describe(c, posix).get(2));
        assertEquals("change collation of label.code from \"POSIX\" to the default", describe(posix, plain).get(2));
        for (SchemaModel[] pair : new SchemaModel[][] {{plain, c}, {c, posix}, {posix, plain}}) {
            assertTrue(SchemaDiff.between(pair[0], pair[1]).stream().noneMatch(Operation::destructive));
            assertTrue(SchemaDiff.same(pair[1], pair[1]));
        }
        assertEquals(List.of("ALTER TABLE label ALTER COLUMN code TYPE character varying(20) COLLATE \"C\""),
                dev.driftless.plan.PostgresPlanner.statements(SchemaDiff.between(plain, c).get(2)));
        // Without COLLATE, ALTER COLUMN ... TYPE gives the column its type's default collation.
        assertEquals(List.of("ALTER TABLE label ALTER COLUMN code TYPE character varying(20)"),
                dev.driftless.plan.PostgresPlanner.statements(SchemaDiff.between(c, plain).get(2)));

        // A new type keeps a collation the model still names.
        Table text = new Table(QualifiedName.of("label"), List.of(Column.of("id", "bigint", false),
                Column.of("code", "text", true).withCollation("C")), null, List.of(), List.of(), List.of(),
                List.of(check), null);
        var retyped = SchemaDiff.between(c, new SchemaModel(List.of(text), List.of(), List.of(), List.of(reader)));
        assertEquals("change type of label.code from character varying(20) collate \"C\" to text collate \"C\"",
                retyped.get(2).describe());
        assertEquals(List.of("ALTER TABLE label ALTER COLUMN code TYPE text COLLATE \"C\""),
                dev.driftless.plan.PostgresPlanner.statements(retyped.get(2)));
        assertEquals(List.of("add column label.code text collate \"C\"", "create view label_codes"), describe(
                new SchemaModel(List.of(new Table(QualifiedName.of("label"), List.of(Column.of("id", "bigint", false)),
                        null, List.of(), List.of(), List.of(), List.of(), null)), List.of()),
                new SchemaModel(List.of(new Table(QualifiedName.of("label"), List.of(Column.of("id", "bigint", false),
                        Column.of("code", "text", true).withCollation("C")), null, List.of(), List.of(), List.of(),
                        List.of(), null)), List.of(), List.of(), List.of(reader))));
    }

    private static Table rename(Table t, QualifiedName name) {
        return new Table(name, t.columns(), t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                t.comment());
    }
}
