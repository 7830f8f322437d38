package dev.driftless.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link DriftlessMigrationInitializer} initializes the database, so that the
 * beans that use it (JPA's {@code EntityManagerFactory}, JDBC templates, jOOQ, beans marked
 * {@code @DependsOnDatabaseInitialization}) are created after it. The mechanism and its package are
 * the same in Spring Boot 3.5 and 4.0. Registered in {@code META-INF/spring.factories}.
 */
class DriftlessDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(DriftlessMigrationInitializer.class);
    }

    /** Before SQL-script initialization (data.sql), which may fill the tables the versions create. */
    @Override
    public int getOrder() {
        return 1;
    }
}
