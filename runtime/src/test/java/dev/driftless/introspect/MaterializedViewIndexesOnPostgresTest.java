package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A materialized view's indexes on a real PostgreSQL: created with the view, changed on their own
 * (the view and its rows stay), created again when the view is, read back from the catalog, kept
 * in the snapshot, and a unique one lets {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} run.
 */
class MaterializedViewIndexesOnPostgresTest {

    private static final QualifiedName MV = QualifiedName.of("mv_totals");
    private static final String QUERY = "SELECT grp, sum(amount) AS total FROM readings GROUP BY grp";

    private static final Index BY_GROUP = new Index("mv_totals_grp_idx", List.of(new IndexColumn("grp", false)), true);
    private static final Index BY_TOTAL = new Index("mv_totals_total_idx", List.of(new IndexColumn("total", true)), false);
    private static final Index BY_BOTH = new Index("mv_totals_both",
            List.of(new IndexColumn("total", false), new IndexColumn("grp", false)), false);

    private static SchemaModel model(String query, List<Index> indexes) {
        Table readings = new Table(QualifiedName.of("readings"), List.of(Column.of("id", "bigint", false),
                Column.of("grp", "integer", false), Column.of("amount", "numeric(12,2)", false)),
                new PrimaryKey("readings_pkey", List.of("id")), List.of(), List.of(), List.of(), List.of(), null);
        return new SchemaModel(List.of(readings), List.of(), List.of(), List.of(new View(MV, query, true, indexes)));
    }

    @Test
    void indexesAreBuiltChangedRebuiltWithTheViewAndReadBack() throws SQLException {
        SchemaModel v1 = model(QUERY, List.of(BY_GROUP, BY_TOTAL));
        SchemaModel v2 = model(QUERY, List.of(BY_GROUP, BY_BOTH));
        SchemaModel v3 = model(QUERY + " HAVING count(*) > 0", List.of(BY_GROUP, BY_BOTH));
        assertEquals(v1, SnapshotFormat.read(SnapshotFormat.write(new Snapshot(1, v1)), "snapshot").model(),
                "the snapshot keeps a view's indexes");
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            c.setAutoCommit(true);
            step(c, SchemaModel.EMPTY, v1);
            assertTrue(PostgresPlanner.statements(SchemaDiff.between(SchemaModel.EMPTY, v1))
                    .contains("CREATE UNIQUE INDEX mv_totals_grp_idx ON mv_totals (grp)"));
            run(c, "insert into readings values (1, 1, 2.50), (2, 1, 1.25), (3, 2, 4.00)",
                    "refresh materialized view concurrently mv_totals");
            assertEquals(List.of("1|3.75", "2|4.00"), rows(c, "select grp || '|' || total from mv_totals order by grp"));

            // Only the indexes change: the view stays (rows not yet refreshed are still there).
            run(c, "insert into readings values (4, 2, 1.00)");
            List<Operation> indexOnly = SchemaDiff.between(v1, v2);
            assertEquals(List.of("drop index mv_totals_total_idx on mv_totals",
                    "create index mv_totals_both on mv_totals"),
                    indexOnly.stream().map(Operation::describe).toList());
            step(c, v1, v2);
            assertEquals(List.of("1|3.75", "2|4.00"), rows(c, "select grp || '|' || total from mv_totals order by grp"));
            run(c, "refresh materialized view concurrently mv_totals");
            assertEquals(List.of("1|3.75", "2|5.00"), rows(c, "select grp || '|' || total from mv_totals order by grp"));

            // The query changes: the view is created again, with its indexes, so a concurrent refresh still works.
            step(c, v2, v3);
            run(c, "insert into readings values (5, 3, 9.00)", "refresh materialized view concurrently mv_totals");
            assertEquals(List.of("1|3.75", "2|5.00", "3|9.00"),
                    rows(c, "select grp || '|' || total from mv_totals order by grp"));

            // An index dropped by hand is drift.
            run(c, "drop index mv_totals_both");
            assertEquals(List.of("create index mv_totals_both on mv_totals"),
                    SchemaDiff.between(read(c), Canonical.of(c, v3)).stream().map(Operation::describe).toList());
            step(c, v3, SchemaModel.EMPTY);
        }
    }

    /** Applies the diff, each statement on its own (concurrent builds run outside a transaction), and checks the catalog. */
    private static void step(Connection c, SchemaModel from, SchemaModel to) throws SQLException {
        run(c, PostgresPlanner.statements(SchemaDiff.between(from, to)).toArray(String[]::new));
        assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, to), read(c)).stream()
                .map(Operation::describe).toList());
    }

    private static SchemaModel read(Connection c) throws SQLException {
        return PostgresIntrospector.read(c, Set.of(), Set.of());
    }

    private static void run(Connection c, String... statements) throws SQLException {
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
