package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.SampleVersions;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless docs} on a real database: the diagram of what is there, the versions with their state. */
class DocsCliTest {

    record Run(int exit, String out, String err) {}

    private static Run cli(TestDatabase db, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(args, Map.of("DRIFTLESS_JDBC_URL", db.jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                SampleVersions.all());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheDiagramOfTheLiveSchemaAndTheVersionsWithTheirState(@TempDir Path dir) throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            assertEquals(0, cli(db, "migrate", "--to", "2").exit());
            db.execute("create table \"Hand Made\" (\"Key\" text primary key)");
            Path out = dir.resolve("docs");

            Run docs = cli(db, "docs", "--out", out.toString());

            assertEquals(0, docs.exit(), docs.err());
            assertEquals("wrote " + out.resolve("schema.md") + " (3 tables) and " + out.resolve("changelog.md")
                    + " (3 versions, the database at version 2)\n", docs.out());
            String diagram = Files.readString(out.resolve("schema.md"));
            assertTrue(Files.readString(Path.of("..", "README.md")).contains("````markdown\n" + diagram + "````\n"),
                    "README.md shows this schema.md as it is written");
            assertEquals("""
                    # Schema of the database at version 2

                    ```mermaid
                    erDiagram
                        Hand_Made["Hand Made"] {
                            text Key PK "not null"
                        }
                        meter {
                            bigint id PK "not null"
                        }
                        reading {
                            bigint id PK "not null"
                            bigint meter_id FK
                        }
                        reading }o--o| meter : "reading_meter_id_fkey"
                    ```
                    """, Files.readString(out.resolve("schema.md")));
            String changelog = Files.readString(out.resolve("changelog.md"));
            assertTrue(changelog.startsWith("# Versions\n\n## Version 3: meter_serial\n\nPending.\n\n"), changelog);
            assertTrue(changelog.contains("| 1 | `alter table meter add column serial text` | ACCESS EXCLUSIVE: reads and"
                    + " writes wait |\n"), changelog);
            String appliedAt = db.strings("select to_char(applied_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                    + " from driftless_history where version = 2").get(0);
            assertTrue(changelog.contains("## Version 2: reading\n\nApplied " + appliedAt), changelog);
            assertTrue(changelog.contains("| 1 | `create table reading (id bigint primary key, meter_id bigint references"
                    + " meter (id))` | SHARE ROW EXCLUSIVE on the referenced table, briefly: writes to it wait |\n"),
                    changelog);

            Run again = cli(db, "docs", "--out", out.toString());
            assertEquals(0, again.exit(), again.err());
            assertEquals(changelog, Files.readString(out.resolve("changelog.md")), "the same database, the same text");
        }
    }

    /** The README's command line is the one the test runs. */
    @Test
    void theReadmeCommandIsThisCommand() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("java -cp \"app.jar:lib/*\" dev.driftless.cli.DriftlessCli docs --out docs/database\n"));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Path previous = Path.of(System.getProperty("user.dir"));
            Path out = Path.of("target", "readme-docs", "docs", "database");
            Run docs = cli(db, "docs", "--out", out.toString());
            assertEquals(0, docs.exit(), docs.err());
            assertTrue(Files.readString(previous.resolve(out).resolve("changelog.md")).startsWith("# Versions\n\n## Version 3"));
        }
    }

    @Test
    void withoutADatabaseItIsAUsageError() {
        var err = new ByteArrayOutputStream();
        int exit = DriftlessCli.run(new String[] {"docs"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), SampleVersions.all());
        assertEquals(DriftlessCli.USAGE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("driftless: no database: pass --url or set"
                + " DRIFTLESS_JDBC_URL"), err.toString(StandardCharsets.UTF_8));
    }
}
