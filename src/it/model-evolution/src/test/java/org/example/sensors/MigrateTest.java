package org.example.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.migrate.Driftless;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MigrateTest {

    @Test
    void theFrozenVersionsApplyAndTheRenameKeepsTheRows() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).build();
            assertEquals(2, migrator.migrateTo(2).currentVersion());
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("insert into sensor (name, location) values ('barn', 'north wing')");
            }
            MigrateResult result = migrator.migrate();
            assertEquals(3, result.currentVersion());
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select site, format_type(atttypid, atttypmod) from sensor,"
                            + " pg_attribute where attrelid = 'sensor'::regclass and attname = 'site'")) {
                rs.next();
                assertEquals("north wing", rs.getString(1));
                assertEquals("character varying(120)", rs.getString(2));
            }
            assertEquals(0, Driftless.migrate(db.dataSource()).applied().size());
            // The migrated database is the frozen snapshot.
            assertEquals(false, migrator.checkDrift(Migrator.snapshotOnClassPath().orElseThrow()).drifted());
        }
    }
}
