package dev.driftless.spring;

import dev.driftless.migrate.Migrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Migrates the application's {@code DataSource} at start-up. The migration is a database
 * initializer to Spring Boot ({@link DriftlessDatabaseInitializerDetector}), so JPA's
 * {@code EntityManagerFactory} and the other beans that use the database are created after it,
 * the way Boot orders its own Flyway and Liquibase support. The data-source auto-configuration is
 * named by string: Spring Boot 3.5 and 4.0 keep it in different packages.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(name = {
        "dev.driftless.migrate.Migrator",
        "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer"})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "driftless", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DriftlessProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class DriftlessAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(DriftlessAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public Migrator driftlessMigrator(DriftlessProperties properties, ObjectProvider<DataSource> dataSource,
            @DriftlessDataSource ObjectProvider<DataSource> driftlessDataSource,
            ObjectProvider<DriftlessMigratorCustomizer> customizers) {
        DataSource target = migrationDataSource(properties, dataSource, driftlessDataSource);
        Migrator.Builder builder = Migrator.builder(target)
                .historyTable(properties.getHistoryTable())
                .createSchema(properties.isCreateSchema())
                .lockTimeout(properties.getLockTimeout())
                .ddlLockTimeout(properties.getDdlLockTimeout())
                .ddlLockRetries(properties.getDdlLockRetries())
                .driftPolicy(properties.getDriftPolicy())
                .retryFailedVersions(properties.isRetryFailedVersions())
                .acceptNewerVersions(properties.isAcceptNewerVersions());
        if (properties.getSchema() != null) {
            builder.schema(properties.getSchema());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public DriftlessMigrationInitializer driftlessMigrationInitializer(Migrator migrator, Environment environment) {
        SchemaGenerationWarning.of(environment).forEach(LOG::warn);
        return new DriftlessMigrationInitializer(migrator);
    }

    @Bean
    public DriftlessSchemaManagementProvider driftlessSchemaManagementProvider(ObjectProvider<DataSource> dataSource,
            @DriftlessDataSource ObjectProvider<DataSource> driftlessDataSource) {
        var managed = new ArrayList<DataSource>();
        dataSource.ifUnique(managed::add);
        driftlessDataSource.ifAvailable(managed::add);
        return new DriftlessSchemaManagementProvider(managed);
    }

    /**
     * The {@code @DriftlessDataSource} bean; else a connection of its own when {@code driftless.url} or
     * {@code driftless.user} is set; else the application's DataSource.
     */
    private static DataSource migrationDataSource(DriftlessProperties properties, ObjectProvider<DataSource> dataSource,
            ObjectProvider<DataSource> driftlessDataSource) {
        DataSource marked = driftlessDataSource.getIfAvailable();
        if (marked != null) {
            return marked;
        }
        if (properties.getUrl() == null && properties.getUser() == null) {
            return dataSource.getIfUnique(() -> {
                throw new IllegalStateException("Driftless found several DataSource beans and none is @Primary:"
                        + " mark the one to migrate with @DriftlessDataSource, or set driftless.url");
            });
        }
        PGSimpleDataSource own = new PGSimpleDataSource();
        own.setURL(properties.getUrl() != null ? properties.getUrl() : urlOf(dataSource.getIfUnique()));
        if (properties.getUser() != null) {
            own.setUser(properties.getUser());
        }
        if (properties.getPassword() != null) {
            own.setPassword(properties.getPassword());
        }
        return own;
    }

    private static String urlOf(DataSource application) {
        if (application == null) {
            throw new IllegalStateException("driftless.user is set without driftless.url, and there is no single"
                    + " application DataSource to take the URL from: set driftless.url");
        }
        try (Connection connection = application.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("driftless.user is set without driftless.url, and the application's"
                    + " DataSource did not connect to tell its URL (" + e.getMessage() + "): set driftless.url", e);
        }
    }
}
