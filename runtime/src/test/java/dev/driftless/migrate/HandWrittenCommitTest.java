package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions.Version;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-written step that ends the transaction ({@code COMMIT}, {@code ROLLBACK}, ...) would
 * commit the statements before it without the version's history row, and the version's failure
 * would then say that none of its statements took effect. Such a version is refused before any of
 * its statements runs.
 */
class HandWrittenCommitTest {

    private static final Version TABLE = new Version(1, "meter", List.of("create table meter (id bigint primary key)"),
            List.of("drop table meter"));

    @Test
    void aHandWrittenCommitDoesNotLetPartOfAVersionCommitWithoutItsRow() throws Exception {
        for (String ends : List.of("COMMIT", "end transaction", "ROLLBACK", "abort", "commit and chain",
                "/* c */ PREPARE TRANSACTION 'x'")) {
            var v = new Version(2, "commits", List.of(
                    "CREATE TABLE early (id int)",
                    ends,
                    "ALTER TABLE missing ADD COLUMN x int"), List.of());
            try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, v)).build();
                MigrationException e = assertThrows(MigrationException.class, m::migrate);
                assertTrue(e.getMessage().contains("statement 2 of 3 (" + ends + ") failed: it ends the transaction"),
                        e.getMessage());
                assertEquals("2D000", ((SQLException) e.getCause()).getSQLState());
                assertEquals(List.of(), db.strings("select relname::text from pg_class where relname = 'early'"),
                        e.getMessage());
                assertEquals(1, m.status().currentVersion());
            }
        }
    }

    @Test
    void aSavepointAndARollbackToItStayInTheVersionsTransaction() throws Exception {
        var v = new Version(2, "savepoint", List.of(
                "CREATE TABLE kept (id int)",
                "SAVEPOINT s",
                "CREATE TABLE undone (id int)",
                "ROLLBACK TO SAVEPOINT s",
                "rollback to s"), List.of());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, v)).build();
            assertEquals(2, m.migrate().currentVersion());
            assertEquals(List.of("kept"), db.strings("select relname::text from pg_class where relname in ('kept', 'undone')"));
        }
    }

    /** A version whose Java step runs {@code step}. */
    private record WithJavaStep(JavaStep step) implements Migration {
        @Override
        public int version() {
            return 2;
        }

        @Override
        public String description() {
            return "java";
        }

        @Override
        public String checksum() {
            return "test:java";
        }

        @Override
        public List<String> up() {
            return List.of("CREATE TABLE early (id int)", "-- driftless:java example.Step",
                    "ALTER TABLE missing ADD COLUMN x int");
        }

        @Override
        public List<String> down() {
            return List.of();
        }

        @Override
        public JavaStep javaStep(String className) {
            return step;
        }
    }

    @Test
    void aJavaStepThatCommitsOrRollsBackTheVersionsTransactionIsRefusedAndLeavesNothing() throws Exception {
        for (JavaStep step : List.<JavaStep>of(java.sql.Connection::commit, java.sql.Connection::rollback, c -> c.setAutoCommit(true))) {
            try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                Migrator m = Migrator.builder(db.dataSource()).migrations(List.of(TABLE, new WithJavaStep(step))).build();
                MigrationException e = assertThrows(MigrationException.class, m::migrate);
                assertTrue(e.getMessage().contains("statement 2 of 3 (Java step example.Step) failed"), e.getMessage());
                assertTrue(e.getMessage().contains("leave the version's transaction alone"), e.getMessage());
                assertEquals(List.of(), db.strings("select relname::text from pg_class where relname = 'early'"),
                        e.getMessage());
            }
        }
    }
}
