package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A required column added to a table that has rows, in one version: added nullable, filled by an
 * SQL expression or a Java step in batches that commit one by one, then made NOT NULL through a
 * validated check; its down drops it; a fill that fails resumes after repair.
 */
class RequiredColumnFillTest {

    private static final SchemaModel V1 = model(List.of(Column.of("id", "bigint", false), Column.of("name", "text", true)));
    private static final SchemaModel V2 = model(List.of(Column.of("id", "bigint", false), Column.of("name", "text", true),
            Column.of("name_length", "integer", false)));

    private static SchemaModel model(List<Column> columns) {
        return new SchemaModel(List.of(new Table(QualifiedName.of("meter"), columns,
                new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static FrozenVersion v1() {
        return VersionPlan.next(History.EMPTY, V1, "meter").orElseThrow();
    }

    /** Version 2 planned from next.sql's text, as a freeze plans it, and read back from its file. */
    private static FrozenVersion v2(String nextSql) {
        History one = History.EMPTY.plus(v1(), new Snapshot(1, V1));
        FrozenVersion planned = VersionPlan.plan(one, V2, "name_length", Renames.NONE,
                HandWrittenSteps.read(nextSql, "next.sql")).orElseThrow().version();
        FrozenVersion read = VersionFormat.read(VersionFormat.write(planned), planned.fileName());
        assertEquals(planned.up(), read.up(), "the version file keeps the fill");
        assertEquals(planned.checksum(), read.checksum());
        return read;
    }

    private static void rows(TestDatabase db) throws SQLException {
        // 3,000 rows, some names null: more than one batch of pages.
        db.execute("insert into meter select g, case when g % 7 = 0 then null else repeat('x', g % 50) end"
                + " from generate_series(1, 3000) g");
    }

    private static void assertFilledAndRequired(TestDatabase db) throws SQLException {
        assertEquals(List.of("0"), db.strings("select count(*) from meter where name_length is distinct from"
                + " coalesce(length(name), 0) * 2"));
        assertEquals(List.of("3000|1|98"), db.strings("select count(*) || '|' || count(distinct name_length) filter"
                + " (where name is null) || '|' || max(name_length) from meter"));
        assertEquals(List.of("true"), db.strings("select attnotnull::text from pg_attribute where attrelid = 'meter'::regclass"
                + " and attname = 'name_length'"));
        assertEquals(List.of("meter_pkey"), db.strings("select conname from pg_constraint where conrelid = 'meter'::regclass"),
                "the check that made it NOT NULL without a scan is gone");
    }

    @Test
    void anSqlExpressionFillsTheRowsInCommittedBatchesThenTheColumnIsRequired() throws SQLException {
        FrozenVersion v2 = v2("""
                -- driftless:fill meter.name_length
                coalesce(length(name), 0)
                  * 2
                """);
        assertEquals(List.of("add column meter.name_length integer not null",
                "fill meter.name_length with coalesce(length(name), 0) * 2"), v2.operations());
        List<String> up = v2.up();
        assertEquals("ALTER TABLE meter ADD COLUMN name_length integer", up.get(0));
        assertTrue(up.get(1).startsWith("DO $driftless_batches$") && up.get(1).contains("COMMIT;"), up.get(1));
        assertTrue(up.get(2).endsWith("CHECK (name_length IS NOT NULL) NOT VALID"), up.get(2));
        assertTrue(up.get(3).contains("VALIDATE CONSTRAINT"), up.get(3));
        assertEquals("ALTER TABLE meter ALTER COLUMN name_length SET NOT NULL", up.get(4));
        assertEquals(List.of("ALTER TABLE meter DROP COLUMN name_length"), v2.down());

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2))).build();
            m.migrateTo(1);
            rows(db);
            assertEquals(2, m.migrate().currentVersion());
            assertFilledAndRequired(db);
            assertThrows(SQLException.class, () -> db.execute("insert into meter (id, name) values (9999, 'new')"),
                    "the column is required");

            // The down drops the column (its values go, so it is forced), and the version applies again.
            assertThrows(MigrationException.class, () -> m.downgradeTo(1));
            assertEquals(1, m.downgradeTo(1, true).currentVersion());
            assertEquals(List.of(), db.strings("select attname from pg_attribute where attrelid = 'meter'::regclass"
                    + " and attname = 'name_length'"));
            assertEquals(List.of("3000"), db.strings("select count(*) from meter"));
            assertEquals(2, m.migrate().currentVersion());
            assertFilledAndRequired(db);
        }
    }

    @Test
    void aJavaStepFillsTheRowsInAutocommitThenTheColumnIsRequired() throws SQLException {
        FrozenVersion v2 = v2("""
                -- driftless:fill meter.name_length
                -- driftless:java example.FillNameLength
                """);
        assertEquals("-- driftless:java-fill example.FillNameLength", v2.up().get(1));
        var autocommit = new AtomicBoolean();
        JavaStep fill = c -> {
            autocommit.set(c.getAutoCommit());
            Backfill.of("meter").set("name_length = coalesce(length(name), 0) * 2").where("name_length IS NULL")
                    .batchSize(500).run(c);
        };
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2, Map.of("example.FillNameLength", fill)))).build();
            m.migrateTo(1);
            rows(db);
            assertEquals(2, m.migrate().currentVersion());
            assertTrue(autocommit.get(), "each batch of the Java step commits by itself");
            assertFilledAndRequired(db);
        }
    }

    /** A Java step that leaves rows NULL stops the version before the check, saying how many and what to do. */
    @Test
    void aJavaStepThatLeavesRowsNullStopsTheVersionSayingHowMany() throws SQLException {
        FrozenVersion v2 = v2("""
                -- driftless:fill meter.name_length
                -- driftless:java example.FillSome
                """);
        JavaStep fill = c -> Backfill.of("meter").set("name_length = 1").where("name_length IS NULL AND id <= 1000")
                .batchSize(500).run(c);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2, Map.of("example.FillSome", fill)))).build();
            m.migrateTo(1);
            rows(db);
            long left = Long.parseLong(db.strings("select count(*) from meter where id > 1000").get(0));
            MigrationException e = assertThrows(MigrationException.class, m::migrate);
            assertTrue(e.getMessage().contains("by the Java step example.FillSome left " + left + " rows NULL"),
                    e::getMessage);
        }
    }

    /**
     * The server connection dies in the middle of a Java fill, after some batches committed (as a
     * crash of the service would leave it): the history row keeps the progress with no error, and the
     * next run resumes at the fill, keeps the committed batches and finishes the version.
     */
    @Test
    void aRunThatDiesMidFillIsResumedByTheNextRun() throws SQLException {
        FrozenVersion v2 = v2("-- driftless:fill meter.name_length\n-- driftless:java example.FillNameLength\n");
        var runs = new java.util.concurrent.atomic.AtomicInteger();
        JavaStep fill = c -> {
            Backfill batches = Backfill.of("meter").set("name_length = coalesce(length(name), 0) * 2").batchSize(500);
            if (runs.incrementAndGet() == 1) {
                batches.where("name_length IS NULL AND id <= 1000").run(c);
                try (var st = c.createStatement()) {
                    st.execute("select pg_terminate_backend(pg_backend_pid())");
                }
            }
            batches.where("name_length IS NULL").run(c);
        };
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2, Map.of("example.FillNameLength", fill)))).build();
            m.migrateTo(1);
            rows(db);
            assertThrows(RuntimeException.class, m::migrate);
            assertEquals(List.of("1|false|false"), db.strings("select completed_steps || '|' || success || '|'"
                    + " || (error is not null) from driftless_history where version = 2"));
            assertEquals(List.of("1000"), db.strings("select count(*) from meter where name_length is not null"),
                    "the batches before the connection died are committed");

            assertEquals(2, m.migrate().currentVersion());
            assertEquals(2, runs.get());
            assertFilledAndRequired(db);
        }
    }

    @Test
    void aFillThatLeavesRowsNullStopsBeforeTheCheckAndResumesAfterRepair() throws SQLException {
        // length(name) is null where name is: those rows keep no value.
        FrozenVersion v2 = v2("-- driftless:fill meter.name_length\nlength(name) * 2\n");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2))).build();
            m.migrateTo(1);
            rows(db);
            MigrationException failed = assertThrows(MigrationException.class, m::migrate);
            assertTrue(failed.getMessage().contains("the fill of meter.name_length left 428 rows NULL"), failed.getMessage());
            // The column and the batches that committed are kept; the history row says where it stopped.
            assertEquals(List.of("1|false|true"), db.strings("select completed_steps || '|' || success || '|' || (error is not null)"
                    + " from driftless_history where version = 2"));
            assertEquals(List.of("2572"), db.strings("select count(*) from meter where name_length = length(name) * 2"));

            db.execute("update meter set name_length = 0 where name is null");
            m.repair();
            assertEquals(2, m.migrate().currentVersion());
            assertFilledAndRequired(db);
        }
    }

    @Test
    void aFillOfANullableColumnFillsItAndLeavesItNullable() throws SQLException {
        SchemaModel nullable = model(List.of(Column.of("id", "bigint", false), Column.of("name", "text", true),
                Column.of("name_length", "integer", true)));
        History one = History.EMPTY.plus(v1(), new Snapshot(1, V1));
        FrozenVersion v2 = VersionPlan.plan(one, nullable, "name_length", Renames.NONE,
                HandWrittenSteps.read("-- driftless:fill meter.name_length\nlength(name)\n", "next.sql")).orElseThrow()
                .version();
        assertEquals(2, v2.up().size(), v2.up().toString());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1()),
                    new FrozenMigration(v2))).build();
            m.migrateTo(1);
            rows(db);
            m.migrate();
            assertEquals(List.of("428|0"), db.strings("select count(*) filter (where name_length is null) || '|'"
                    + " || count(*) filter (where name_length is distinct from length(name)) from meter"));
            assertEquals(List.of("false"), db.strings("select attnotnull::text from pg_attribute where attrelid ="
                    + " 'meter'::regclass and attname = 'name_length'"));
        }
    }

    @Test
    void aFillThatFillsNothingIsRefusedSayingWhy() {
        History one = History.EMPTY.plus(v1(), new Snapshot(1, V1));
        IllegalArgumentException wrongColumn = assertThrows(IllegalArgumentException.class, () -> VersionPlan.plan(one, V2,
                "x", Renames.NONE, HandWrittenSteps.read("-- driftless:fill meter.name_len\n0\n", "next.sql")));
        assertTrue(wrongColumn.getMessage().contains("the fill of meter.name_len: the version adds no such column"),
                wrongColumn.getMessage());
        IllegalArgumentException newTable = assertThrows(IllegalArgumentException.class, () -> VersionPlan.plan(
                History.EMPTY, V2, "x", Renames.NONE, HandWrittenSteps.read("-- driftless:fill meter.name_length\n0\n",
                        "next.sql")));
        assertTrue(newTable.getMessage().contains("the version creates meter, so it has no rows to fill"),
                newTable.getMessage());
        assertFalse(HandWrittenSteps.read("-- driftless:fill meter.name_length\n0\n", "next.sql").isEmpty());
    }

    /** A column named like a variable of the fill's block is the column in the expression. */
    @Test
    void anExpressionOverAColumnNamedPageFillsFromTheColumn() throws SQLException {
        var before = List.of(Column.of("id", "bigint", false), Column.of("page", "integer", true),
                Column.of("filled", "integer", true));
        var after = new java.util.ArrayList<>(before);
        after.add(Column.of("label", "text", false));
        SchemaModel m1 = new SchemaModel(List.of(new Table(QualifiedName.of("book"), before,
                new PrimaryKey("book_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
        SchemaModel m2 = new SchemaModel(List.of(new Table(QualifiedName.of("book"), after,
                new PrimaryKey("book_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
        FrozenVersion first = VersionPlan.next(History.EMPTY, m1, "book").orElseThrow();
        FrozenVersion second = VersionPlan.plan(History.EMPTY.plus(first, new Snapshot(1, m1)), m2, "label",
                Renames.NONE, HandWrittenSteps.read("-- driftless:fill book.label\n'p' || page || '/' || filled\n",
                        "next.sql")).orElseThrow().version();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(first),
                    new FrozenMigration(second))).build();
            m.migrateTo(1);
            db.execute("insert into book select g, g * 10, g from generate_series(1, 300) g");
            m.migrate();
            assertEquals(List.of("0"), db.strings("select count(*) from book where label is distinct from"
                    + " 'p' || (id * 10) || '/' || id"));
        }
    }

    /** The README's fill, as written there, on the example's dairy_production table with rows. */
    @Test
    void theReadmesFillRuns() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int start = readme.indexOf("```sql\n-- src/main/driftless/next.sql\n-- driftless:fill");
        assertTrue(start >= 0, "the README shows a fill");
        String snippet = readme.substring(start + "```sql\n".length(), readme.indexOf("```", start + 6));
        HandWrittenSteps steps = HandWrittenSteps.read(snippet, "README.md");
        assertEquals("dairy_production.milk_kg", steps.fills().get(0).target());

        List<Column> before = List.of(Column.of("id", "bigint", false), Column.of("milk_liters", "numeric(12,2)", true));
        var after = new java.util.ArrayList<>(before);
        after.add(Column.of("milk_kg", "numeric(12,2)", false));
        SchemaModel m1 = new SchemaModel(List.of(new Table(QualifiedName.of("dairy_production"), before,
                new PrimaryKey("dairy_production_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
        SchemaModel m2 = new SchemaModel(List.of(new Table(QualifiedName.of("dairy_production"), after,
                new PrimaryKey("dairy_production_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
        FrozenVersion first = VersionPlan.next(History.EMPTY, m1, "dairy").orElseThrow();
        FrozenVersion second = VersionPlan.plan(History.EMPTY.plus(first, new Snapshot(1, m1)), m2, "milk_kg",
                Renames.NONE, steps).orElseThrow().version();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(first),
                    new FrozenMigration(second))).build();
            m.migrateTo(1);
            db.execute("insert into dairy_production values (1, 100.00), (2, null), (3, 12.50)");
            m.migrate();
            assertEquals(List.of("1|103.00", "2|0.00", "3|12.88"),
                    db.strings("select id || '|' || milk_kg from dairy_production order by id"));
        }
    }
}
