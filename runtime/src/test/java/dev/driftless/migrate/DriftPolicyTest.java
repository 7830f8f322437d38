package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift check a service can ask for at start-up. */
class DriftPolicyTest {

    private static final FrozenVersion PLANNED =
            VersionPlan.next(History.EMPTY, SampleModels.energy(), "initial").orElseThrow();
    private static final List<Migration> VERSIONS =
            List.of(new Version(1, "initial", PLANNED.up(), PLANNED.down()));
    private static final Snapshot SNAPSHOT = new Snapshot(1, SampleModels.energy());

    private static Migrator migrator(TestDatabase db, DriftPolicy policy) {
        return Migrator.builder(db.dataSource()).migrations(VERSIONS).expectedSnapshot(SNAPSHOT)
                .driftPolicy(policy).build();
    }

    @Test
    void failStopsTheStartWhenTheSchemaDrifted() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(1, migrator(db, DriftPolicy.FAIL).migrate().currentVersion(), "no drift, no failure");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter table fact_energy_hourly drop constraint fact_energy_hourly_datasource_id_fkey");
            }
            var e = assertThrows(MigrationException.class, () -> migrator(db, DriftPolicy.FAIL).migrate());
            assertTrue(e.getMessage().contains("drop foreign key fact_energy_hourly_datasource_id_fkey"), e.getMessage());
            // Warn and ignore let the service start.
            assertTrue(migrator(db, DriftPolicy.WARN).migrate().upToDate());
            assertTrue(migrator(db, DriftPolicy.IGNORE).migrate().upToDate());
        }
    }

    @Test
    void failStopsTheStartOnATriggerMadeByHandAndAnInvalidIndex() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(1, migrator(db, DriftPolicy.FAIL).migrate().currentVersion());
            db.execute("create function keep_kwh() returns trigger language plpgsql as"
                            + " $$ begin new.energy_kwh := old.energy_kwh; return new; end $$",
                    "create trigger keep_kwh before update on fact_energy_hourly for each row execute function keep_kwh()");
            var e = assertThrows(MigrationException.class, () -> migrator(db, DriftPolicy.FAIL).migrate());
            assertTrue(e.getMessage().contains("trigger keep_kwh on fact_energy_hourly is neither in the model nor made by an applied version"), e.getMessage());

            db.execute("drop trigger keep_kwh on fact_energy_hourly",
                    "insert into datasource (external_id, name) values ('a', 'same'), ('b', 'same')");
            assertThrows(java.sql.SQLException.class,
                    () -> db.execute("create unique index concurrently datasource_name_key on datasource (name)"));
            e = assertThrows(MigrationException.class, () -> migrator(db, DriftPolicy.FAIL).migrate());
            assertTrue(e.getMessage().contains("index datasource_name_key on datasource is invalid"), e.getMessage());
            assertTrue(migrator(db, DriftPolicy.WARN).migrate().upToDate());
        }
    }
}
