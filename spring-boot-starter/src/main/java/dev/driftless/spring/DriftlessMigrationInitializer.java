package dev.driftless.spring;

import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.Migrator;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the database when the context creates it. Spring Boot's database-initialization ordering
 * ({@link DriftlessDatabaseInitializerDetector}) makes JPA's {@code EntityManagerFactory}, JDBC
 * templates and every bean marked {@code @DependsOnDatabaseInitialization} wait for it.
 */
public class DriftlessMigrationInitializer implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(DriftlessMigrationInitializer.class);

    private final Migrator migrator;
    private MigrateResult result;

    public DriftlessMigrationInitializer(Migrator migrator) {
        this.migrator = migrator;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            result = migrator.migrate();
        } catch (MigrationException e) {
            throw new DriftlessMigrationFailedException(e);
        }
        if (result.upToDate()) {
            LOG.info("Driftless: the database is at version " + result.currentVersion() + ", nothing to migrate");
        } else {
            LOG.info("Driftless: migrated the database to version " + result.currentVersion() + " ("
                    + result.applied().stream().map(DriftlessMigrationInitializer::describe).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    private static String describe(AppliedVersion applied) {
        return applied.version() + " " + applied.description();
    }

    /** What the start-up migration did; null before it ran. */
    public MigrateResult result() {
        return result;
    }

    public Migrator migrator() {
        return migrator;
    }
}
