package dev.driftless.migrate;

import static dev.driftless.migrate.HibernateNamedDatabase.BUILT_NAMES;
import static dev.driftless.migrate.HibernateNamedDatabase.ROWS;
import static dev.driftless.migrate.HibernateNamedDatabase.SCHEMA;
import static dev.driftless.migrate.HibernateNamedDatabase.SNAPSHOT_NAMES;
import static dev.driftless.migrate.HibernateNamedDatabase.migrations;
import static dev.driftless.migrate.HibernateNamedDatabase.model;
import static dev.driftless.migrate.HibernateNamedDatabase.names;
import static dev.driftless.migrate.HibernateNamedDatabase.rows;
import static dev.driftless.migrate.HibernateNamedDatabase.snapshot;
import static dev.driftless.migrate.HibernateNamedDatabase.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.history.Snapshot;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A baseline that aligns names: a database built with Hibernate's and hand-written names for its
 * foreign keys, unique constraints and index is given the snapshot's names in the transaction that
 * records the baseline, so that a later version that drops or re-creates them applies; without it
 * the baseline refuses and says how; a name another object holds refuses it before anything changes.
 */
class AlignedNamesBaselineTest {

    private static Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).migrations(migrations()).build();
    }

    private static boolean historyTableExists(TestDatabase db) throws Exception {
        return db.strings("select to_regclass('driftless_history') is not null").equals(List.of("t"));
    }

    @Test
    void withoutAlignNamesTheBaselineRefusesAndSaysWhatToDo() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), false));
            String message = refused.getMessage();
            assertTrue(message.contains("rename constraint reading_meter_id_fkey on reading to"
                    + " fkcnyvxos14cif7awah3dxb0mn3"), message);
            assertTrue(message.contains("All 5 differences are only in name: baseline with align names"
                    + " (`driftless baseline --align-names`, `mvn driftless:baseline -Ddriftless.alignNames=true`,"
                    + " `Migrator.baseline(snapshot, force, true)`) to rename them in the database to the snapshot's"
                    + " names"), message);
            assertTrue(message.contains("cei.Reading.meter (column reading.meter_id): foreign key"
                    + " fkcnyvxos14cif7awah3dxb0mn3 to meter is reading_meter_id_fkey in the snapshot; to give the"
                    + " database the snapshot's name, baseline with align names (`driftless baseline --align-names`,"
                    + " `mvn driftless:baseline -Ddriftless.alignNames=true`, `Migrator.baseline(snapshot, force,"
                    + " true)`); to keep fkcnyvxos14cif7awah3dxb0mn3, name it in the entity: foreignKey ="
                    + " @ForeignKey(name = \"fkcnyvxos14cif7awah3dxb0mn3\") on the @JoinColumn that maps it, then"
                    + " freeze and baseline with the snapshot of the version that freezes"), message);
            assertTrue(message.contains("index idx4lp1g6s2vxhn8oab3rlmqm2je on reading (taken_at) is reading_taken_at_idx"
                    + " in the snapshot"), message);
            assertTrue(message.contains("name it in the entity: @Index(name = \"idx4lp1g6s2vxhn8oab3rlmqm2je\","
                    + " columnList = \"taken_at\") in the @Table(indexes = ...) of the entity of table reading"), message);
            assertTrue(message.contains("@UniqueConstraint(name = \"uk_meter_serial\", columnNames = {\"serial_no\"})"
                    + " in the @Table(uniqueConstraints = ...) of the entity of table meter"), message);
            assertTrue(message.contains("cei.Meter.site (column meter.site_id): foreign key fk_meter_site to site is"
                    + " meter_site_id_fkey in the snapshot"), message);
            // The advice list says the same, one line per name.
            DriftReport forced = migratorOnCopy(db).baseline(snapshot(), true);
            assertEquals(5, forced.advice().size(), forced.describe());

            assertEquals(sorted(BUILT_NAMES), names(db));
            assertFalse(historyTableExists(db));
            assertEquals(0, migrator(db).status().currentVersion());
        }
    }

    /** The same database built again, for a forced baseline that does not touch the first. */
    private static Migrator migratorOnCopy(TestDatabase db) throws Exception {
        TestDatabase copy = PostgresFixture.shared().createDatabase();
        copies.add(copy);
        copy.execute(SCHEMA);
        return migrator(copy);
    }

    private static final List<TestDatabase> copies = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void dropCopies() {
        copies.forEach(TestDatabase::close);
    }

    @Test
    void alignedBaselineGivesTheSnapshotsNamesAndTheNextVersionApplies() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            Migrator migrator = migrator(db);
            BaselineResult result = migrator.baseline(snapshot(), false, true);
            assertEquals(List.of(), result.report().differences(), result.report().describe());
            assertEquals(List.of("rename constraint uk_meter_serial on meter to meter_serial_no_key",
                    "rename constraint fk_meter_site on meter to meter_site_id_fkey",
                    "rename constraint fkcnyvxos14cif7awah3dxb0mn3 on reading to reading_meter_id_fkey",
                    "rename index idx4lp1g6s2vxhn8oab3rlmqm2je on reading to reading_taken_at_idx",
                    "rename constraint ukq7xkr1d0a8iqk2m6gq3b1j0 on site to site_code_key"),
                    result.aligned().stream().map(Operation::describe).toList());

            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
            assertEquals(ROWS, rows(db));
            assertEquals(List.of("1 true"), db.strings("select version || ' ' || baselined from driftless_history"));
            DriftReport check = migrator.checkDrift(snapshot());
            assertFalse(check.drifted(), check.describe());
            assertEquals(List.of(), check.accepted());

            // Version 2 drops and re-creates the foreign key, drops the index and the unique constraint.
            assertEquals(List.of(2), migrator.migrate().applied().stream().map(AppliedVersion::version).toList());
            DriftReport v2 = migrator.checkDrift(new Snapshot(2, model(true)));
            assertFalse(v2.drifted(), v2.describe());
            assertEquals(ROWS, rows(db));
            assertEquals(List.of("c"), db.strings("select confdeltype from pg_catalog.pg_constraint"
                    + " where conname = 'reading_meter_id_fkey'"));
            db.execute("delete from meter where id = 11");
            assertEquals(List.of("100"), db.strings("select id from reading"));
        }
    }

    @Test
    void aNameThatNeedsQuotesIsAdvisedQuotedAndRenamedFromAsItIs() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            db.execute("alter table meter rename constraint fk_meter_site to \"FK_Meter Site\"");
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), false));
            assertTrue(refused.getMessage().contains("foreignKey = @ForeignKey(name = \"\\\"FK_Meter Site\\\"\") on the"
                    + " @JoinColumn that maps it"), refused.getMessage());
            assertTrue(migrator(db).baseline(snapshot(), false, true).aligned().stream().map(Operation::describe)
                    .toList().contains("rename constraint FK_Meter Site on meter to meter_site_id_fkey"));
            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
        }
    }

    @Test
    void withOtherDifferencesAlignNamesRefusesWithoutForceAndAcceptsTheRestWithIt() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            db.execute("alter table reading add column note text");
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), false, true));
            String message = refused.getMessage();
            assertTrue(message.contains("(1 difference; each is the change that would turn the snapshot into the"
                    + " database):\n  add column reading.note text"), message);
            assertFalse(message.contains("rename constraint"), message);
            assertTrue(message.contains("Nothing was recorded and no name was changed: aligning names renames only the"
                    + " 5 differences in name; make the rest match (or the mapping, as above), or baseline with force as"
                    + " well to rename those and accept the rest"), message);
            assertEquals(sorted(BUILT_NAMES), names(db));
            assertFalse(historyTableExists(db));

            Migrator migrator = migrator(db);
            BaselineResult result = migrator.baseline(snapshot(), true, true);
            assertEquals(5, result.aligned().size());
            assertEquals(List.of("add column reading.note text"),
                    result.report().differences().stream().map(Operation::describe).toList());
            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
            DriftReport check = migrator.checkDrift(snapshot());
            assertFalse(check.drifted(), check.describe());
            assertEquals(List.of("add column reading.note text"), check.accepted());
            assertEquals(List.of(2), migrator.migrate().applied().stream().map(AppliedVersion::version).toList());
            assertEquals(ROWS, rows(db));
        }
    }

    @Test
    void aNameAnotherObjectHoldsRefusesBeforeAnythingChanges() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            // The unique constraint's index would take a relation's name; the foreign key a constraint's.
            db.execute("create index site_code_key on meter (serial_no)",
                    "alter table reading add constraint reading_meter_id_fkey check (kwh >= 0)");
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), true, true));
            String message = refused.getMessage();
            assertTrue(message.startsWith("cannot align the names: 2 of the 5 renames would take a name another object"
                    + " of the database holds:"), message);
            assertTrue(message.contains("rename constraint fkcnyvxos14cif7awah3dxb0mn3 on reading to"
                    + " reading_meter_id_fkey: the name is taken by check constraint reading_meter_id_fkey on reading"),
                    message);
            assertTrue(message.contains("rename constraint ukq7xkr1d0a8iqk2m6gq3b1j0 on site to site_code_key: the name"
                    + " is taken by index site_code_key on meter of the same schema"), message);
            assertTrue(message.contains("Nothing was changed or recorded."), message);
            assertFalse(historyTableExists(db));
            assertEquals(List.of("site_code_key", "uk_meter_serial"), db.strings("select indexrelid::regclass::text"
                    + " from pg_catalog.pg_index where indrelid = 'meter'::regclass and not indisprimary order by 1"));
            assertEquals(List.of("fkcnyvxos14cif7awah3dxb0mn3 f", "reading_meter_id_fkey c", "reading_pkey p"),
                    db.strings("select conname || ' ' || contype::text from pg_catalog.pg_constraint where conrelid ="
                            + " 'reading'::regclass and contype <> 'n' order by 1"));
            assertEquals(ROWS, rows(db));
        }
    }

    @Test
    void aBusyTableIsWaitedForUnderTheLockTimeoutNotForEver() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations())
                    .ddlLockTimeout(Duration.ofMillis(100)).ddlLockRetries(1).build();
            try (Connection reader = db.connect(); Statement st = reader.createStatement()) {
                reader.setAutoCommit(false);
                st.executeQuery("select count(*) from reading").close();
                long start = System.nanoTime();
                MigrationException failed = assertThrows(MigrationException.class,
                        () -> migrator.baseline(snapshot(), false, true));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "it gave up in time");
                assertTrue(failed.getMessage().startsWith("baseline failed and was rolled back, nothing was renamed or"
                        + " recorded: "), failed.getMessage());
                assertTrue(failed.getMessage().contains("(gave up after 2 attempts of 100 ms each"), failed.getMessage());
                reader.rollback();
            }
            assertEquals(sorted(BUILT_NAMES), names(db));
            assertEquals(List.of(), db.strings("select version from driftless_history"));

            // Once the table is free, the same baseline goes through.
            assertEquals(5, migrator.baseline(snapshot(), false, true).aligned().size());
            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
        }
    }
}
