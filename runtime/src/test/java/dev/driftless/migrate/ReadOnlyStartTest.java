package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A start on a connection that may not write (a hot standby, {@code default_transaction_read_only}):
 * with nothing to do it succeeds, since it only reads the history; with a version pending it fails,
 * saying why, and leaves the history as it was.
 */
class ReadOnlyStartTest {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresFixture.shared().createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private DataSource readOnly() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setOptions("-c default_transaction_read_only=on");
        return dataSource;
    }

    @Test
    void aStartWithNothingToDoSucceedsOnAReadOnlyConnection() throws Exception {
        Migrator.builder(database.dataSource()).migrations(List.of(SampleVersions.METER, SampleVersions.READING))
                .build().migrate();

        MigrateResult result = Migrator.builder(readOnly())
                .migrations(List.of(SampleVersions.METER, SampleVersions.READING)).build().migrate();

        assertEquals(List.of(), result.applied());
        assertEquals(2, result.currentVersion());
    }

    @Test
    void aPendingVersionOnAReadOnlyConnectionFailsAndChangesNothing() throws Exception {
        Migrator.builder(database.dataSource()).migrations(List.of(SampleVersions.METER, SampleVersions.READING))
                .build().migrate();

        MigrationException failure = assertThrows(MigrationException.class, () -> Migrator.builder(readOnly())
                .migrations(List.of(SampleVersions.METER, SampleVersions.READING, NoOpStartTest.FOURTH)).build()
                .migrate());

        assertTrue(failure.getMessage().contains("the connection may not write") && failure.getMessage().contains("primary"),
                failure.getMessage());
        assertEquals(List.of("1", "2"), database.strings("select version from driftless_history order by version"));
        assertEquals(List.of("0"), database.strings("select count(*) from information_schema.columns"
                + " where table_name = 'meter' and column_name = 'note'"));
    }
}
