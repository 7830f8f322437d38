package org.example.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.migrate.Driftless;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class MigrateTest {

    @Test
    void bothFrozenVersionsApply() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            MigrateResult result = Driftless.migrate(db.dataSource());
            assertEquals(2, result.currentVersion());
            assertEquals(2, result.applied().size());
            try (var c = db.connect(); var st = c.createStatement();
                    ResultSet rs = st.executeQuery("select format_type(atttypid, atttypmod) from pg_attribute"
                            + " where attrelid = 'sensor'::regclass and attname = 'location'")) {
                rs.next();
                assertEquals("character varying(120)", rs.getString(1));
            }
            assertEquals(0, Driftless.migrate(db.dataSource()).applied().size());
        }
    }
}
