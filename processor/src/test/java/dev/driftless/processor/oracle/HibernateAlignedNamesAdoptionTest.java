package dev.driftless.processor.oracle;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.BaselineResult;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.processor.CompiledClassLoader;
import dev.driftless.processor.DriftlessProcessor;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.tools.JavaFileObject;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adopting a database Hibernate's schema tool built for a {@code @ManyToOne} and an unnamed
 * {@code @Index}: Hibernate names them {@code FK<hash>} and {@code IDX<hash>}, the snapshot has
 * PostgreSQL's derived names; the plain baseline refuses and says to align the names, the baseline
 * that aligns them renames them in the database, and the schema then matches with every row kept.
 */
class HibernateAlignedNamesAdoptionTest {

    @TempDir
    Path history;

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceString("cei." + name, "package cei;\nimport jakarta.persistence.*;\n"
                + String.join("\n", lines) + "\n");
    }

    private CompiledClassLoader compile() {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=initial")
                .compile(source("Meter", "@Entity public class Meter { @Id public Long id; public String label; }"),
                        source("Reading", "@Entity @Table(indexes = @Index(columnList = \"takenAt\"))",
                                "public class Reading { @Id public Long id;",
                                "  @ManyToOne(optional = false) public Meter meter;",
                                "  public java.time.LocalDateTime takenAt; }"));
        assertThat(c).succeeded();
        return new CompiledClassLoader(c, getClass().getClassLoader());
    }

    private static void hibernate(TestDatabase db, ClassLoader loader, String action) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", db.jdbcUrl());
        settings.put("hibernate.hbm2ddl.auto", action);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            var sources = new MetadataSources(registry);
            for (String entity : List.of("cei.Meter", "cei.Reading")) {
                sources.addAnnotatedClass(Class.forName(entity, true, loader));
            }
            try (SessionFactory ignored = sources.buildMetadata().buildSessionFactory()) {
                // Building the session factory runs the schema action.
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            thread.setContextClassLoader(previous);
        }
    }

    private static Snapshot snapshot(ClassLoader loader) throws Exception {
        try (var in = loader.getResourceAsStream("cei/migrations/snapshot.driftless")) {
            return SnapshotFormat.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "snapshot");
        }
    }

    private static List<Migration> migrations(ClassLoader loader) {
        return ServiceLoader.load(MigrationIndex.class, loader).stream().flatMap(p -> p.get().migrations().stream())
                .toList();
    }

    private static List<String> names(TestDatabase db) throws Exception {
        var out = new java.util.ArrayList<>(db.strings("select conname from pg_catalog.pg_constraint"
                + " where conrelid = 'reading'::regclass and contype = 'f'"));
        out.addAll(db.strings("select indexrelid::regclass::text from pg_catalog.pg_index"
                + " where indrelid = 'reading'::regclass and not indisprimary"));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "update"})
    void hibernatesNamesAreAlignedWithTheSnapshotsAndTheRowsStay(String action) throws Exception {
        CompiledClassLoader loader = compile();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            hibernate(db, loader, action);
            db.execute("insert into meter values (1, 'm-1'), (2, 'm-2')",
                    "insert into reading (id, meter_id, takenat) values (10, 1, '2024-01-01 10:00:00.25'), (11, 2, null)");
            List<String> hibernates = names(db);
            assertTrue(hibernates.get(0).startsWith("fk") && hibernates.get(1).startsWith("idx"), hibernates.toString());
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations(loader)).build();
            Snapshot snapshot = snapshot(loader);

            MigrationException refused = assertThrows(MigrationException.class, () -> migrator.baseline(snapshot, false));
            assertTrue(refused.getMessage().contains("All 2 differences are only in name: baseline with align names"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("cei.Reading.meter (column reading.meter_id): foreign key "
                    + hibernates.get(0) + " to meter is reading_meter_id_fkey in the snapshot"), refused.getMessage());
            assertEquals(hibernates, names(db));

            BaselineResult result = migrator.baseline(snapshot, false, true);
            assertEquals(2, result.aligned().size(), result.aligned().toString());
            assertEquals(List.of(), result.report().differences(), result.report().describe());
            assertEquals(List.of("reading_meter_id_fkey", "reading_takenat_idx"), names(db));
            DriftReport check = migrator.checkDrift(snapshot);
            assertFalse(check.drifted(), check.describe());
            assertEquals(List.of(), check.accepted());
            assertEquals(List.of("10 1 2024-01-01 10:00:00.25", "11 2 -"), db.strings("select id || ' ' || meter_id"
                    + " || ' ' || coalesce(takenat::text, '-') from reading order by id"));
            assertEquals(List.of("1 m-1", "2 m-2"), db.strings("select id || ' ' || label from meter order by id"));
        }
    }
}
