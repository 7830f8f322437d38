package example.ceiinoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.history.Snapshot;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the example app's entities, compiled with the processor and frozen into its history
 * directory, migrate an empty PostgreSQL database; the catalog then holds seed 002's checklist.
 */
class ExampleAppMigrationTest {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void migratesAnEmptyDatabaseToTheModel() throws SQLException {
        MigrateResult result = Migrator.builder(db.dataSource()).build().migrate();
        assertEquals(1, result.applied().get(0).version());
        assertEquals(result.applied().size(), result.currentVersion());

        try (Connection c = db.connect()) {
            assertEquals(Set.of("dairy_production", "datasource", "driftless_history", "environmental_reading",
                    "fact_energy_daily", "fact_energy_hourly", "ingest_batch"),
                    strings(c, "select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace"));

            assertEquals(List.of(
                    "batch_id uuid not null",
                    "datasource_id bigint not null",
                    "filename character varying(500) not null",
                    "status character varying(20) not null",
                    "row_count integer null",
                    "started_at timestamp(6) with time zone not null",
                    "finished_at timestamp(6) with time zone null"),
                    columns(c, "ingest_batch"));
            assertEquals(List.of(
                    "id bigint not null",
                    "datasource_id bigint not null",
                    "batch_id uuid null",
                    "ts timestamp(6) without time zone not null",
                    "milk_liters numeric(12,2) null",
                    "fat_percent numeric(5,2) null",
                    "protein_percent numeric(5,2) null",
                    "animal_count integer null"),
                    columns(c, "dairy_production"));
            assertEquals(Set.of("datasource.id"),
                    strings(c, "select c.relname || '.' || a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid"
                            + " where a.attidentity = 'd' and c.relname = 'datasource'"));

            // Primary keys and unique constraints.
            Set<String> constraints = strings(c, "select conrelid::regclass::text || ' ' || contype::text || ' '"
                    + " || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace"
                    + " and conrelid::regclass::text <> 'driftless_history'");
            assertTrue(constraints.containsAll(Set.of(
                    "datasource p PRIMARY KEY (id)",
                    "datasource u UNIQUE (external_id)",
                    "ingest_batch p PRIMARY KEY (batch_id)",
                    "fact_energy_hourly u UNIQUE (datasource_id, ts)",
                    "fact_energy_daily u UNIQUE (datasource_id, day)")), constraints.toString());

            // Foreign keys: every fact table points at its datasource and its batch.
            for (String table : List.of("fact_energy_hourly", "fact_energy_daily", "dairy_production", "environmental_reading")) {
                assertTrue(constraints.contains(table + " f FOREIGN KEY (datasource_id) REFERENCES datasource(id)"), table);
                assertTrue(constraints.contains(table + " f FOREIGN KEY (batch_id) REFERENCES ingest_batch(batch_id)"), table);
            }
            assertTrue(constraints.contains("ingest_batch f FOREIGN KEY (datasource_id) REFERENCES datasource(id)"));

            // Indexes on the timestamp and foreign-key columns (seed 002's checklist).
            Set<String> indexes = strings(c, "select indexdef from pg_indexes where schemaname = 'public'");
            for (String expected : List.of(
                    "CREATE INDEX idx_ingest_batch_started_at ON public.ingest_batch USING btree (started_at DESC)",
                    "CREATE INDEX idx_ingest_batch_datasource ON public.ingest_batch USING btree (datasource_id)",
                    "CREATE INDEX idx_energy_hourly_ts ON public.fact_energy_hourly USING btree (ts)",
                    "CREATE INDEX idx_energy_hourly_batch ON public.fact_energy_hourly USING btree (batch_id)",
                    "CREATE INDEX idx_energy_daily_day ON public.fact_energy_daily USING btree (day)",
                    "CREATE INDEX idx_dairy_production_ts ON public.dairy_production USING btree (ts)",
                    "CREATE INDEX idx_dairy_production_datasource ON public.dairy_production USING btree (datasource_id)",
                    "CREATE INDEX idx_environmental_reading_ts ON public.environmental_reading USING btree (ts)",
                    "CREATE INDEX idx_environmental_reading_batch ON public.environmental_reading USING btree (batch_id)")) {
                assertTrue(indexes.contains(expected), expected + " in " + indexes);
            }
        }
    }

    @Test
    void theMigratedDatabaseIsExactlyTheFrozenSnapshot() {
        Migrator migrator = Migrator.builder(db.dataSource()).build();
        migrator.migrate();
        Snapshot snapshot = Migrator.snapshotOnClassPath().orElseThrow();
        assertEquals(migrator.latestVersion(), snapshot.version());
        assertEquals(6, snapshot.model().tables().size());
        DriftReport report = migrator.checkDrift(snapshot);
        assertEquals(List.of(), report.differences(), report.describe());
        assertTrue(!report.drifted(), report.describe());
    }

    @Test
    void theBootstrapAppliesOnceThenSaysNothingIsPending() {
        String first = bootstrap();
        assertTrue(first.contains("Applied version 1 (initial)"), first);
        String second = bootstrap();
        assertTrue(second.contains("Nothing to apply: the database is already at version"), second);
        assertTrue(!second.contains("Applied version"), second);
    }

    private String bootstrap() {
        var out = new ByteArrayOutputStream();
        int exit = ServiceBootstrap.run(db.dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        var out = new ArrayList<String>();
        try (var st = c.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull"
                + " from pg_attribute a where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped"
                + " order by a.attnum")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " not null" : " null"));
                }
            }
        }
        return out;
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        var out = new TreeSet<String>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
