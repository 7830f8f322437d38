package dev.driftless.processor.oracle;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.processor.CompiledClassLoader;
import dev.driftless.processor.DriftlessProcessor;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hibernate is the oracle. The corpus under {@code src/test/corpus} uses every mapping the
 * processor reads. Database A gets Hibernate's own schema creation; database B gets the version
 * Driftless froze for the same classes, applied by the {@link Migrator}. Both are read back from
 * {@code pg_catalog} and must agree fact by fact (see {@link SchemaFacts} for the one naming rule),
 * and Hibernate's schema validation must accept database B.
 */
class HibernateOracleTest {

    private static final Path CORPUS = Path.of("src", "test", "corpus");

    @TempDir
    Path history;

    private String naming;

    /**
     * @param naming Driftless's {@code driftless.naming}; Hibernate gets the physical naming
     *     strategy that option stands for
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpa", "snake_case", "quoted"})
    void driftlessBuildsTheSchemaHibernateBuildsAndHibernateValidatesIt(String naming) throws Exception {
        this.naming = naming;
        Compilation compilation = Compiler.javac()
                .withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=corpus", "-Adriftless.naming=" + naming)
                .compile(corpus());
        assertThat(compilation).succeeded();
        var loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        List<Class<?>> entities = entities(loader);
        assertFalse(entities.isEmpty(), "the corpus has entities");

        try (TestDatabase hibernate = PostgresFixture.shared().createDatabase();
                TestDatabase driftless = PostgresFixture.shared().createDatabase()) {
            String ddl = hibernateSchema(hibernate, entities, loader, "create");
            List<Migration> migrations = ServiceLoader.load(MigrationIndex.class, loader).stream()
                    .flatMap(p -> p.get().migrations().stream())
                    .toList();
            Migrator.builder(driftless.dataSource()).migrations(migrations).build().migrate();

            SchemaModel a = introspect(hibernate);
            SchemaModel b = introspect(driftless);
            String expected = SchemaFacts.of(a);
            String actual = SchemaFacts.of(b);
            assertEquals(expected, actual, () -> "Hibernate's DDL:\n" + ddl + "\nDriftless's version:\n" + version());
            if (naming.equals("jpa")) {
                // The comparison covers the constructs, not an empty or partial schema.
                for (String witness : List.of("enum type mood [ANGRY, CALM]", "table animal check",
                        "table car foreign key * [id->id] references vehicle on delete CASCADE",
                        "table cardpayment column amount numeric(38,2)", "table customer column billing_lat double precision",
                        "table customer_nicknames column nicknames", "table holder_token primary key",
                        "table kinds column settings jsonb", "table kinds column labels character varying(255)[]",
                        "table refund_detail column explanation character varying(2000)",
                        "table refund foreign key * [refunded_line->line, refunded_order->order_no]",
                        "table shipment column carrier", "table signup column email character varying(255) not null",
                        "table ticket column assignee_site_id bigint", "table orders column owner_id bigint",
                        "table customerprofile primary key customerprofile_pkey [customer_id]",
                        "table customerprofile foreign key * [customer_id->id] references customer",
                        "table meterday primary key meterday_pkey [day, meter_ref]",
                        "table meterday foreign key * [meter_ref->id] references meter",
                        "table setting column active boolean", "table toggle column is_on boolean",
                        "table capture_sessions column booking_id bigint",
                        "table bookingcharge foreign key fk_booking_charges [booking_ref->id] references booking")) {
                    assertTrue(expected.contains(witness), () -> "no '" + witness + "' in\n" + expected);
                }
            }

            // Hibernate's own check of a database it did not build: it must find what it expects.
            hibernateSchema(driftless, entities, loader, "validate");
        }
    }

    private static JavaFileObject[] corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            var sources = new ArrayList<JavaFileObject>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = CORPUS.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.java$", "");
                sources.add(JavaFileObjects.forSourceString(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources.toArray(JavaFileObject[]::new);
        }
    }

    /** The entities the processor listed for incremental builds: every entity of the corpus. */
    private static List<Class<?>> entities(ClassLoader loader) throws IOException, ClassNotFoundException {
        var classes = new ArrayList<Class<?>>();
        try (InputStream in = loader.getResourceAsStream("META-INF/driftless/entities")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    classes.add(Class.forName(line.strip(), true, loader));
                }
            }
        }
        return classes;
    }

    /**
     * Boots Hibernate on the database with {@code hibernate.hbm2ddl.auto} set to {@code action}; for
     * {@code create} returns the DDL Hibernate ran.
     */
    private String hibernateSchema(TestDatabase database, List<Class<?>> entities, ClassLoader loader, String action)
            throws IOException {
        Path script = history.resolve("hibernate-" + action + ".sql");
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", database.jdbcUrl());
        settings.put("hibernate.hbm2ddl.auto", action);
        settings.put("jakarta.persistence.schema-generation.database.action", action.equals("create") ? "create" : "none");
        settings.put("hibernate.hbm2ddl.create_namespaces", "true");
        settings.put("hibernate.hbm2ddl.halt_on_error", "true");
        settings.put("jakarta.persistence.validation.mode", "ddl");
        if (naming.equals("snake_case")) {
            settings.put("hibernate.physical_naming_strategy",
                    "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        }
        if (naming.equals("quoted")) {
            settings.put("hibernate.globally_quoted_identifiers", "true");
            settings.put("hibernate.globally_quoted_identifiers_skip_column_definitions", "true");
        }
        if (action.equals("create")) {
            settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
            settings.put("jakarta.persistence.schema-generation.scripts.create-target", script.toString());
            settings.put("hibernate.format_sql", "false");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(settings).build();
        try {
            var sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            try (SessionFactory ignored = sources.buildMetadata().buildSessionFactory()) {
                // Building the session factory runs the schema action.
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            thread.setContextClassLoader(previous);
        }
        return Files.exists(script) ? Files.readString(script, StandardCharsets.UTF_8) : "";
    }

    private String version() {
        try (Stream<Path> files = Files.list(history)) {
            var text = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("V")).sorted().toList()) {
                text.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return text.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Every schema but PostgreSQL's own, without Driftless's history table. */
    private static SchemaModel introspect(TestDatabase database) throws SQLException {
        try (Connection c = database.connect()) {
            Set<String> schemas = new TreeSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select nspname from pg_namespace where nspname not like 'pg\\_%' "
                            + "and nspname not in ('information_schema', 'public')")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return PostgresIntrospector.read(c, schemas, Set.of(QualifiedName.of("driftless_history")));
        }
    }
}
