package dev.driftless.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.Column;
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
import dev.driftless.model.UniqueConstraint;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 002: {@code device} becomes {@code datasource}, {@code file_id} becomes {@code batch_id}; nothing is lost. */
class TableRenameTest {

    private static SchemaModel model(String devices, String fileColumn) {
        Table device = new Table(QualifiedName.of(devices),
                List.of(new Column("id", ColumnType.of("bigint"), false, null, Identity.BY_DEFAULT, null),
                        Column.of("external_id", "varchar(100)", false)),
                new PrimaryKey(devices + "_pkey", List.of("id")),
                List.of(new UniqueConstraint(devices + "_external_id_key", List.of("external_id"))),
                List.of(new Index(devices + "_external_id_idx", List.of(IndexColumn.asc("external_id")), false)),
                List.of(), null);
        Table reading = new Table(QualifiedName.of("reading"),
                List.of(Column.of("id", "bigint", false), Column.of(devices + "_id", "bigint", false),
                        Column.of(fileColumn, "uuid", true)),
                new PrimaryKey("reading_pkey", List.of("id")), List.of(),
                List.of(new Index("reading_" + fileColumn + "_idx", List.of(IndexColumn.asc(fileColumn)), false)),
                List.of(new ForeignKey("reading_" + devices + "_id_fkey", List.of(devices + "_id"),
                        QualifiedName.of(devices), List.of("id"), ReferentialAction.CASCADE)),
                null);
        return new SchemaModel(List.of(device, reading), List.of());
    }

    private static final SchemaModel BEFORE = model("device", "file_id");
    private static final SchemaModel AFTER = model("datasource", "batch_id");
    private static final Renames RENAMES = new Renames(
            Map.of(QualifiedName.of("datasource"), QualifiedName.of("device")),
            Map.of(QualifiedName.of("reading"), Map.of("datasource_id", "device_id", "batch_id", "file_id")));

    @Test
    void aDeclaredTableRenameRenamesTheTableItsColumnsAndTheNamesThatFollowIt() {
        List<String> up = SchemaDiff.between(BEFORE, AFTER, RENAMES).stream().map(Operation::describe).toList();
        assertEquals(Set.of(
                "rename table device to datasource",
                "rename column reading.device_id to datasource_id",
                "rename column reading.file_id to batch_id",
                "rename constraint device_pkey on datasource to datasource_pkey",
                "rename constraint device_external_id_key on datasource to datasource_external_id_key",
                "rename index device_external_id_idx on datasource to datasource_external_id_idx",
                "rename index reading_file_id_idx on reading to reading_batch_id_idx",
                "rename constraint reading_device_id_fkey on reading to reading_datasource_id_fkey"),
                Set.copyOf(up));
        assertEquals(8, up.size(), "nothing is dropped: " + up);
        assertEquals("rename table device to datasource", up.get(0));
    }

    @Test
    void theRowsStayAndTheDatabaseIsTheModelBothWays() throws SQLException {
        History v1 = History.EMPTY.plus(VersionPlan.next(History.EMPTY, BEFORE, "initial").orElseThrow(),
                new Snapshot(1, BEFORE));
        FrozenVersion rename = VersionPlan.next(v1, AFTER, "datasource", RENAMES).orElseThrow();
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String sql : v1.versions().get(0).up()) {
                st.execute(sql);
            }
            st.execute("insert into device (id, external_id) values (7, 'meter-7')");
            st.execute("insert into reading values (1, 7, '00000000-0000-0000-0000-000000000001')");
            for (String sql : rename.up()) {
                st.execute(sql);
            }
            assertEquals(AFTER, PostgresIntrospector.read(c, Set.of(), Set.of()));
            try (ResultSet rs = st.executeQuery("select d.external_id, r.batch_id from reading r"
                    + " join datasource d on d.id = r.datasource_id")) {
                rs.next();
                assertEquals("meter-7", rs.getString(1));
                assertEquals("00000000-0000-0000-0000-000000000001", rs.getString(2));
            }
            for (String sql : rename.down()) {
                st.execute(sql);
            }
            assertEquals(BEFORE, PostgresIntrospector.read(c, Set.of(), Set.of()));
        }
    }
}
