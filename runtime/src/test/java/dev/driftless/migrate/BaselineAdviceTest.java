package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A baseline that finds differences a mapping can take away says which attribute to change and the
 * annotation to put on it; a forced baseline records what it accepted, and the drift check lists it
 * apart instead of failing on it for ever.
 */
class BaselineAdviceTest {

    /** What the entities say before they are told about the database: identity keys, jsonb, timestamp(6). */
    private static final SchemaModel MAPPED = new SchemaModel(List.of(
            new Table(QualifiedName.of("device"), List.of(
                    new Column("id", ColumnType.of("integer"), false, null, Identity.BY_DEFAULT, null),
                    Column.of("seen_at", "timestamp(6)", true)),
                    new PrimaryKey("device_pkey", List.of("id")), List.of(), List.of(), List.of(), null),
            new Table(QualifiedName.of("gadget"), List.of(Column.of("id", "integer", false)),
                    new PrimaryKey("gadget_pkey", List.of("id")), List.of(), List.of(), List.of(), null),
            new Table(QualifiedName.of("reading"), List.of(
                    Column.of("id", "bigint", false), Column.of("payload", "jsonb", true)),
                    new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(), List.of(), null)),
            List.of(new Sequence(QualifiedName.of("gadget_id_seq"), 1, 1)));

    private static final Snapshot SNAPSHOT = new Snapshot(1, MAPPED, Map.of(
            QualifiedName.of("device"), Map.of("id", "cei.Device.id"),
            QualifiedName.of("reading"), Map.of("payload", "cei.Reading.payload")));

    private static List<Migration> migrations() {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, MAPPED, "adopted").orElseThrow();
        return List.of(new FrozenMigration(v1));
    }

    private static void flywayStyle(TestDatabase db) throws Exception {
        db.execute("create table device (id serial primary key, seen_at timestamp)",
                "create table gadget (id serial primary key)",
                "create table reading (id bigint primary key, payload json)",
                "insert into device (seen_at) values ('2024-01-01 10:00:00')",
                "insert into reading values (1, '{\"kwh\": 1.5,  \"kwh\": 2}')");
    }

    @Test
    void theBaselineSaysWhichAttributeToMapHow() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            flywayStyle(db);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
            MigrationException refused = assertThrows(MigrationException.class, () -> migrator.baseline(SNAPSHOT, false));
            String message = refused.getMessage();
            assertTrue(message.contains("cei.Reading.payload (column reading.payload) is json in the database, which"
                    + " Hibernate maps as jsonb unless told: map it with @JdbcTypeCode(SqlTypes.JSON)"
                    + " @Column(columnDefinition = \"json\")"), message);
            assertTrue(message.contains("cei.Device.id (column device.id) is a serial column in the database: map it"
                    + " with @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(columnDefinition = \"serial\")"
                    + " and no @SequenceGenerator"), message);
            assertTrue(message.contains("column gadget.id is a serial column in the database"), message);
            assertFalse(message.contains("seen_at"), "timestamp is timestamp(6): " + message);
            assertEquals(0, migrator.status().currentVersion());
        }
    }

    @Test
    void aForcedBaselineIsNotDriftForEver() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            flywayStyle(db);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
            DriftReport accepted = migrator.baseline(SNAPSHOT, true);
            assertEquals(4, accepted.differences().size(), accepted.describe());

            DriftReport later = migrator.checkDrift(SNAPSHOT);
            assertFalse(later.drifted(), later.describe());
            assertEquals(accepted.lines(), later.accepted());
            assertTrue(later.describe().contains("accepted: change type of reading.payload from jsonb to json"),
                    later.describe());

            // A change made after the baseline is drift; what was aligned by hand is no longer listed.
            db.execute("alter table reading add column extra integer", "alter table reading alter column payload type jsonb");
            DriftReport drifted = migrator.checkDrift(SNAPSHOT);
            assertTrue(drifted.drifted());
            assertEquals(List.of("add column reading.extra integer"),
                    drifted.differences().stream().map(d -> d.describe()).toList());
            assertEquals(3, drifted.accepted().size(), drifted.describe());
            assertTrue(drifted.toJson().contains("\"convert identity column device.id to serial\""),
                    drifted.toJson());
            assertEquals(List.of("{\"kwh\": 2}"), db.strings("select payload::text from reading"));
        }
    }
}
