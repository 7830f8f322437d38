package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Columns made with {@code serial} and {@code bigserial}: read back as the shorthand, so a model that
 * says {@code serial} baselines a database that has them and builds the same schema on an empty one;
 * converted to identity columns by a version (keys going on after the highest one handed out), and
 * back by its down.
 */
class SerialAdoptionTest {

    private static Table device(String name, ColumnType id) {
        return new Table(QualifiedName.of(name), List.of(
                new Column("id", id, false, null, Identity.NONE, null),
                Column.of("name", "text", false)),
                new PrimaryKey("device_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
    }

    private static Table reading(String deviceTable, ColumnType id) {
        return new Table(QualifiedName.of("reading"), List.of(
                new Column("id", id, false, null, Identity.NONE, null),
                Column.of("device_id", "integer", false),
                Column.of("value", "double precision", true)),
                new PrimaryKey("reading_pkey", List.of("id")), List.of(), List.of(),
                List.of(new ForeignKey("reading_device_id_fkey", List.of("device_id"), QualifiedName.of(deviceTable),
                        List.of("id"), ReferentialAction.NO_ACTION)), null);
    }

    /** Version 1: the hand-made schema as it is. */
    private static final SchemaModel V1 = new SchemaModel(List.of(device("device", ColumnType.of("serial")),
            reading("device", ColumnType.of("bigserial"))), List.of());

    /** Version 2: device renamed to datasource, both keys identity columns. */
    private static SchemaModel v2() {
        Table datasource = device("datasource", ColumnType.of("integer"));
        Column identity = new Column("id", ColumnType.of("integer"), false, null, Identity.BY_DEFAULT, null);
        Column bigIdentity = new Column("id", ColumnType.of("bigint"), false, null, Identity.ALWAYS, null);
        Table r = reading("datasource", ColumnType.of("bigint"));
        return new SchemaModel(List.of(
                new Table(datasource.name(), List.of(identity, datasource.columns().get(1)), datasource.primaryKey(),
                        List.of(), List.of(), List.of(), null),
                new Table(r.name(), List.of(bigIdentity, r.columns().get(1), r.columns().get(2)), r.primaryKey(),
                        List.of(), List.of(), r.foreignKeys(), null)), List.of());
    }

    private static List<Migration> migrations() {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "adopted").orElseThrow();
        History one = History.EMPTY.plus(v1, new Snapshot(1, V1));
        FrozenVersion v2 = VersionPlan.plan(one, v2(), "identity", new Renames(
                Map.of(QualifiedName.of("datasource"), QualifiedName.of("device")), Map.of()),
                HandWrittenSteps.NONE).orElseThrow().version();
        return List.of(new FrozenMigration(v1), new FrozenMigration(v2));
    }

    private static void handMade(TestDatabase db) throws Exception {
        db.execute("create table device (id serial primary key, name text not null)",
                "create table reading (id bigserial primary key, device_id integer not null references device (id),"
                        + " value double precision)",
                "insert into device (name) values ('m-1'), ('m-2'), ('m-3')",
                "delete from device where id = 3",
                "insert into reading (device_id, value) values (1, 1.5), (2, 2.5)");
    }

    @Test
    void serialColumnsAreReadAsTheShorthandWhateverTheSequenceIsCalled() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            handMade(db);
            db.execute("alter table device rename to datasource");
            try (Connection c = db.connect()) {
                SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
                Column id = live.table(QualifiedName.of("datasource")).orElseThrow().column("id").orElseThrow();
                assertEquals(new Column("id", ColumnType.of("serial"), false, null, Identity.NONE, null), id);
                assertEquals(ColumnType.of("bigserial"),
                        live.table(QualifiedName.of("reading")).orElseThrow().column("id").orElseThrow().type());
                assertEquals(List.of(), live.sequences(), "the owned sequences are the columns' own");
            }
            // A sequence the column does not own stays a default of its own and a sequence.
            db.execute("create sequence shared_seq", "create table other (id integer default nextval('shared_seq'))");
            try (Connection c = db.connect()) {
                SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
                Column id = live.table(QualifiedName.of("other")).orElseThrow().column("id").orElseThrow();
                assertEquals(ColumnType.of("integer"), id.type());
                assertEquals("nextval('shared_seq'::regclass)", id.defaultExpression());
                assertEquals(List.of("shared_seq"), live.sequences().stream().map(s -> s.name().name()).toList());
            }
        }
    }

    @Test
    void aHandMadeSerialSchemaIsBaselinedConvertedToIdentityAndBack() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            handMade(db);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();
            assertEquals(List.of(), migrator.baseline(new Snapshot(1, V1), false).differences());

            assertEquals(List.of(2), migrator.migrate().applied().stream().map(AppliedVersion::version).toList());
            assertFalse(migrator.checkDrift(new Snapshot(2, v2())).drifted(), () -> migrator.checkDrift(
                    new Snapshot(2, v2())).describe());
            assertEquals(List.of("1 m-1", "2 m-2"), db.strings("select id || ' ' || name from datasource order by id"));
            // The identity goes on after the highest key the sequence handed out (3, deleted), not after max(id).
            db.execute("insert into datasource (name) values ('m-4')",
                    "insert into reading (device_id, value) values (4, 4.5)");
            assertEquals(List.of("1 m-1", "2 m-2", "4 m-4"),
                    db.strings("select id || ' ' || name from datasource order by id"));
            assertEquals(List.of("1 1 1.5", "2 2 2.5", "3 4 4.5"),
                    db.strings("select id || ' ' || device_id || ' ' || value from reading order by id"));

            migrator.downgradeTo(1);
            assertFalse(migrator.checkDrift(new Snapshot(1, V1)).drifted(),
                    () -> migrator.checkDrift(new Snapshot(1, V1)).describe());
            db.execute("insert into device (name) values ('m-5')", "insert into reading (device_id) values (5)");
            assertEquals(List.of("1 m-1", "2 m-2", "4 m-4", "5 m-5"),
                    db.strings("select id || ' ' || name from device order by id"));
            assertEquals(List.of("1", "2", "3", "4"), db.strings("select id from reading order by id"));
        }
    }

    /**
     * A serial key mapped as a {@code Long} identity: the column is converted and widened in one
     * version, the identity going on where the sequence would have (here after a {@code RESTART},
     * whose sequence has not handed out its {@code last_value} yet), and the down makes it serial again.
     */
    @Test
    void aSerialKeyBecomesAWiderIdentityWhereTheSequenceWouldHaveGoneOn() throws Exception {
        SchemaModel v1 = new SchemaModel(List.of(device("device", ColumnType.of("serial"))), List.of());
        Table wide = device("device", ColumnType.of("bigint"));
        SchemaModel v2 = new SchemaModel(List.of(new Table(wide.name(), List.of(
                new Column("id", ColumnType.of("bigint"), false, null, Identity.BY_DEFAULT, null), wide.columns().get(1)),
                wide.primaryKey(), List.of(), List.of(), List.of(), null)), List.of());
        FrozenVersion first = VersionPlan.next(History.EMPTY, v1, "adopted").orElseThrow();
        FrozenVersion second = VersionPlan.plan(History.EMPTY.plus(first, new Snapshot(1, v1)), v2, "long_ids",
                Renames.NONE, HandWrittenSteps.NONE).orElseThrow().version();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table device (id serial primary key, name text not null)",
                    "insert into device (name) values ('m-1'), ('m-2')",
                    "alter sequence device_id_seq restart with 5000");
            Migrator migrator = Migrator.builder(db.dataSource())
                    .migrations(List.of(new FrozenMigration(first), new FrozenMigration(second))).build();
            assertEquals(List.of(), migrator.baseline(new Snapshot(1, v1), false).differences());
            migrator.migrate();
            assertFalse(migrator.checkDrift(new Snapshot(2, v2)).drifted(),
                    () -> migrator.checkDrift(new Snapshot(2, v2)).describe());
            db.execute("insert into device (name) values ('m-3')");
            assertEquals(List.of("1 m-1", "2 m-2", "5000 m-3"), db.strings("select id || ' ' || name from device order by id"));
            assertEquals(List.of("bigint"), db.strings("select data_type from information_schema.columns"
                    + " where table_name = 'device' and column_name = 'id'"));

            // Narrowing bigint to integer is refused unless forced, though these keys fit.
            migrator.downgradeTo(1, true);
            assertFalse(migrator.checkDrift(new Snapshot(1, v1)).drifted(),
                    () -> migrator.checkDrift(new Snapshot(1, v1)).describe());
            db.execute("insert into device (name) values ('m-4')");
            assertEquals(List.of("1 m-1", "2 m-2", "5000 m-3", "5001 m-4"),
                    db.strings("select id || ' ' || name from device order by id"));
        }
    }

    @Test
    void anEmptyDatabaseGetsTheSameSerialSchema() throws Exception {
        try (TestDatabase made = PostgresFixture.shared().createDatabase();
                TestDatabase fresh = PostgresFixture.shared().createDatabase()) {
            handMade(made);
            Migrator.builder(fresh.dataSource()).migrations(migrations().subList(0, 1)).build().migrate();
            try (Connection a = made.connect(); Connection b = fresh.connect()) {
                SchemaModel handMade = PostgresIntrospector.read(a, Set.of(), Set.of());
                SchemaModel built = PostgresIntrospector.read(b, Set.of(), Set.of(QualifiedName.of("driftless_history")));
                List<Operation> differences = SchemaDiff.between(handMade, built);
                assertEquals(List.of(), differences);
            }
            assertEquals(List.of("device_id_seq", "reading_id_seq"),
                    fresh.strings("select relname from pg_class where relkind = 'S' order by relname"));
            fresh.execute("insert into device (name) values ('a')", "insert into reading (device_id) values (1)");
            assertEquals(List.of("1 a"), fresh.strings("select id || ' ' || name from device"));
        }
    }
}
