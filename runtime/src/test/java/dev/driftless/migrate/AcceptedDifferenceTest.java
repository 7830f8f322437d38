package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a forced baseline accepted is kept in the history as lines of kind, object, before, after
 * and description, and matched by the first four: a difference whose description alone changed is
 * still the accepted one, one whose value changed is drift; histories written in the older form
 * (the description alone) are still read.
 */
class AcceptedDifferenceTest {

    private static final SchemaModel V1 = new SchemaModel(List.of(new Table(QualifiedName.of("device"), List.of(
            new Column("id", ColumnType.of("integer"), false, null, Identity.NONE, null),
            Column.of("name", "text", false)),
            new PrimaryKey("device_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of());

    /** What the database has that the snapshot does not: {@code name} is varchar(40), not text. */
    private static final Operation NAME_TYPE = new Operation.AlterColumnType(QualifiedName.of("device"), "name",
            ColumnType.of("text"), ColumnType.of("character varying(40)"));

    @Test
    void aLineKeepsEveryCharacter() {
        var hostile = new AcceptedDifference("alter_column_type", "s\t1.\"t\\n\".c\nd", "a\\tb\\\\", "\r\n\t\\",
                "#1\tdescription\\ with\nnewlines\tand\\ttabs\\");
        String line = hostile.line();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertEquals(6, line.split("\t", -1).length, line);
        assertEquals(hostile, AcceptedDifference.parse(line));
        assertEquals(List.of(hostile, AcceptedDifference.of(NAME_TYPE)),
                AcceptedDifference.parseAll(line + "\n" + AcceptedDifference.of(NAME_TYPE).line()));
        // An older line is a description alone, matched by its text.
        AcceptedDifference old = AcceptedDifference.parse(NAME_TYPE.describe());
        assertTrue(old.legacy());
        assertTrue(old.matches(AcceptedDifference.of(NAME_TYPE)));
    }

    @Test
    void aDifferenceIsMatchedByWhatItIsNotByItsWording() {
        AcceptedDifference found = AcceptedDifference.of(NAME_TYPE);
        assertEquals(new AcceptedDifference("alter_column_type", "device.name", "text", "character varying(40)",
                NAME_TYPE.describe()), found);
        var reworded = new AcceptedDifference(found.kind(), found.object(), found.before(), found.after(),
                "the type of device.name is varchar(40), not text");
        assertTrue(reworded.matches(found));
        var otherAfter = new AcceptedDifference(found.kind(), found.object(), found.before(), "character varying(50)",
                found.description());
        assertFalse(otherAfter.matches(found));
    }

    private static Migrator forced(TestDatabase db) throws Exception {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "adopted").orElseThrow();
        db.execute("create table device (id integer constraint device_pkey primary key, name varchar(40) not null)",
                "insert into device values (1, 'm-1')");
        Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1))).build();
        assertEquals(List.of(NAME_TYPE), migrator.baseline(new Snapshot(1, V1), true).differences());
        return migrator;
    }

    private static void setAccepted(TestDatabase db, String text) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement update = c.prepareStatement("update driftless_history set accepted = ? where baselined")) {
            update.setString(1, text);
            assertEquals(1, update.executeUpdate());
        }
    }

    @Test
    void aForcedBaselineRecordsWhatItAcceptedStructurally() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = forced(db);
            assertEquals(List.of(AcceptedDifference.of(NAME_TYPE).line()),
                    db.strings("select accepted from driftless_history where baselined"));
            DriftReport report = migrator.checkDrift(new Snapshot(1, V1));
            assertFalse(report.drifted(), report.describe());
            assertEquals(List.of(NAME_TYPE.describe()), report.accepted());
        }
    }

    @Test
    void aDriftThatDiffersOnlyInItsDescriptionIsStillAccepted() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = forced(db);
            // As an older release worded it.
            setAccepted(db, new AcceptedDifference("alter_column_type", "device.name", "text", "character varying(40)",
                    "change the type of device.name (text) to varchar(40)").line());
            DriftReport report = migrator.checkDrift(new Snapshot(1, V1));
            assertFalse(report.drifted(), report.describe());
            assertEquals(List.of(NAME_TYPE.describe()), report.accepted(), "listed as described now");
        }
    }

    @Test
    void aDriftWithAnotherAfterIsNotAccepted() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = forced(db);
            // Widened by hand after the baseline: no longer what was accepted.
            db.execute("alter table device alter column name type varchar(50)");
            DriftReport report = migrator.checkDrift(new Snapshot(1, V1));
            assertTrue(report.drifted(), report.describe());
            assertEquals(List.of("change type of device.name from text to character varying(50)"),
                    report.differences().stream().map(Operation::describe).toList());
            assertEquals(List.of(), report.accepted());
        }
    }

    @Test
    void aHistoryOfTheOlderFormIsStillRead() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = forced(db);
            setAccepted(db, "trigger audit on device is made by hand\n" + NAME_TYPE.describe());
            DriftReport report = migrator.checkDrift(new Snapshot(1, V1));
            assertFalse(report.drifted(), report.describe());
            assertEquals(List.of(NAME_TYPE.describe()), report.accepted());
        }
    }

    /** What the database has besides the snapshot: an index made by hand. */
    private static final Operation HAND_INDEX = new Operation.CreateIndex(QualifiedName.of("device"),
            new Index("device_name_idx", List.of(new IndexColumn("name", true)), false));

    @Test
    void aModelObjectIsRecordedAsTheSnapshotFileSpellsIt() {
        AcceptedDifference found = AcceptedDifference.of(HAND_INDEX);
        assertEquals("index device_name_idx (name desc)", found.after(), "not the record's own text");
        assertTrue(found.line().startsWith("#2\t"), found.line());
        var column = new Operation.AddColumn(QualifiedName.of("device"),
                new Column("note", ColumnType.of("character varying(20)"), false, "'-'::character varying",
                        Identity.NONE, null));
        assertEquals("column note \"character varying(20)\" not-null default=\"'-'::character varying\"",
                AcceptedDifference.of(column).after());
    }

    @Test
    void aLineOfTheFirstFormIsMatchedByTheRecordsText() {
        var first = new AcceptedDifference("create_index", "device.device_name_idx", "",
                ((Operation.CreateIndex) HAND_INDEX).index().toString(), HAND_INDEX.describe(), 1);
        AcceptedDifference read = AcceptedDifference.parse(first.line());
        assertEquals(first, read);
        assertTrue(read.accepts(HAND_INDEX));
        var otherIndex = new Operation.CreateIndex(QualifiedName.of("device"),
                new Index("device_name_idx", List.of(new IndexColumn("name", false)), false));
        assertFalse(read.accepts(otherIndex), "another definition is drift");
        // The same values in the form written now are not the records' text.
        var second = new AcceptedDifference(first.kind(), first.object(), "", first.after(), first.description());
        assertFalse(AcceptedDifference.parse(second.line()).accepts(HAND_INDEX));
    }

    @Test
    void anAcceptedIndexIsStillAcceptedWhenTheHistoryHasTheFirstForm() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = forced(db);
            db.execute("create index device_name_idx on device (name desc)");
            DriftReport drifted = migrator.checkDrift(new Snapshot(1, V1));
            assertEquals(List.of(HAND_INDEX), drifted.differences());
            setAccepted(db, AcceptedDifference.of(NAME_TYPE).line() + "\n" + new AcceptedDifference("create_index",
                    "device.device_name_idx", "", ((Operation.CreateIndex) HAND_INDEX).index().toString(),
                    HAND_INDEX.describe(), 1).line());
            DriftReport report = migrator.checkDrift(new Snapshot(1, V1));
            assertFalse(report.drifted(), report.describe());
            assertEquals(2, report.accepted().size(), report.accepted().toString());
        }
    }

    @Test
    void aForcedBaselineRecordsAnIndexAsTheSnapshotFileSpellsIt() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "adopted").orElseThrow();
            db.execute("create table device (id integer constraint device_pkey primary key, name text not null)",
                    "create index device_name_idx on device (name desc)");
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1))).build();
            assertEquals(List.of(HAND_INDEX), migrator.baseline(new Snapshot(1, V1), true).differences());
            List<String> accepted = db.strings("select accepted from driftless_history where baselined");
            assertEquals(1, accepted.size());
            assertTrue(accepted.get(0).startsWith("#2\tcreate_index\tdevice.device_name_idx\t\tindex device_name_idx (name desc)\t"),
                    accepted.get(0));
            assertFalse(migrator.checkDrift(new Snapshot(1, V1)).drifted());
        }
    }
}
