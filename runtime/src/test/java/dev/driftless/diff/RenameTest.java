package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.SampleModels;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declared renames become renames, both ways, and the rows stay. */
class RenameTest {

    private static final QualifiedName DATASOURCE = QualifiedName.of("datasource");
    private static final QualifiedName HOURLY = QualifiedName.of("fact_energy_hourly");

    /** The energy model with datasource.id renamed to datasource_id and energy_kwh to kwh. */
    private static SchemaModel renamed() {
        SchemaModel m = ColumnRename.apply(SampleModels.energy(), DATASOURCE, "id", "datasource_id");
        return ColumnRename.apply(m, HOURLY, "energy_kwh", "kwh");
    }

    private static final Renames RENAMES = new Renames(Map.of(
            DATASOURCE, Map.of("datasource_id", "id"),
            HOURLY, Map.of("kwh", "energy_kwh")));

    @Test
    void withoutTheDeclarationItIsADropAndAnAdd() {
        List<String> ops = SchemaDiff.between(SampleModels.energy(), renamed()).stream().map(Operation::describe).toList();
        assertEquals(true, ops.contains("drop column fact_energy_hourly.energy_kwh"), ops.toString());
    }

    @Test
    void declaredRenamesAreRenamesAndKeysFollow() {
        assertEquals(List.of(
                "rename column datasource.id to datasource_id",
                "rename column fact_energy_hourly.energy_kwh to kwh"),
                SchemaDiff.between(SampleModels.energy(), renamed(), RENAMES).stream().map(Operation::describe).toList());
        assertEquals(List.of(
                "rename column datasource.datasource_id to id",
                "rename column fact_energy_hourly.kwh to energy_kwh"),
                SchemaDiff.between(renamed(), SampleModels.energy(), RENAMES.inverse()).stream()
                        .map(Operation::describe).toList());
    }

    @Test
    void aRenameThatIsAlreadyDoneIsNoLongerARename() {
        assertEquals(List.of(), SchemaDiff.between(renamed(), renamed(), RENAMES));
    }

    @Test
    void rowsSurviveTheRenameUpAndDown() throws SQLException {
        History v1 = History.EMPTY.plus(
                VersionPlan.next(History.EMPTY, SampleModels.energy(), "initial").orElseThrow(),
                new Snapshot(1, SampleModels.energy()));
        FrozenVersion first = v1.versions().get(0);
        FrozenVersion second = VersionPlan.next(v1, renamed(), "rename", RENAMES).orElseThrow();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            run(st, first.up());
            st.execute("insert into datasource (id, external_id) values (1, 'meter-1')");
            st.execute("insert into fact_energy_hourly (datasource_id, ts, energy_kwh) values (1, now(), 4.5)");
            run(st, second.up());
            assertEquals("4.5", one(st, "select kwh from fact_energy_hourly"));
            assertEquals("meter-1", one(st, "select external_id from datasource where datasource_id = 1"));
            run(st, second.down());
            assertEquals("4.5", one(st, "select energy_kwh from fact_energy_hourly"));
        }
    }

    private static void run(Statement st, List<String> statements) throws SQLException {
        for (String sql : statements) {
            st.execute(sql);
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
