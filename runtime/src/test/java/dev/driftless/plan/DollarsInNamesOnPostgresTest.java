package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.VersionFormat;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.migrate.OfflineScript;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.sql.SqlScript;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Names with dollar signs: a {@code $tag$} inside an identifier is part of the name, not a dollar
 * quote, and the dollar-quoted bodies the planner generates (batched fills, sync triggers) take a
 * tag that their body does not contain.
 */
class DollarsInNamesOnPostgresTest {

    @Test
    void aColumnNamedWithADollarTagFreezesAndTheNextBuildReadsTheSameVersion() throws SQLException {
        Table invoice = new Table(QualifiedName.of("invoice"), List.of(Column.of("id", "bigint", false),
                new Column("amount$usd$", ColumnType.of("numeric"), true, null, Identity.NONE, "in $usd$; not cents")),
                new PrimaryKey("invoice_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
        SchemaModel model = new SchemaModel(List.of(invoice), List.of());
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, model, "initial").orElseThrow();

        FrozenVersion read = VersionFormat.read(VersionFormat.write(v1), v1.fileName());

        assertEquals(v1, read, "the version file reads back as frozen");
        History history = History.EMPTY.plus(read, new Snapshot(1, model));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            migrator(db, history).migrate();
            assertSchema(db, model);
            assertEquals(List.of("in $usd$; not cents"), db.strings("select col_description('invoice'::regclass, 2)"));
        }
    }

    @Test
    void theBatchedFillAndTheSyncTriggerWorkOnNamesHoldingTheirDollarTags() throws SQLException {
        QualifiedName table = QualifiedName.of("Meter $driftless_batches$ x");
        Table before = new Table(table, List.of(Column.of("id", "bigint", false), Column.of("old$driftless_sync$", "integer", true)),
                new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
        Table after = new Table(table, List.of(Column.of("id", "bigint", false), Column.of("new$driftless_sync$", "integer", true),
                new Column("uid", ColumnType.of("uuid"), false, "gen_random_uuid()", Identity.NONE, null)),
                new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
        SchemaModel v1 = new SchemaModel(List.of(before), List.of());
        SchemaModel v2 = new SchemaModel(List.of(after), List.of());
        History history = History.EMPTY.plus(VersionPlan.next(History.EMPTY, v1, "initial").orElseThrow(), new Snapshot(1, v1));
        Renames online = new Renames(Map.of(), Map.of(table, Map.of("new$driftless_sync$", "old$driftless_sync$")), Set.of(),
                Map.of(table, Set.of("new$driftless_sync$")));
        VersionPlan.Planned expand = VersionPlan.plan(history, v2, "expand", online, HandWrittenSteps.NONE).orElseThrow();
        FrozenVersion frozen = VersionFormat.read(VersionFormat.write(expand.version()), expand.version().fileName());
        assertEquals(expand.version(), frozen);
        history = history.plus(frozen, new Snapshot(2, expand.reached()));

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = migrator(db, history);
            migrator.migrateTo(1);
            db.execute("insert into \"Meter $driftless_batches$ x\" select g, g * 10 from generate_series(1, 500) g");
            migrator.migrate();
            assertSchema(db, expand.reached());
            assertEquals(List.of("500|0|0"), db.strings("select count(*) || '|' || count(*) filter (where uid is null)"
                    + " || '|' || count(*) filter (where \"new$driftless_sync$\" is distinct from \"old$driftless_sync$\")"
                    + " from \"Meter $driftless_batches$ x\""));
            db.execute("update \"Meter $driftless_batches$ x\" set \"old$driftless_sync$\" = -1 where id = 7");
            assertEquals(List.of("-1"), db.strings("select \"new$driftless_sync$\" from \"Meter $driftless_batches$ x\" where id = 7"));
        }
        // The offline script runs the same versions in one transaction: the fill, under its other tag, without commits.
        List<Migration> versions = new ArrayList<>();
        history.versions().forEach(v -> versions.add(new FrozenMigration(v)));
        String script = OfflineScript.between(versions, 0, 2, "driftless_history");
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : SqlScript.split(script)) {
                st.execute(sql);
            }
            c.commit();
            assertSchema(db, expand.reached());
        }
    }

    private static Migrator migrator(TestDatabase db, History history) {
        List<Migration> versions = new ArrayList<>();
        history.versions().forEach(v -> versions.add(new FrozenMigration(v)));
        return Migrator.builder(db.dataSource()).migrations(versions).build();
    }

    private static void assertSchema(TestDatabase db, SchemaModel expected) throws SQLException {
        try (Connection c = db.connect()) {
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of(QualifiedName.of("driftless_history")));
            assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, expected), live).stream()
                    .map(Operation::describe).toList());
        }
    }
}
