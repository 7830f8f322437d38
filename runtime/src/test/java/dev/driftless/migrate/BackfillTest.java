package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class BackfillTest {

    @Test
    void fillsEveryPendingRowInBatchesAndContinuesWhereItStopped() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("create table fact_energy_hourly (id int primary key, energy_kwh float8, kwh float8)");
            st.execute("insert into fact_energy_hourly select g, g * 1.5, null from generate_series(1, 25) g");
            st.execute("update fact_energy_hourly set kwh = energy_kwh where id <= 4"); // a run that stopped early

            Backfill fill = Backfill.of("fact_energy_hourly").set("kwh = energy_kwh").where("kwh IS NULL").batchSize(10);
            assertEquals("UPDATE fact_energy_hourly SET kwh = energy_kwh WHERE ctid = ANY (ARRAY(SELECT ctid FROM"
                    + " fact_energy_hourly WHERE kwh IS NULL LIMIT 10))", fill.batchStatement());
            assertEquals(21, fill.run(c));
            try (ResultSet rs = st.executeQuery("select count(*) filter (where kwh = energy_kwh), count(*)"
                    + " from fact_energy_hourly")) {
                rs.next();
                assertEquals(25, rs.getInt(1));
                assertEquals(25, rs.getInt(2));
            }
            assertEquals(0, fill.run(c), "a second run finds nothing left");
        }
    }

    @Test
    void aBackfillWithoutItsClausesOrWithAnEmptyBatchIsRefused() {
        assertThrows(IllegalStateException.class, () -> Backfill.of("t").set("a = b").batchStatement());
        assertThrows(IllegalArgumentException.class, () -> Backfill.of("t").batchSize(0));
    }
}
