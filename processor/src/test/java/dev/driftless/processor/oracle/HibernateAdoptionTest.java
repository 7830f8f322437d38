package dev.driftless.processor.oracle;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.DriftReport;
import dev.driftless.migrate.Migration;
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
 * Adopting a database that Hibernate's own schema tool built ({@code create}, or {@code update} on
 * an empty database), with rows: baselined with the snapshot the processor put on the class path,
 * migrated through a table and a column rename with every value kept, downgraded to the baseline.
 */
class HibernateAdoptionTest {

    @TempDir
    Path history;

    private static JavaFileObject meter(boolean renamed) {
        return JavaFileObjects.forSourceString("cei.Meter", "package cei;\n"
                + "import jakarta.persistence.*;\n"
                + "@Entity " + (renamed ? "@Table(name = \"datasource\") @dev.driftless.annotations.RenamedFrom(\"meter\")" : "")
                + "\npublic class Meter {\n"
                + "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) public Long id;\n"
                + (renamed ? "  @dev.driftless.annotations.RenamedFrom(\"label\") public String name;\n" : "  public String label;\n")
                + "  public java.time.LocalDateTime installedAt;\n"
                + "}\n");
    }

    private Compilation compile(boolean renamed, String freeze) {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=" + freeze).compile(meter(renamed));
        assertThat(c).succeeded();
        return c;
    }

    private static void hibernate(TestDatabase db, ClassLoader loader, String action) throws Exception {
        hibernate(db, loader, action, List.of("cei.Meter"));
    }

    private static void hibernate(TestDatabase db, ClassLoader loader, String action, List<String> entities) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", db.jdbcUrl());
        settings.put("hibernate.hbm2ddl.auto", action);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            var sources = new MetadataSources(registry);
            for (String entity : entities) {
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

    /** The snapshot the processor placed beside the migration index. */
    private static Snapshot snapshot(ClassLoader loader) throws Exception {
        try (var in = loader.getResourceAsStream("cei/migrations/snapshot.driftless")) {
            return SnapshotFormat.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "snapshot");
        }
    }

    private static List<Migration> migrations(ClassLoader loader) {
        return ServiceLoader.load(MigrationIndex.class, loader).stream().flatMap(p -> p.get().migrations().stream())
                .toList();
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceString("cei." + name, "package cei;\nimport jakarta.persistence.*;\n"
                + String.join("\n", lines) + "\n");
    }

    /**
     * A single-table hierarchy whose checks Hibernate leaves unnamed: the server named them, and the
     * snapshot has the same names, so the baseline finds nothing to rename.
     */
    @ParameterizedTest
    @ValueSource(strings = {"create", "update"})
    void aSingleTableHierarchyHibernateBuiltIsBaselinedWithTheServersCheckNames(String action) throws Exception {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=initial")
                .compile(source("Animal", "@Entity @org.hibernate.annotations.Check(constraints = \"name <> '' or id > 0\")",
                                "public class Animal { @Id Long id; String name; }"),
                        source("Cat", "@Entity public class Cat extends Animal { int lives; @Basic(optional = false) String colour; }"),
                        source("Dog", "@Entity @DiscriminatorValue(\"DOG\") @org.hibernate.annotations.Check(constraints = \"legs >= 0\")",
                                "public class Dog extends Animal { int legs; }"),
                        source("Bird", "@Entity @DiscriminatorValue(\"parrot\") public class Bird extends Animal { boolean flies; }"));
        assertThat(c).succeeded();
        var loader = new CompiledClassLoader(c, getClass().getClassLoader());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            hibernate(db, loader, action, List.of("cei.Animal", "cei.Bird", "cei.Cat", "cei.Dog"));
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations(loader)).build();
            DriftReport baseline = migrator.baseline(snapshot(loader), false);
            assertEquals(List.of(), baseline.differences(), baseline.describe());
            assertEquals(List.of("animal_check", "animal_check1", "animal_check2", "animal_check3", "animal_dtype_check", "animal_legs_check",
                    "animal_pkey"), db.strings("select conname from pg_constraint where conrelid = 'animal'::regclass order by 1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "update"})
    void aDatabaseHibernateBuiltIsBaselinedMigratedThroughRenamesAndDowngraded(String action) throws Exception {
        var v1 = new CompiledClassLoader(compile(false, "initial"), getClass().getClassLoader());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            hibernate(db, v1, action);
            db.execute("insert into meter (label, installedat) values ('m-1', '2024-01-01 10:00:00.5'), ('m-2', null)");
            Migrator first = Migrator.builder(db.dataSource()).migrations(migrations(v1)).build();
            DriftReport baseline = first.baseline(snapshot(v1), false);
            assertEquals(List.of(), baseline.differences(), baseline.describe());

            var v2 = new CompiledClassLoader(compile(true, "renamed"), getClass().getClassLoader());
            Migrator second = Migrator.builder(db.dataSource()).migrations(migrations(v2)).build();
            second.migrate();
            assertEquals(List.of("1 m-1 2024-01-01 10:00:00.5", "2 m-2 -"), db.strings(
                    "select id || ' ' || name || ' ' || coalesce(installedat::text, '-') from datasource order by id"));
            second.downgradeTo(1);
            assertEquals(List.of("1 m-1 2024-01-01 10:00:00.5", "2 m-2 -"), db.strings(
                    "select id || ' ' || label || ' ' || coalesce(installedat::text, '-') from meter order by id"));
        }
    }
}
