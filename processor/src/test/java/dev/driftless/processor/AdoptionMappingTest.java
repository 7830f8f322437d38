package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapping README.md gives for adopting a database with serial keys and json columns, compiled
 * as it is written there: a serial key is its own generator (no identity), a column referring to
 * it is a plain integer, json stays json, and the snapshot on the class path names the field
 * behind each column for the baseline's advice.
 */
class AdoptionMappingTest {

    @TempDir
    Path history;

    private static final String IMPORTS = "package cei;\nimport jakarta.persistence.*;\nimport java.time.LocalDateTime;\n"
            + "import org.hibernate.annotations.JdbcTypeCode;\nimport org.hibernate.type.SqlTypes;\n";

    /** The README's snippet, one source per entity. */
    private static List<JavaFileObject> readmeSnippet() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- adoption-mapping -->");
        int end = readme.indexOf("<!-- /adoption-mapping -->");
        String block = readme.substring(start, end);
        String code = block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```"));
        var sources = new ArrayList<JavaFileObject>();
        for (String entity : code.split("(?=@Entity)")) {
            if (entity.isBlank()) {
                continue;
            }
            String name = entity.replaceAll("(?s).*?public class (\\w+).*", "$1");
            sources.add(JavaFileObjects.forSourceString("cei." + name, IMPORTS + entity));
        }
        assertEquals(2, sources.size(), code);
        return sources;
    }

    @Test
    void theReadmeMappingFreezesSerialKeysAndJson() throws Exception {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=adopted").compile(readmeSnippet());
        assertThat(c).succeeded();
        String snapshot = Files.readString(history.resolve("snapshot.driftless"));
        assertTrue(snapshot.contains("""
                table device
                  column id serial not-null
                  column external_id "character varying(100)" not-null
                """), snapshot);
        assertTrue(snapshot.contains("""
                table reading
                  column id bigserial not-null
                  column device_id integer not-null
                  column payload json
                  column takenat "timestamp(6) without time zone"
                  primary-key reading_pkey (id)
                  foreign-key reading_device_id_fkey (device_id) references device (id)
                """), snapshot);
        assertTrue(!snapshot.contains("sequence "), "a serial key has no sequence of the model: " + snapshot);
        String sql = Files.readString(history.resolve("V0001__adopted.sql"));
        assertTrue(sql.contains("id serial NOT NULL"), sql);
        assertTrue(!sql.contains("IDENTITY"), sql);

        String onClassPath = c.generatedFile(StandardLocation.CLASS_OUTPUT, "cei.migrations", "snapshot.driftless")
                .orElseThrow().getCharContent(true).toString();
        assertTrue(onClassPath.contains("column payload json mapped-by=\"cei.Reading.payload\""), onClassPath);
        assertTrue(onClassPath.contains("column id serial not-null mapped-by=\"cei.Device.id\""), onClassPath);
        assertTrue(!snapshot.contains("mapped-by"), "the committed snapshot does not change with field names");

        // A database made the way a Flyway user writes it, with a row, is baselined by that mapping as it is.
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("CREATE TABLE device (id SERIAL PRIMARY KEY, external_id VARCHAR(100) NOT NULL)",
                    "CREATE TABLE reading (id BIGSERIAL PRIMARY KEY, device_id INTEGER NOT NULL REFERENCES device (id),"
                            + " payload JSON, takenat TIMESTAMP)",
                    "INSERT INTO device (external_id) VALUES ('m-1')",
                    "INSERT INTO reading (device_id, payload, takenat) VALUES (1, '{\"kwh\": 1}', '2024-01-01 10:00')");
            FrozenVersion v1 = VersionFormat.read(sql, "V0001__adopted.sql");
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1))).build();
            DriftReport report = migrator.baseline(SnapshotFormat.read(onClassPath, "snapshot.driftless"), false);
            assertEquals(List.of(), report.differences(), report.describe());
            assertEquals(1, migrator.status().currentVersion());
            db.execute("INSERT INTO device (external_id) VALUES ('m-2')");
            assertEquals(List.of("1 m-1", "2 m-2"), db.strings("select id || ' ' || external_id from device order by id"));
        }
    }

    /**
     * PostgreSQL makes every serial column NOT NULL, the key or not: a serial column beside the key
     * is not-null in the model too, so a baseline finds no difference and a fresh build matches it.
     */
    @Test
    void aSerialColumnBesideTheKeyIsNotNull() throws Exception {
        JavaFileObject ticket = JavaFileObjects.forSourceString("cei.Ticket", IMPORTS + """
                @Entity
                public class Ticket {
                    @Id
                    @GeneratedValue(strategy = GenerationType.IDENTITY)
                    @Column(columnDefinition = "serial")
                    private Integer id;

                    @Column(columnDefinition = "bigserial", insertable = false, updatable = false)
                    private Long number;
                }
                """);
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=adopted").compile(ticket);
        assertThat(c).succeeded();
        String snapshot = Files.readString(history.resolve("snapshot.driftless"));
        assertTrue(snapshot.contains("column number bigserial not-null"), snapshot);
        String sql = Files.readString(history.resolve("V0001__adopted.sql"));
        FrozenVersion v1 = VersionFormat.read(sql, "V0001__adopted.sql");
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("CREATE TABLE ticket (id SERIAL PRIMARY KEY, number BIGSERIAL)");
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(List.of(new FrozenMigration(v1))).build();
            DriftReport report = migrator.baseline(SnapshotFormat.read(snapshot, "snapshot.driftless"), false);
            assertEquals(List.of(), report.differences(), report.describe());
        }
    }
}
