package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Renames;
import dev.driftless.diff.TypeChange;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code serial} column that becomes {@code bigserial} (and back): PostgreSQL has no type
 * {@code bigserial} to change a column to, so the column changes to {@code bigint} and its owned
 * sequence to {@code AS bigint}, keeping every value and going on where the sequence was.
 */
class SerialChangeTest {

    private static SchemaModel model(String type) {
        return new SchemaModel(List.of(new Table(QualifiedName.of("meter"), List.of(
                new Column("id", ColumnType.of(type), false, null, Identity.NONE, null),
                Column.of("name", "text", false)),
                new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static List<Migration> migrations(String first, String second) {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, model(first), "adopted").orElseThrow();
        FrozenVersion v2 = VersionPlan.plan(History.EMPTY.plus(v1, new Snapshot(1, model(first))), model(second),
                "wider_keys", Renames.NONE, HandWrittenSteps.NONE).orElseThrow().version();
        return List.of(new FrozenMigration(v1), new FrozenMigration(v2));
    }

    @Test
    void serialToBigserialIsAWideningThatRewrites() {
        assertTrue(TypeChange.widens(ColumnType.of("serial"), ColumnType.of("bigserial")));
        assertTrue(TypeChange.widens(ColumnType.of("smallserial"), ColumnType.of("serial")));
        assertFalse(TypeChange.widens(ColumnType.of("bigserial"), ColumnType.of("serial")));
        assertTrue(TypeChange.rewrites(ColumnType.of("serial"), ColumnType.of("bigserial")));
    }

    @Test
    void aSerialKeyBecomesBigserialAndBackKeepingItsValuesAndItsSequence() throws Exception {
        List<Migration> migrations = migrations("serial", "bigserial");
        String version2 = String.join("\n", migrations.get(1).up());
        assertFalse(version2.contains("TYPE bigserial"), version2);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            // Made by hand under another name: the sequence is found, not guessed.
            db.execute("create table meter (id serial primary key, name text not null)",
                    "insert into meter (name) values ('m-1'), ('m-2'), ('m-3')",
                    "alter sequence meter_id_seq rename to meter_keys");
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations).build();
            assertEquals(List.of(), migrator.baseline(new Snapshot(1, model("serial")), false).differences());

            migrator.migrate();
            assertFalse(migrator.checkDrift(new Snapshot(2, model("bigserial"))).drifted(),
                    () -> migrator.checkDrift(new Snapshot(2, model("bigserial"))).describe());
            assertEquals(List.of("bigint"), db.strings("select data_type from information_schema.columns"
                    + " where table_name = 'meter' and column_name = 'id'"));
            assertEquals(List.of("bigint 9223372036854775807"),
                    db.strings("select data_type || ' ' || maximum_value from information_schema.sequences"
                            + " where sequence_name = 'meter_keys'"));
            db.execute("insert into meter (name) values ('m-4')");
            assertEquals(List.of("1 m-1", "2 m-2", "3 m-3", "4 m-4"),
                    db.strings("select id || ' ' || name from meter order by id"));

            // The narrowing is refused unless forced, though these keys fit.
            migrator.downgradeTo(1, true);
            assertFalse(migrator.checkDrift(new Snapshot(1, model("serial"))).drifted(),
                    () -> migrator.checkDrift(new Snapshot(1, model("serial"))).describe());
            assertEquals(List.of("integer 2147483647"),
                    db.strings("select data_type || ' ' || maximum_value from information_schema.sequences"
                            + " where sequence_name = 'meter_keys'"));
            db.execute("insert into meter (name) values ('m-5')");
            assertEquals(List.of("1 m-1", "2 m-2", "3 m-3", "4 m-4", "5 m-5"),
                    db.strings("select id || ' ' || name from meter order by id"));
        }
    }

    @Test
    void aFreshDatabaseGoesFromSmallserialToSerial() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations("smallserial", "serial")).build();
            migrator.migrateTo(1);
            db.execute("insert into meter (name) values ('a'), ('b')");
            migrator.migrate();
            assertFalse(migrator.checkDrift(new Snapshot(2, model("serial"))).drifted(),
                    () -> migrator.checkDrift(new Snapshot(2, model("serial"))).describe());
            db.execute("insert into meter (name) values ('c')");
            assertEquals(List.of("1 a", "2 b", "3 c"), db.strings("select id || ' ' || name from meter order by id"));
            assertEquals(List.of("integer"), db.strings("select data_type from information_schema.sequences"
                    + " where sequence_name = 'meter_id_seq'"));
        }
    }
}
