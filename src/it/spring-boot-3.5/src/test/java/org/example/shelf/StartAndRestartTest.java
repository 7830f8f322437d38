package org.example.shelf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.spring.DriftlessMigrationFailedException;
import dev.driftless.spring.DriftlessMigrationInitializer;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ConfigurableApplicationContext;

/** The application started twice on one database, as a deploy and a restart would, then on a broken one. */
class StartAndRestartTest {

    @Test
    void migratesBeforeHibernateValidatesThenStartsAgainWithNothingPending() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            try (ConfigurableApplicationContext context = start(db)) {
                MigrateResult result = context.getBean(DriftlessMigrationInitializer.class).result();
                assertEquals(List.of("1 initial"), result.applied().stream().map(StartAndRestartTest::name).toList());
                assertEquals(1, result.currentVersion());
                // Spring Boot made JPA wait for the migration (Hibernate validated the migrated schema).
                String[] dependsOn = context.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn();
                assertTrue(dependsOn != null && Arrays.asList(dependsOn).contains("driftlessMigrationInitializer"),
                        "entityManagerFactory depends on " + Arrays.toString(dependsOn));

                BookRepository books = context.getBean(BookRepository.class);
                books.save(new Book("Dune", "Frank Herbert"));
                books.save(new Book("Children of Dune", "Frank Herbert"));
                books.save(new Book("Solaris", "Stanisław Lem"));
                assertEquals(List.of("Children of Dune", "Dune"),
                        books.findByAuthorOrderByTitle("Frank Herbert").stream().map(Book::getTitle).toList());

                String report = get(context, "/actuator/driftless");
                assertTrue(report.contains("\"currentVersion\":1"), report);
                assertTrue(report.contains("\"upToDate\":true"), report);
                assertTrue(report.contains("\"description\":\"initial\""), report);
                assertTrue(report.contains("\"success\":true"), report);
                assertTrue(report.contains("\"pending\":[]"), report);
                assertTrue(report.contains("\"checked\":true"), report);
                assertTrue(report.contains("\"drifted\":false"), report);
                System.out.println("[shelf] /actuator/driftless: " + report);
            }
            assertEquals(List.of("1|initial|true"), db.strings(
                    "select version || '|' || description || '|' || success from driftless_history order by version"));

            try (ConfigurableApplicationContext context = start(db)) {
                MigrateResult result = context.getBean(DriftlessMigrationInitializer.class).result();
                assertTrue(result.upToDate(), "applied on restart: " + result.applied());
                assertEquals(1, result.currentVersion());
                assertEquals(List.of("Solaris"), context.getBean(BookRepository.class)
                        .findByAuthorOrderByTitle("Stanisław Lem").stream().map(Book::getTitle).toList());
                String again = get(context, "/actuator/driftless");
                assertTrue(again.contains("\"version\":1") && again.contains("\"description\":\"initial\""), again);
                assertTrue(again.contains("\"pending\":[]"), again);
            }
        }
    }

    @Test
    void runsOnTheSpringBootAndHibernateItIsFor() {
        assertTrue(SpringBootVersion.getVersion().startsWith("3.5."), SpringBootVersion.getVersion());
        assertTrue(org.hibernate.Version.getVersionString().startsWith("6.6."), org.hibernate.Version.getVersionString());
    }

    @Test
    void aFailingMigrationStopsTheStartWithTheReason() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table book (id integer)");
            // Hibernate told to update the schema as well: the starter warns before it migrates.
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> start(db, "--spring.jpa.hibernate.ddl-auto=update").close());
            DriftlessMigrationFailedException cause = causeOf(failure);
            assertTrue(cause.reason().contains("relation \"book\" already exists"), cause.reason());
            assertEquals(List.of("1|false"), db.strings("select version || '|' || success from driftless_history"));
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... more) {
        var args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(), "--server.port=0"));
        args.addAll(List.of(more));
        return SpringApplication.run(ShelfApplication.class, args.toArray(String[]::new));
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String name(AppliedVersion applied) {
        return applied.version() + " " + applied.description();
    }

    private static DriftlessMigrationFailedException causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DriftlessMigrationFailedException found) {
                return found;
            }
        }
        throw new AssertionError("the start failed otherwise", failure);
    }
}
