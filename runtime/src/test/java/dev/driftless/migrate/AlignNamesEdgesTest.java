package dev.driftless.migrate;

import static dev.driftless.migrate.HibernateNamedDatabase.BUILT_NAMES;
import static dev.driftless.migrate.HibernateNamedDatabase.ROWS;
import static dev.driftless.migrate.HibernateNamedDatabase.SCHEMA;
import static dev.driftless.migrate.HibernateNamedDatabase.SNAPSHOT_NAMES;
import static dev.driftless.migrate.HibernateNamedDatabase.migrations;
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
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A baseline that aligns names where it is easiest to get wrong: in a tenant's schema beside a
 * table of the same name elsewhere, a primary key other tables' foreign keys depend on, a failure
 * after the renames (all or nothing), a lock that frees itself between attempts.
 */
class AlignNamesEdgesTest {

    private static Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).migrations(migrations()).build();
    }

    @Test
    void inATenantsSchemaOnlyThatSchemasNamesAreAligned() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            var tenant = new ArrayList<String>(List.of("create schema \"Tenant One\"", "set search_path to \"Tenant One\""));
            tenant.addAll(List.of(SCHEMA));
            db.execute(tenant.toArray(String[]::new));
            Migrator migrator = Migrator.builder(db.dataSource()).schema("Tenant One").migrations(migrations()).build();

            BaselineResult result = migrator.baseline(snapshot(), false, true);

            assertEquals(5, result.aligned().size());
            assertEquals(sorted(BUILT_NAMES), names(db), "the tables of the same names in public are untouched");
            assertEquals(List.of("meter_pkey", "meter_serial_no_key", "meter_site_id_fkey", "reading_meter_id_fkey",
                    "reading_pkey", "site_code_key", "site_pkey"), db.strings("select conname from pg_catalog.pg_constraint"
                    + " where connamespace = '\"Tenant One\"'::regnamespace and contype <> 'n'"
                    + " and conname <> 'driftless_history_pkey' order by 1"));
            assertEquals(List.of("reading_taken_at_idx"), db.strings("select c.relname from pg_catalog.pg_index i join"
                    + " pg_catalog.pg_class c on c.oid = i.indexrelid where c.relnamespace = '\"Tenant One\"'::regnamespace"
                    + " and c.relname like 'reading%' and not i.indisprimary"));
            assertFalse(migrator.checkDrift(snapshot()).drifted());
        }
    }

    @Test
    void aPrimaryKeyOthersReferToIsRenamedWithItsIndex() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            db.execute("alter table meter rename constraint meter_pkey to \"PK_Meter\"");
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), false));
            assertTrue(refused.getMessage().contains("primary key PK_Meter on meter is meter_pkey in the snapshot:"
                    + " baseline with align names"), refused.getMessage());

            BaselineResult result = migrator(db).baseline(snapshot(), false, true);

            assertTrue(result.aligned().stream().map(Operation::describe).toList()
                    .contains("rename constraint PK_Meter on meter to meter_pkey"), result.aligned().toString());
            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
            assertEquals(List.of("meter_pkey"), db.strings("select indexrelid::regclass::text from pg_catalog.pg_index"
                    + " where indrelid = 'meter'::regclass and indisprimary"));
            assertEquals(ROWS, rows(db));
            assertFalse(migrator(db).checkDrift(snapshot()).drifted());
        }
    }

    @Test
    void aFailedHistoryInsertUndoesTheRenames() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            try (Connection c = db.connect()) {
                SchemaHistory.createHistoryTable(c, "driftless_history");
            }
            db.execute("create function refuse() returns trigger language plpgsql as $$ begin"
                    + " raise exception 'the history is full'; end $$",
                    "create trigger refuse before insert on driftless_history for each row execute function refuse()");

            MigrationException failed = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), false, true));

            assertTrue(failed.getMessage().contains("the history is full"), failed.getMessage());
            assertEquals(sorted(BUILT_NAMES), names(db), "the renames went with the failed insert");
            assertEquals(List.of(), db.strings("select version from driftless_history"));
            assertEquals(ROWS, rows(db));
        }
    }

    @Test
    void aLockFreedBetweenAttemptsIsRetriedAndRecordedOnce() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations())
                    .ddlLockTimeout(Duration.ofMillis(200)).ddlLockRetries(30).build();
            var holding = new CountDownLatch(1);
            var failure = new Exception[1];
            Thread reader = new Thread(() -> {
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    c.setAutoCommit(false);
                    st.executeQuery("select count(*) from meter").close();
                    holding.countDown();
                    Thread.sleep(1500);
                    c.rollback();
                } catch (Exception e) {
                    failure[0] = e;
                    holding.countDown();
                }
            });
            reader.start();
            holding.await();

            BaselineResult result = migrator.baseline(snapshot(), false, true);
            reader.join();

            assertEquals(null, failure[0]);
            assertEquals(5, result.aligned().size());
            assertEquals(sorted(SNAPSHOT_NAMES), names(db));
            assertEquals(List.of("1 true"), db.strings("select version || ' ' || baselined from driftless_history"));
        }
    }

    @Test
    void namesThatSwapAreRefusedBeforeAnythingChanges() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            // The index of reading and the unique constraint of site hold each other's snapshot name.
            db.execute("alter index idx4lp1g6s2vxhn8oab3rlmqm2je rename to site_code_key_tmp",
                    "alter table site rename constraint ukq7xkr1d0a8iqk2m6gq3b1j0 to reading_taken_at_idx",
                    "alter index site_code_key_tmp rename to site_code_key");
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot(), true, true));
            assertTrue(refused.getMessage().startsWith("cannot align the names: 2 of the 5 renames"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Nothing was changed or recorded."), refused.getMessage());
            assertEquals(List.of("f"), db.strings("select to_regclass('driftless_history') is not null"));
            assertEquals(List.of("reading_taken_at_idx", "site_code_key"), db.strings("select relname from"
                    + " pg_catalog.pg_class where relname in ('site_code_key', 'reading_taken_at_idx') order by 1"));
            assertEquals(ROWS, rows(db));
        }
    }

    @Test
    void aCheckItsChildTablesInheritStaysAcceptedAfterTheRename() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            db.execute("alter table reading add constraint ck_live check (kwh >= 0)");
            Snapshot snapshot;
            try (Connection c = db.connect()) {
                Table live = PostgresIntrospector.read(c, Set.of(), Set.of()).table(QualifiedName.of("reading"))
                        .orElseThrow();
                var tables = new ArrayList<Table>();
                for (Table t : snapshot().model().tables()) {
                    tables.add(!t.name().equals(live.name()) ? t : new Table(t.name(), t.columns(), t.primaryKey(),
                            t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                            List.of(new CheckConstraint("reading_kwh_check", live.checks().get(0).expression())),
                            t.comment()));
                }
                snapshot = new Snapshot(1, snapshot().model().withTables(tables), snapshot().mappedBy());
            }
            // A table the snapshot does not have inherits the check, as a partition does.
            db.execute("create table reading_archive (note text) inherits (reading)");
            Migrator migrator = migrator(db);

            BaselineResult result = migrator.baseline(snapshot, true, true);

            assertTrue(result.aligned().stream().map(Operation::describe).toList()
                    .contains("rename constraint ck_live on reading to reading_kwh_check"), result.aligned().toString());
            assertEquals(List.of("create table reading_archive"), result.report().differences().stream()
                    .map(Operation::describe).toList());
            DriftReport check = migrator.checkDrift(snapshot);
            assertFalse(check.drifted(), check.describe());
            assertEquals(List.of("create table reading_archive"), check.accepted());
        }
    }

    @Test
    void aRenameThatWouldLeaveTheDatabaseDifferentIsRolledBack() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            db.execute("alter table reading add constraint ck_live check (kwh >= 0)",
                    "create table reading_archive (note text) inherits (reading)");
            Snapshot snapshot;
            try (Connection c = db.connect()) {
                SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
                Table reading = live.table(QualifiedName.of("reading")).orElseThrow();
                var tables = new ArrayList<Table>();
                for (Table t : snapshot().model().tables()) {
                    tables.add(!t.name().equals(reading.name()) ? t : new Table(t.name(), t.columns(), t.primaryKey(),
                            t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                            List.of(new CheckConstraint("reading_kwh_check", reading.checks().get(0).expression())),
                            t.comment()));
                }
                // The snapshot has the child as the database has it, with its check named ck_live.
                tables.add(live.table(QualifiedName.of("reading_archive")).orElseThrow());
                snapshot = new Snapshot(1, snapshot().model().withTables(tables), snapshot().mappedBy());
            }

            MigrationException failed = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot, false, true));

            assertTrue(failed.getMessage().startsWith("baseline failed and was rolled back, nothing was renamed or"
                    + " recorded: recording the baseline failed: once the names were aligned the database still"
                    + " differs from the snapshot"), failed.getMessage());
            assertTrue(failed.getMessage().contains("reading_archive"), failed.getMessage());
            var built = new ArrayList<>(BUILT_NAMES);
            built.add("reading ck_live c");
            assertEquals(sorted(built), names(db));
            assertEquals(List.of("ck_live", "ck_live"), db.strings("select conname from pg_catalog.pg_constraint"
                    + " where contype = 'c' and conrelid in ('reading'::regclass, 'reading_archive'::regclass) order by 1"));
            assertEquals(List.of(), db.strings("select version from driftless_history"));
        }
    }

    @Test
    void aSnapshotNameLongerThanTheServerKeepsIsNotRecordedAsAligned() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(SCHEMA);
            String longName = "meter_site_id_fkey_" + "x".repeat(60);
            var tables = new ArrayList<Table>();
            for (Table t : snapshot().model().tables()) {
                tables.add(!t.name().equals(QualifiedName.of("meter")) ? t : new Table(t.name(), t.columns(),
                        t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys().stream()
                                .map(f -> new ForeignKey(longName, f.columns(), f.target(), f.targetColumns(),
                                        f.onDelete())).toList(), t.checks(), t.comment()));
            }
            Snapshot snapshot = new Snapshot(1, snapshot().model().withTables(tables), snapshot().mappedBy());

            // PostgreSQL cuts the new name to 63 bytes, which is still not the snapshot's.
            MigrationException failed = assertThrows(MigrationException.class,
                    () -> migrator(db).baseline(snapshot, false, true));

            assertTrue(failed.getMessage().contains("once the names were aligned the database still differs"),
                    failed.getMessage());
            assertEquals(sorted(BUILT_NAMES), names(db));
            assertEquals(List.of(), db.strings("select version from driftless_history"));
        }
    }
}
