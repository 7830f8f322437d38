package dev.driftless.spring;

import dev.driftless.migrate.Migrator;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code driftless} Actuator endpoint, when Actuator is on the class path and the endpoint is available. */
@AutoConfiguration(after = DriftlessAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Migrator.class)
@ConditionalOnAvailableEndpoint(endpoint = DriftlessEndpoint.class)
public class DriftlessEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public DriftlessEndpoint driftlessEndpoint(Migrator migrator) {
        return new DriftlessEndpoint(migrator);
    }
}
