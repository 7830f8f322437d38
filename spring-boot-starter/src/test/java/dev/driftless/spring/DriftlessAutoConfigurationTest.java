package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

class DriftlessAutoConfigurationTest {

    static final List<dev.driftless.migrate.Migration> VERSIONS = List.of(
            new TestMigration(1, "initial", List.of("create table shelf (id bigint primary key, title text not null)"),
                    List.of("drop table shelf")),
            new TestMigration(2, "add_author", List.of("alter table shelf add column author text"),
                    List.of("alter table shelf drop column author")));

    private static ApplicationContextRunner runner(TestDatabase db) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DriftlessAutoConfiguration.class))
                .withBean(DataSource.class, db::dataSource)
                .withBean(DriftlessMigratorCustomizer.class, () -> builder -> builder.migrations(VERSIONS));
    }

    /** Reads the migrated table when it is created: only possible when the migration ran first. */
    @Configuration(proxyBeanMethods = false)
    static class UsesTheDatabase {
        @Bean
        @DependsOnDatabaseInitialization
        Long shelfRows(DataSource dataSource) throws Exception {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(author) from shelf")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void migratesBeforeTheBeansThatUseTheDatabase() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withUserConfiguration(UsesTheDatabase.class).run(context -> {
                assertEquals(null, context.getStartupFailure());
                assertEquals(0L, context.getBean("shelfRows"));
                assertEquals(2, context.getBean(DriftlessMigrationInitializer.class).result().currentVersion());
            });
            assertEquals(List.of("1 initial true", "2 add_author true"), db.strings(
                    "select version || ' ' || description || ' ' || success from driftless_history order by version"));
        }
    }

    @Test
    void sqlScriptsRunAfterTheMigration() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withConfiguration(AutoConfigurations.of(
                            org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration.class))
                    .withPropertyValues("spring.sql.init.mode=always",
                            "spring.sql.init.data-locations=classpath:shelf-data.sql")
                    .run(context -> assertEquals(null, context.getStartupFailure()));
            assertEquals(List.of("Dune Frank Herbert"), db.strings("select title || ' ' || author from shelf"));
        }
    }

    @Test
    void thePropertiesReachTheMigrator() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withPropertyValues("driftless.schema=inventory", "driftless.create-schema=true",
                    "driftless.history-table=schema_versions").run(context -> assertEquals(null, context.getStartupFailure()));
            assertEquals(List.of("inventory.schema_versions", "inventory.shelf"), db.strings(
                    "select schemaname || '.' || tablename from pg_tables where schemaname = 'inventory' order by 1"));
            assertEquals(List.of("2"), db.strings("select max(version) from inventory.schema_versions"));
        }
    }

    @Test
    void theBoundPropertiesHoldWhatWasSet() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withPropertyValues("driftless.lock-timeout=45s", "driftless.ddl-lock-timeout=2s",
                    "driftless.ddl-lock-retries=3", "driftless.drift-policy=warn", "driftless.retry-failed-versions=true",
                    "driftless.accept-newer-versions=true").run(context -> {
                        DriftlessProperties p = context.getBean(DriftlessProperties.class);
                        assertEquals(java.time.Duration.ofSeconds(45), p.getLockTimeout());
                        assertEquals(java.time.Duration.ofSeconds(2), p.getDdlLockTimeout());
                        assertEquals(3, p.getDdlLockRetries());
                        assertEquals(dev.driftless.migrate.DriftPolicy.WARN, p.getDriftPolicy());
                        assertTrue(p.isRetryFailedVersions());
                        assertTrue(p.isAcceptNewerVersions());
                    });
        }
    }

    @Test
    void anAppliedVersionNewerThanTheCodeIsAcceptedOnlyWhenConfigured() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).run(context -> assertEquals(null, context.getStartupFailure()));
            ApplicationContextRunner previousRelease = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DriftlessAutoConfiguration.class))
                    .withBean(DataSource.class, db::dataSource)
                    .withBean(DriftlessMigratorCustomizer.class, () -> b -> b.migrations(VERSIONS.subList(0, 1)));
            previousRelease.run(context -> {
                Throwable failure = context.getStartupFailure();
                assertNotNull(failure);
                assertTrue(rootMessage(failure).contains("version 2"), rootMessage(failure));
            });
            previousRelease.withPropertyValues("driftless.accept-newer-versions=true")
                    .run(context -> assertEquals(null, context.getStartupFailure()));
        }
    }

    @Test
    void aFailedVersionIsRetriedOnlyWhenConfigured() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table shelf (id bigint)");
            runner(db).run(context -> assertNotNull(context.getStartupFailure()));
            db.execute("drop table shelf");
            // The failed attempt stops the next start until someone looks at it ...
            runner(db).run(context -> {
                assertNotNull(context.getStartupFailure());
                assertTrue(rootMessage(context.getStartupFailure()).contains("repair"),
                        rootMessage(context.getStartupFailure()));
            });
            // ... unless the service is told to heal from passing failures by itself.
            runner(db).withPropertyValues("driftless.retry-failed-versions=true")
                    .run(context -> assertEquals(null, context.getStartupFailure()));
            assertEquals(List.of("1 true", "2 true"),
                    db.strings("select version || ' ' || success from driftless_history order by version"));
        }
    }

    @Test
    void aFailingMigrationFailsTheStartWithWhatToDo() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table shelf (id bigint)");
            runner(db).run(context -> {
                Throwable failure = context.getStartupFailure();
                assertNotNull(failure);
                FailureAnalysis analysis = new DriftlessFailureAnalyzer().analyze(failure);
                assertNotNull(analysis, "the analyzer recognises the failure: " + failure);
                assertTrue(analysis.getDescription().contains("relation \"shelf\" already exists"),
                        analysis.getDescription());
                assertTrue(analysis.getAction().contains("driftless.enabled=false"), analysis.getAction());
            });
            assertEquals(List.of("1 false"), db.strings("select version || ' ' || success from driftless_history"));
        }
    }

    @Test
    void disabledMeansNoMigratorAndNothingInTheDatabase() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            runner(db).withPropertyValues("driftless.enabled=false").run(context -> {
                assertEquals(null, context.getStartupFailure());
                assertTrue(context.getBeansOfType(Migrator.class).isEmpty());
            });
            assertEquals(List.of(), db.strings("select tablename from pg_tables where schemaname = 'public'"));
        }
    }

    @Test
    void aSeparateUserOwnsWhatItMigrates() throws Exception {
        String role = "driftless_owner_" + HexFormat.of().formatHex(randomBytes());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create role " + role + " login", "grant create, usage on schema public to " + role);
            try {
                runner(db).withPropertyValues("driftless.user=" + role)
                        .run(context -> assertEquals(null, context.getStartupFailure()));
                assertEquals(List.of(role + " shelf", role + " driftless_history"), db.strings(
                        "select tableowner || ' ' || tablename from pg_tables where schemaname = 'public'"
                                + " order by tablename desc"));
            } finally {
                db.execute("drop owned by " + role, "drop role " + role);
            }
        }
    }

    @Test
    void aDataSourceMarkedForDriftlessIsTheOneMigrated() throws Exception {
        try (TestDatabase application = PostgresFixture.shared().createDatabase();
                TestDatabase owner = PostgresFixture.shared().createDatabase()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DriftlessAutoConfiguration.class))
                    .withUserConfiguration(TwoDataSources.class)
                    .withBean("applicationUrl", String.class, application::jdbcUrl)
                    .withBean("ownerUrl", String.class, owner::jdbcUrl)
                    .withBean(DriftlessMigratorCustomizer.class, () -> builder -> builder.migrations(VERSIONS))
                    .run(context -> assertEquals(null, context.getStartupFailure()));
            assertEquals(List.of("2"), owner.strings("select max(version) from driftless_history"));
            assertEquals(List.of(), application.strings("select tablename from pg_tables where schemaname = 'public'"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        @Primary
        DataSource applicationDataSource(org.springframework.beans.factory.BeanFactory beans) {
            return pg((String) beans.getBean("applicationUrl"));
        }

        @Bean
        @DriftlessDataSource
        DataSource ownerDataSource(org.springframework.beans.factory.BeanFactory beans) {
            return pg((String) beans.getBean("ownerUrl"));
        }

        private static DataSource pg(String url) {
            var dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setURL(url);
            return dataSource;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
