package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DriftlessEndpointTest {

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DriftlessAutoConfiguration.class,
                        DriftlessEndpointAutoConfiguration.class))
                .withBean(DataSource.class, db::dataSource)
                .withPropertyValues("management.endpoints.web.exposure.include=driftless");
    }

    @Test
    void theEndpointReportsTheHistoryAndWhatIsPending() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withBean(DriftlessMigratorCustomizer.class,
                    () -> b -> b.migrations(DriftlessAutoConfigurationTest.VERSIONS.subList(0, 1))).run(context -> {
                        assertEquals(null, context.getStartupFailure());
                        DriftlessEndpoint.Report report = context.getBean(DriftlessEndpoint.class).report();
                        assertEquals(1, report.currentVersion());
                        assertTrue(report.upToDate());
                        assertEquals(List.of(), report.pending());
                        assertEquals(1, report.history().size());
                        DriftlessEndpoint.Version v1 = report.history().get(0);
                        assertEquals(1, v1.version());
                        assertEquals("initial", v1.description());
                        assertTrue(v1.success());
                        assertEquals(DriftlessAutoConfigurationTest.VERSIONS.get(0).checksum(), v1.checksum());
                        assertFalse(report.drift().checked());
                        assertEquals("not checked: the migration index has no snapshot beside it",
                                report.drift().message());
                    });
            // A database at version 2 seen by code that has a version 3: pending, not up to date.
            runner(db).withBean(DriftlessMigratorCustomizer.class,
                    () -> b -> b.migrations(DriftlessAutoConfigurationTest.VERSIONS))
                    .run(context -> assertEquals(null, context.getStartupFailure()));
            var versions = new java.util.ArrayList<dev.driftless.migrate.Migration>(DriftlessAutoConfigurationTest.VERSIONS);
            versions.add(new TestMigration(3, "add_isbn", List.of("alter table shelf add isbn text"),
                    List.of("alter table shelf drop column isbn")));
            DriftlessEndpoint.Report report = new DriftlessEndpoint(
                    dev.driftless.migrate.Migrator.builder(db.dataSource()).migrations(versions).build()).report();
            assertEquals(2, report.currentVersion());
            assertEquals(3, report.latestVersion());
            assertFalse(report.upToDate());
            assertEquals(List.of("initial", "add_author"),
                    report.history().stream().map(DriftlessEndpoint.Version::description).toList());
            assertEquals(List.of(new DriftlessEndpoint.Pending(3, "add_isbn")), report.pending());
        }
    }

    @Test
    void noEndpointWhenItIsNotExposed() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DriftlessAutoConfiguration.class,
                            DriftlessEndpointAutoConfiguration.class))
                    .withBean(DataSource.class, db::dataSource)
                    .withBean(DriftlessMigratorCustomizer.class, () -> b -> b.migrations(List.of()))
                    .run(context -> assertTrue(context.getBeansOfType(DriftlessEndpoint.class).isEmpty()));
        }
    }
}
