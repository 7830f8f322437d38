package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.SampleModels;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a drift check costs the server: one connection, and the catalog read in two round trips. */
class DriftCheckRoundTripsTest {

    private static final FrozenVersion PLANNED =
            VersionPlan.next(History.EMPTY, SampleModels.energy(), "initial").orElseThrow();
    private static final List<Migration> VERSIONS =
            List.of(new Version(1, "initial", PLANNED.up(), PLANNED.down()));
    private static final Snapshot SNAPSHOT = new Snapshot(1, SampleModels.energy());

    @Test
    void aCheckOpensOneConnectionAndReadsTheCatalogInTwoRoundTrips() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            var counting = new CountingDataSource(db.dataSource());
            Migrator migrator = Migrator.builder(counting).migrations(VERSIONS).build();
            migrator.migrate();
            counting.reset();

            DriftReport clean = migrator.checkDrift(SNAPSHOT);
            assertFalse(clean.drifted(), clean.describe());
            assertEquals(1, counting.connections(), "the history and the catalog are read on one connection");
            List<String> catalog = counting.calls().stream().filter(c -> c.contains("pg_catalog.pg_attribute")
                    || c.contains("pg_catalog.pg_trigger") || c.contains("pg_catalog.pg_sequence")).toList();
            assertEquals(2, catalog.size(), "the namespaces' batch and the tables' batch: " + counting.calls());

            // The batches still see what changed by hand, of every kind they read.
            db.execute("alter table fact_energy_hourly drop constraint fact_energy_hourly_datasource_id_fkey",
                    "create sequence hand_seq",
                    "create function keep_kwh() returns trigger language plpgsql as"
                            + " $$ begin new.energy_kwh := old.energy_kwh; return new; end $$",
                    "create trigger keep_kwh before update on fact_energy_hourly for each row execute function keep_kwh()");
            DriftReport drifted = migrator.checkDrift(SNAPSHOT);
            String text = drifted.describe();
            assertTrue(text.contains("drop foreign key fact_energy_hourly_datasource_id_fkey"), text);
            assertTrue(text.contains("hand_seq"), text);
            assertTrue(text.contains("trigger keep_kwh on fact_energy_hourly"), text);
        }
    }
}
