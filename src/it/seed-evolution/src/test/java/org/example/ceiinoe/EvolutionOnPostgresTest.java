package org.example.ceiinoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The seven frozen versions on a real PostgreSQL, one step at a time, up and then down. Before each
 * step rows go into every table (under the names of the version the database is at); after each
 * step every row written so far is read back under the names of the new version.
 */
class EvolutionOnPostgresTest {

    private static final int LAST = 7;

    private record Source(long id, String externalId, String name) {}
    private record Batch(UUID id, long source, String filename) {}
    private record Energy(long source, UUID batch, LocalDateTime ts, double kwh) {}
    private record Dairy(long source, UUID batch, LocalDateTime ts, BigDecimal liters, BigDecimal quality) {}
    private record Water(long source, UUID batch, LocalDateTime ts, BigDecimal liters) {}

    private final List<Source> sources = new ArrayList<>();
    private final List<Batch> batches = new ArrayList<>();
    private final List<Energy> energy = new ArrayList<>();
    private final List<Dairy> dairy = new ArrayList<>();
    private final List<Water> water = new ArrayList<>();
    private int written;

    @Test
    void everyVersionUpAndDownKeepsTheRows() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            Migrator migrator = Migrator.builder(db.dataSource()).build();
            assertEquals(LAST, migrator.latestVersion());
            for (int v = 1; v <= LAST; v++) {
                if (v > 1) {
                    write(c, v - 1);
                }
                assertEquals(v, migrator.migrateTo(v).currentVersion());
                assertEquals(expected(v), read(c, v), "rows after migrating to version " + v);
                checkVersion(c, v);
            }
            assertFalse(migrator.checkDrift(Migrator.snapshotOnClassPath().orElseThrow()).drifted());
            for (int v = LAST - 1; v >= 1; v--) {
                write(c, v + 1);
                // Forced: the rows written into what the down drops go with it.
                assertEquals(v, migrator.downgradeTo(v, true).currentVersion());
                assertEquals(expected(v), read(c, v), "rows after downgrading to version " + v);
            }
            assertEquals(0, migrator.downgradeTo(0, true).currentVersion());
            assertEquals(List.of(), strings(c, "select tablename from pg_tables where schemaname = 'public'"
                    + " and tablename <> 'driftless_history'"));
        }
    }

    // ---- the names each version uses ----

    private static String sourceTable(int v) {
        return v >= 2 ? "datasource" : "device";
    }

    private static String batchTable(int v) {
        return v >= 2 ? "ingest_batch" : "ingest_file";
    }

    private static String sourceColumn(int v) {
        return v >= 2 ? "datasource_id" : "device_id";
    }

    private static String batchColumn(int v) {
        return v >= 2 ? "batch_id" : "file_id";
    }

    private static String kwhColumn(int v) {
        return v >= 4 ? "kwh" : "energy_kwh";
    }

    /**
     * The column a writer uses: from the expand (4) to before the contract (7) the instances of the
     * previous application version still write energy_kwh, every other row here.
     */
    private String kwhWritten(int v) {
        return v >= 4 && v < 7 && written % 2 == 1 ? "energy_kwh" : kwhColumn(v);
    }

    // ---- writing and reading ----

    /** One new row in every table the database at version {@code v} has. */
    private void write(Connection c, int v) throws SQLException {
        int n = ++written;
        var source = new Source(0, "meter-" + n, "Barn meter " + n);
        long sourceId;
        try (PreparedStatement st = c.prepareStatement("insert into " + sourceTable(v)
                + " (external_id, name) values (?, ?) returning id")) {
            st.setString(1, source.externalId());
            st.setString(2, source.name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                sourceId = rs.getLong(1);
            }
        }
        sources.add(new Source(sourceId, source.externalId(), source.name()));
        var batch = new Batch(new UUID(2024, n), sourceId, "export_" + n + ".csv");
        update(c, "insert into " + batchTable(v) + " (" + batchColumn(v) + ", " + sourceColumn(v)
                + ", filename, started_at) values (?, ?, ?, now())", batch.id(), sourceId, batch.filename());
        batches.add(batch);
        LocalDateTime ts = LocalDateTime.of(2024, 1 + n % 3, 1 + n, n % 24, 0);
        var hour = new Energy(sourceId, batch.id(), ts, 10 + n + 0.25);
        update(c, "insert into fact_energy_hourly (" + sourceColumn(v) + ", " + batchColumn(v) + ", ts, " + kwhWritten(v)
                + ") values (?, ?, ?, ?)", hour.source(), hour.batch(), hour.ts(), hour.kwh());
        energy.add(hour);
        // A second reading of the same meter in the same month, for the monthly view.
        var later = new Energy(sourceId, batch.id(), ts.plusHours(1), 0.5);
        update(c, "insert into fact_energy_hourly (" + sourceColumn(v) + ", " + batchColumn(v) + ", ts, " + kwhWritten(v)
                + ") values (?, ?, ?, ?)", later.source(), later.batch(), later.ts(), later.kwh());
        energy.add(later);
        BigDecimal quality = v >= 3 ? new BigDecimal(n + ".50") : null;
        var milking = new Dairy(sourceId, batch.id(), ts, new BigDecimal(500 + n + ".40"), quality);
        if (v >= 3) {
            update(c, "insert into dairy_production (" + sourceColumn(v) + ", " + batchColumn(v)
                    + ", ts, milk_liters, quality_score) values (?, ?, ?, ?, ?)", milking.source(), milking.batch(),
                    milking.ts(), milking.liters(), milking.quality());
        } else {
            update(c, "insert into dairy_production (" + sourceColumn(v) + ", " + batchColumn(v)
                    + ", ts, milk_liters) values (?, ?, ?, ?)", milking.source(), milking.batch(), milking.ts(),
                    milking.liters());
        }
        dairy.add(milking);
        if (v >= 5) {
            var reading = new Water(sourceId, batch.id(), ts, new BigDecimal(n + ".75"));
            update(c, "insert into water_consumption (datasource_id, source_file, ts, liters) values (?, ?, ?, ?)",
                    reading.source(), reading.batch(), reading.ts(), reading.liters());
            water.add(reading);
        }
    }

    /** Every row written so far, as the database at version {@code v} should hold it, one line each, sorted. */
    private List<String> expected(int v) {
        var out = new ArrayList<String>();
        sources.forEach(s -> out.add("source " + s.id() + " " + s.externalId() + " " + s.name()));
        batches.forEach(b -> out.add("batch " + b.id() + " source " + b.source() + " " + b.filename()));
        energy.forEach(e -> out.add("energy source " + e.source() + " batch " + e.batch() + " " + e.ts() + " " + e.kwh()));
        // quality_score exists from version 3; going below it drops the column and its values.
        dairy.forEach(d -> out.add("dairy source " + d.source() + " batch " + d.batch() + " " + d.ts() + " "
                + d.liters() + (v >= 3 ? " quality " + d.quality() : "")));
        if (v >= 5) {
            water.forEach(w -> out.add("water source " + w.source() + " batch " + w.batch() + " " + w.ts() + " "
                    + w.liters()));
        }
        return out.stream().sorted().toList();
    }

    private static List<String> read(Connection c, int v) throws SQLException {
        var out = new ArrayList<String>();
        out.addAll(strings(c, "select 'source ' || id || ' ' || external_id || ' ' || name from " + sourceTable(v)));
        out.addAll(strings(c, "select 'batch ' || " + batchColumn(v) + " || ' source ' || " + sourceColumn(v)
                + " || ' ' || filename from " + batchTable(v)));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select " + sourceColumn(v) + ", "
                + batchColumn(v) + ", ts, " + kwhColumn(v) + " from fact_energy_hourly")) {
            while (rs.next()) {
                out.add("energy source " + rs.getLong(1) + " batch " + rs.getObject(2) + " "
                        + rs.getObject(3, LocalDateTime.class) + " " + rs.getDouble(4));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select " + sourceColumn(v) + ", "
                + batchColumn(v) + ", ts, milk_liters" + (v >= 3 ? ", quality_score" : "") + " from dairy_production")) {
            while (rs.next()) {
                out.add("dairy source " + rs.getLong(1) + " batch " + rs.getObject(2) + " "
                        + rs.getObject(3, LocalDateTime.class) + " " + rs.getBigDecimal(4)
                        + (v >= 3 ? " quality " + rs.getBigDecimal(5) : ""));
            }
        }
        if (v >= 5) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select datasource_id, source_file, ts, liters, created_at is not null from water_consumption")) {
                while (rs.next()) {
                    assertEquals(true, rs.getBoolean(5), "created_at comes from its default");
                    out.add("water source " + rs.getLong(1) + " batch " + rs.getObject(2) + " "
                            + rs.getObject(3, LocalDateTime.class) + " " + rs.getBigDecimal(4));
                }
            }
        }
        return out.stream().sorted().toList();
    }

    /** What each version added besides rows: the comment, the indexes, the view's figures. */
    private void checkVersion(Connection c, int v) throws SQLException {
        if (v >= 4 && v < 7) {
            // During the online rename both names hold every reading, whichever name wrote it.
            assertEquals(List.of(energy.size() + " 0"), strings(c, "select count(*) || ' ' || count(*) filter (where"
                    + " energy_kwh is distinct from kwh) from fact_energy_hourly"));
        }
        if (v == 7) {
            assertEquals(List.of(), strings(c, "select tgname from pg_trigger where not tgisinternal"));
        }
        if (v == 3) {
            assertEquals(List.of("numeric(4,2) Calculated milk quality score (0-100)"), strings(c,
                    "select format_type(atttypid, atttypmod) || ' ' || col_description(attrelid, attnum)"
                            + " from pg_attribute where attrelid = 'dairy_production'::regclass and attname = 'quality_score'"));
        }
        if (v == 5) {
            assertEquals(List.of("idx_water_consumption_device (datasource_id)", "idx_water_consumption_ts (ts)"),
                    strings(c, "select indexname || ' ' || substring(indexdef from '\\(.*\\)') from pg_indexes"
                            + " where tablename = 'water_consumption' and indexname like 'idx_%' order by 1"));
        }
        if (v == 6) {
            var sums = new TreeMap<String, double[]>();
            for (Energy e : energy) {
                String key = e.ts().toLocalDate().withDayOfMonth(1) + " " + e.source();
                double[] s = sums.computeIfAbsent(key, k -> new double[2]);
                s[0] += e.kwh();
                s[1]++;
            }
            var expected = new ArrayList<String>();
            for (Map.Entry<String, double[]> s : sums.entrySet()) {
                expected.add(s.getKey() + " " + s.getValue()[0] + " " + (long) s.getValue()[1]);
            }
            var found = new ArrayList<String>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select month, datasource_id, total_kwh, reading_count from v_energy_monthly")) {
                while (rs.next()) {
                    found.add(rs.getDate(1).toLocalDate() + " " + rs.getLong(2) + " " + rs.getDouble(3) + " "
                            + rs.getLong(4));
                }
            }
            assertEquals(expected, found.stream().sorted().toList(), "v_energy_monthly sums the hourly readings");
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        var out = new ArrayList<String>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
