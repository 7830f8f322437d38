package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data check of a downgrade looks at the schema before any down runs. A later version's down
 * that renames an object back gives an earlier down's drop a name that is not there yet: that drop
 * cannot be judged, so it is refused unless forced, never let through.
 */
class DowngradeThroughRenameTest {

    private static final Version USERS = new Version(1, "users", List.of("create table users (id integer primary key)"),
            List.of("drop table users"));
    private static final Version NICK = new Version(2, "nick", List.of("alter table users add column nick text"),
            List.of("alter table users drop column nick"));
    private static final Version RENAME = new Version(3, "nickname",
            List.of("alter table users rename column nick to nickname"),
            List.of("alter table users rename column nickname to nick"));

    @Test
    void aDropOfAColumnALaterVersionRenamedIsRefusedUnlessForced() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(USERS, NICK, RENAME)).build();
            migrator.migrate();
            db.execute("insert into users (id, nickname) values (1, 'ada'), (2, 'bob')");

            var refused = assertThrows(MigrationException.class, () -> migrator.downgradeTo(1));
            assertTrue(refused.getMessage().contains("drops column users.nick, which is not there now"),
                    refused.getMessage());
            assertEquals(List.of("1|ada", "2|bob"), db.strings("select id || '|' || nickname from users order by id"),
                    "nothing was executed");
            assertEquals(List.of("1", "2", "3"), db.strings("select version from driftless_history where success"
                    + " order by version"));

            assertEquals(1, migrator.downgradeTo(1, true).currentVersion());
            assertEquals(List.of("id"), db.strings("select column_name from information_schema.columns"
                    + " where table_name = 'users' order by ordinal_position"));
        }
    }
}
