package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
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
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Online renames on a table with rows, through the real planner and migrator: the expand keeps
 * both names working for readers and writers of either application version, a version frozen
 * during the transition keeps them, the contract drops the old name without losing a value, and
 * every step goes back down with the rows intact. The catalog equals each version's snapshot.
 */
class OnlineRenamesOnPostgresTest {

    private static final QualifiedName SOURCE = QualifiedName.of("datasource");
    private static final QualifiedName SOURCE_RENAMED = QualifiedName.of("data_source");
    private static final QualifiedName FACT = QualifiedName.of("fact_energy_hourly");
    private static final int ROWS = 30_000;

    /** {@code fact_energy_hourly} with its quality column under a name, of a type, with or without extra columns. */
    private static Table fact(String quality, String type, boolean withNote, QualifiedName source) {
        var columns = new ArrayList<>(List.of(Column.of("id", "bigint", false), Column.of("datasource_id", "integer", false),
                new Column(quality, ColumnType.of(type), false, "0", Identity.NONE, "quality flag")));
        if (withNote) {
            columns.add(Column.of("note", "text", true));
        }
        return new Table(FACT, columns, new PrimaryKey("fact_energy_hourly_pkey", List.of("id")), List.of(),
                List.of(new Index("fact_quality_idx", List.of(new IndexColumn(quality, false)), false)),
                List.of(new ForeignKey("fact_datasource_fkey", List.of("datasource_id"), source, List.of("id"),
                        ReferentialAction.NO_ACTION)),
                List.of(new CheckConstraint("fact_quality_range", quality + " >= 0")), null);
    }

    private static Table source(QualifiedName name) {
        return new Table(name, List.of(Column.of("id", "integer", false), Column.of("name", "text", true)),
                new PrimaryKey("datasource_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
    }

    private static SchemaModel model(Table... tables) {
        return new SchemaModel(List.of(tables), List.of());
    }

    private static final SchemaModel V1 = model(source(SOURCE), fact("quality", "smallint", false, SOURCE));
    /** The model of the next application version: quality is quality_score, an integer now; datasource is data_source. */
    private static final SchemaModel RENAMED = model(source(SOURCE_RENAMED),
            fact("quality_score", "integer", false, SOURCE_RENAMED));
    private static final SchemaModel RENAMED_WITH_NOTE = model(source(SOURCE_RENAMED),
            fact("quality_score", "integer", true, SOURCE_RENAMED));

    private static final Renames ONLINE = new Renames(Map.of(SOURCE_RENAMED, SOURCE),
            Map.of(FACT, Map.of("quality_score", "quality")), Set.of(SOURCE_RENAMED), Map.of(FACT, Set.of("quality_score")));
    private static final Renames OVER = new Renames(Map.of(SOURCE_RENAMED, SOURCE),
            Map.of(FACT, Map.of("quality_score", "quality")));

    @Test
    void expandKeepsBothNamesWorkingAndContractDropsTheOldOneWithoutLosingAValue() throws SQLException {
        History history = initial();
        VersionPlan.Planned expand = expand(history);
        // An integer the next application writes may not fit the previous application's smallint.
        assertEquals(List.of("keep fact_energy_hourly.quality and quality_score equal (quality_score filled from quality;"
                + " a value written to quality_score reaches quality as smallint, which may change or refuse it)"),
                expand.destructive().stream().map(Operation::describe).toList());
        assertEquals(List.of(new ColumnSync(FACT, "quality", "quality_score")), expand.reached().columnSyncs());
        assertTrue(expand.reached().view(SOURCE).isPresent(), "a view stands in for the renamed table");
        assertEquals(List.of(), Lint.of(expand.operations()), "nothing in an expand takes a lock that stalls the table");
        history = history.plus(expand.version(), new Snapshot(2, expand.reached()));

        // While the renames stay online, the model with nothing new plans nothing, and a new column is
        // added beside the pairs, which stay.
        assertTrue(VersionPlan.plan(history, RENAMED, "nothing", ONLINE, HandWrittenSteps.NONE).isEmpty());
        VersionPlan.Planned during = VersionPlan.plan(history, RENAMED_WITH_NOTE, "note", ONLINE, HandWrittenSteps.NONE)
                .orElseThrow();
        assertEquals(List.of("add column fact_energy_hourly.note text"),
                during.operations().stream().map(Operation::describe).toList());
        history = history.plus(during.version(), new Snapshot(3, during.reached()));

        VersionPlan.Planned contract = VersionPlan.plan(history, RENAMED_WITH_NOTE, "contract", OVER,
                HandWrittenSteps.NONE).orElseThrow();
        assertEquals(List.of(), contract.destructive(), "the old column's values are all in the new one");
        assertEquals(List.of(), contract.version().irreversible());
        assertEquals(List.of(), contract.reached().columnSyncs());
        assertEquals(List.of(), contract.reached().views());
        history = history.plus(contract.version(), new Snapshot(4, contract.reached()));

        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        List<SchemaModel> reached = List.of(V1, expand.reached(), during.reached(), contract.reached());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            fill(db);

            migrator.migrateTo(2);
            assertSchema(db, reached.get(1));
            DriftReport whileSynced = migrator.checkDrift(new Snapshot(2, expand.reached()));
            assertFalse(whileSynced.drifted(), "the sync triggers are the model's: " + whileSynced.describe());
            assertEquals(List.of(ROWS + "|0"), db.strings("select count(*) || '|' || count(*) filter (where"
                    + " quality_score is distinct from quality) from fact_energy_hourly"), "every row copied");
            // The previous application version writes the old names, the next one the new names.
            db.execute("insert into fact_energy_hourly (id, datasource_id, quality) values (-1, 1, 3)",
                    "insert into fact_energy_hourly (id, datasource_id, quality_score) values (-2, 2, 4)",
                    "insert into fact_energy_hourly (id, datasource_id) values (-3, 3)",
                    "update fact_energy_hourly set quality = 2 where id = 1",
                    "update fact_energy_hourly set quality_score = 70000 - 69999 where id = 2",
                    "update fact_energy_hourly set datasource_id = 5 where id = 3",
                    "insert into datasource (id, name) values (11, 'through the old name')",
                    "update datasource set name = 'renamed' where id = 1");
            assertEquals(List.of("-3|0|0", "-2|4|4", "-1|3|3", "1|2|2", "2|1|1", "3|3|3"), db.strings(
                    "select id || '|' || quality || '|' || quality_score from fact_energy_hourly where id <= 3 order by id"));
            assertEquals(List.of("renamed", "through the old name"),
                    db.strings("select name from data_source where id in (1, 11) order by id"));
            assertEquals(List.of("11"), db.strings("select count(*) from datasource"), "the old name still reads");

            migrator.migrate();
            assertSchema(db, reached.get(3));
            assertEquals(List.of(), db.strings("select tgname from pg_trigger where not tgisinternal"));
            assertEquals(List.of(), db.strings("select proname from pg_proc where proname like 'driftless%'"));
            long sum = 3 + 4 + 0;
            for (int g = 4; g <= ROWS; g++) {
                sum += g % 5;
            }
            assertEquals(List.of(ROWS + "|" + sum), db.strings("select count(*) || '|' || sum(quality_score)"
                    + " from fact_energy_hourly where id > 3 or id < 0"));
            assertFalse(migrator.checkDrift(new Snapshot(4, contract.reached())).drifted());

            // Down again: the contract's down rebuilds the old column from the new one, keeping both equal.
            migrator.downgradeTo(3);
            assertSchema(db, reached.get(2));
            assertEquals(List.of("0"), db.strings("select count(*) from fact_energy_hourly"
                    + " where quality is distinct from quality_score::smallint"));
            db.execute("update fact_energy_hourly set quality = 1 where id = -1");
            assertEquals(List.of("1"), db.strings("select quality_score from fact_energy_hourly where id = -1"));
            migrator.downgradeTo(1, true);
            assertSchema(db, V1);
            assertEquals(List.of((ROWS + 3) + "|1"), db.strings("select count(*) || '|' || max(quality) filter (where id = -1)"
                    + " from fact_energy_hourly"));
            assertEquals(List.of(), db.strings("select tgname from pg_trigger where not tgisinternal"));
            assertEquals(List.of("11"), db.strings("select count(*) from datasource"));

            // And up once more, straight to the end.
            migrator.migrate();
            assertSchema(db, reached.get(3));
        }
    }

    @Test
    void writersOfBothApplicationVersionsDuringTheExpandLeaveEveryRowWithEqualColumns() throws Exception {
        History history = initial();
        VersionPlan.Planned expand = expand(history);
        List<Migration> versions = List.of(new FrozenMigration(history.versions().get(0)),
                new FrozenMigration(expand.version()));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            fill(db);
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var writes = new java.util.concurrent.atomic.AtomicInteger();
            var failures = new java.util.concurrent.CopyOnWriteArrayList<String>();
            // The previous version writes quality until the column quality_score exists, then both write.
            Runnable old = () -> write(db, stop, writes, failures, n -> List.of(
                    "update fact_energy_hourly set quality = " + (n % 7) + " where id = " + (1 + n * 37 % ROWS),
                    "insert into fact_energy_hourly (id, datasource_id, quality) values (" + (-1 - n) + ", 1, 6)"));
            Runnable next = () -> write(db, stop, writes, failures, n -> List.of(
                    "update fact_energy_hourly set quality_score = " + (10 + n % 7) + " where id = " + (1 + n * 53 % ROWS),
                    "insert into fact_energy_hourly (id, datasource_id, quality_score) values (" + (-1_000_000 - n)
                            + ", 2, 9)"));
            Thread oldWriter = new Thread(old);
            oldWriter.start();
            Thread nextWriter = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (!db.strings("select 1 from information_schema.columns where column_name = 'quality_score'"
                                + " and table_name = 'fact_energy_hourly' and exists (select 1 from pg_trigger where"
                                + " tgname like 'driftless_sync_%')").isEmpty()) {
                            break;
                        }
                        Thread.sleep(5);
                    } catch (Exception e) {
                        failures.add(e.toString());
                        return;
                    }
                }
                next.run();
            });
            nextWriter.start();
            migrator.migrate();
            Thread.sleep(200);
            stop.set(true);
            oldWriter.join();
            nextWriter.join();
            assertEquals(List.of(), failures);
            assertTrue(writes.get() > 20, "the writers ran: " + writes.get());
            assertEquals(List.of("0"), db.strings("select count(*) from fact_energy_hourly"
                    + " where quality_score is distinct from quality"));
            assertEquals(List.of("0"), db.strings("select count(*) from fact_energy_hourly where quality_score is null"));
            assertSchema(db, expand.reached());
        }
    }

    /** Runs the statements each iteration gives until stopped, counting those that ran and keeping what failed. */
    private static void write(TestDatabase db, java.util.concurrent.atomic.AtomicBoolean stop,
            java.util.concurrent.atomic.AtomicInteger writes, List<String> failures,
            java.util.function.IntFunction<List<String>> statements) {
        try (Connection c = db.connect(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            for (int n = 0; !stop.get(); n++) {
                for (String sql : statements.apply(n)) {
                    st.execute(sql);
                    writes.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            failures.add(e.getMessage());
        }
    }

    @Test
    void renamingTheTableInPlaceDuringTheTransitionKeepsTheColumnsInSync() throws SQLException {
        History history = initial();
        VersionPlan.Planned expand = expand(history);
        history = history.plus(expand.version(), new Snapshot(2, expand.reached()));
        // The fact table is renamed in place while its column's rename is still online.
        QualifiedName hourly = QualifiedName.of("hourly_energy");
        Table renamedFact = fact("quality_score", "integer", false, SOURCE_RENAMED);
        renamedFact = new Table(hourly, renamedFact.columns(), renamedFact.primaryKey(), renamedFact.uniqueConstraints(),
                renamedFact.indexes(), renamedFact.foreignKeys(), renamedFact.checks(), null);
        SchemaModel moved = model(source(SOURCE_RENAMED), renamedFact);
        Renames stillOnline = new Renames(Map.of(SOURCE_RENAMED, SOURCE, hourly, FACT),
                Map.of(hourly, Map.of("quality_score", "quality")), Set.of(SOURCE_RENAMED), Map.of(hourly, Set.of("quality_score")));
        VersionPlan.Planned move = VersionPlan.plan(history, moved, "move", stillOnline, HandWrittenSteps.NONE)
                .orElseThrow();
        assertEquals(List.of("stop keeping fact_energy_hourly.quality and quality_score equal",
                "rename table fact_energy_hourly to hourly_energy", "keep hourly_energy.quality and quality_score equal"),
                move.operations().stream().map(Operation::describe).toList());
        assertEquals(List.of(new ColumnSync(hourly, "quality", "quality_score")), move.reached().columnSyncs());
        history = history.plus(move.version(), new Snapshot(3, move.reached()));

        List<Migration> versions = history.versions().stream().map(v -> (Migration) new FrozenMigration(v)).toList();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            fill(db);
            migrator.migrate();
            assertSchema(db, move.reached());
            db.execute("insert into hourly_energy (id, datasource_id, quality) values (-1, 1, 4)",
                    "update hourly_energy set quality_score = 3 where id = 1");
            assertEquals(List.of("-1|4|4", "1|3|3"), db.strings("select id || '|' || quality || '|' || quality_score"
                    + " from hourly_energy where id in (-1, 1) order by id"));
            migrator.downgradeTo(2);
            assertSchema(db, expand.reached());
            db.execute("update fact_energy_hourly set quality = 2 where id = -1");
            assertEquals(List.of("2"), db.strings("select quality_score from fact_energy_hourly where id = -1"));
            migrator.downgradeTo(1, true);
            assertSchema(db, V1);
        }
    }

    @Test
    void theSnapshotWritesAndReadsTheSyncs() {
        SchemaModel reached = expand(initial()).reached();
        var snapshot = new Snapshot(2, reached);
        String text = dev.driftless.history.SnapshotFormat.write(snapshot);
        assertTrue(text.contains("  sync (quality, quality_score)\n"), text);
        assertEquals(snapshot, dev.driftless.history.SnapshotFormat.read(text, "snapshot"));
    }

    /** The history of the first model, frozen. */
    private static History initial() {
        return History.EMPTY.plus(VersionPlan.next(History.EMPTY, V1, "initial").orElseThrow(), new Snapshot(1, V1));
    }

    /** The expand: both renames declared online. */
    private static VersionPlan.Planned expand(History history) {
        return VersionPlan.plan(history, RENAMED, "expand", ONLINE, HandWrittenSteps.NONE).orElseThrow();
    }

    /** Ten data sources and {@link #ROWS} readings, written under the first model's names. */
    private static void fill(TestDatabase db) throws SQLException {
        db.execute("insert into datasource select g, 'source ' || g from generate_series(1, 10) g",
                "insert into fact_energy_hourly (id, datasource_id, quality) select g, 1 + g % 10, g % 5"
                        + " from generate_series(1, " + ROWS + ") g");
    }

    private static void assertSchema(TestDatabase db, SchemaModel expected) throws SQLException {
        try (Connection c = db.connect()) {
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of(QualifiedName.of("driftless_history")));
            assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, expected), live).stream()
                    .map(Operation::describe).toList());
        }
    }
}
