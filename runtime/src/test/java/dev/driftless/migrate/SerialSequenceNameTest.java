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
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.NameLimit;
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
 * The down of a serial-to-identity conversion makes the sequence {@code serial} would have made, and
 * names it as PostgreSQL does: {@code <table>_<column>_seq}, shortened to 63 bytes as the server
 * shortens it, or, when a relation has that name, the first free of {@code ..._seq1} to {@code ..._seq9}.
 */
class SerialSequenceNameTest {

    /** 61 characters: {@code <table>_id_seq} is past 63 bytes. */
    private static final String TABLE = "meter_readings_of_the_north_eastern_distribution_network_2024";

    private static SchemaModel model(ColumnType type, Identity identity) {
        return new SchemaModel(List.of(new Table(QualifiedName.of(TABLE), List.of(
                new Column("id", type, false, null, identity, null), Column.of("name", "text", false)),
                new PrimaryKey("meter_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());
    }

    private static final SchemaModel V1 = model(ColumnType.of("serial"), Identity.NONE);
    private static final SchemaModel V2 = model(ColumnType.of("integer"), Identity.BY_DEFAULT);

    private static Migrator adopted(TestDatabase db) throws Exception {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "adopted").orElseThrow();
        FrozenVersion v2 = VersionPlan.plan(History.EMPTY.plus(v1, new Snapshot(1, V1)), V2, "identity",
                Renames.NONE, HandWrittenSteps.NONE).orElseThrow().version();
        db.execute("create table \"" + TABLE + "\" (id serial constraint meter_pkey primary key, name text not null)",
                "insert into \"" + TABLE + "\" (name) values ('m-1'), ('m-2')");
        Migrator migrator = Migrator.builder(db.dataSource())
                .migrations(List.of(new FrozenMigration(v1), new FrozenMigration(v2))).build();
        assertEquals(List.of(), migrator.baseline(new Snapshot(1, V1), false).differences());
        migrator.migrate();
        return migrator;
    }

    private static List<String> sequence(TestDatabase db) throws Exception {
        return db.strings("select pg_get_serial_sequence('\"" + TABLE + "\"', 'id')");
    }

    @Test
    void theDownNamesTheSequenceAsPostgresqlDoes() throws Exception {
        String expected = NameLimit.derived(TABLE, List.of("id"), "seq");
        assertTrue(expected.length() <= 63 && (TABLE + "_id_seq").length() > 63, expected);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            // The name PostgreSQL gave serial's sequence is the one derived.
            db.execute("create table \"" + TABLE + "\" (id serial)");
            assertEquals(List.of("public." + expected), sequence(db));
            db.execute("drop table \"" + TABLE + "\"");

            Migrator migrator = adopted(db);
            migrator.downgradeTo(1);
            assertEquals(List.of("public." + expected), sequence(db));
            assertFalse(migrator.checkDrift(new Snapshot(1, V1)).drifted(),
                    () -> migrator.checkDrift(new Snapshot(1, V1)).describe());
            db.execute("insert into \"" + TABLE + "\" (name) values ('m-3')");
            assertEquals(List.of("1", "2", "3"), db.strings("select id from \"" + TABLE + "\" order by id"));
        }
    }

    @Test
    void aTakenNameGivesTheFirstFreeNumberedOne() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = adopted(db);
            // The identity's own sequence has the name: it goes elsewhere, and a table takes the name.
            db.execute("alter sequence \"" + NameLimit.derived(TABLE, List.of("id"), "seq") + "\" rename to other_seq",
                    "create table \"" + NameLimit.derived(TABLE, List.of("id"), "seq") + "\" (x int)",
                    "create view \"" + NameLimit.derived(TABLE, List.of("id"), "seq1") + "\" as select 1 as x");
            migrator.downgradeTo(1);
            assertEquals(List.of("public." + NameLimit.derived(TABLE, List.of("id"), "seq2")), sequence(db));
            db.execute("insert into \"" + TABLE + "\" (name) values ('m-3')");
            assertEquals(List.of("1", "2", "3"), db.strings("select id from \"" + TABLE + "\" order by id"));
        }
    }

    @Test
    void whenEveryNameIsTakenTheDownFailsSayingWhatToDo() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = adopted(db);
            db.execute("alter sequence \"" + NameLimit.derived(TABLE, List.of("id"), "seq") + "\" rename to other_seq");
            for (String label : List.of("seq", "seq1", "seq2", "seq3", "seq4", "seq5", "seq6", "seq7", "seq8", "seq9")) {
                db.execute("create sequence \"" + NameLimit.derived(TABLE, List.of("id"), label) + "\"");
            }
            MigrationException e = assertThrows(MigrationException.class, () -> migrator.downgradeTo(1));
            assertTrue(e.getMessage().contains("no free name for the sequence of serial column"), e.getMessage());
            assertTrue(e.getMessage().contains(NameLimit.derived(TABLE, List.of("id"), "seq9")), e.getMessage());
            assertEquals(2, migrator.status().currentVersion(), "nothing of the down took effect");
        }
    }
}
