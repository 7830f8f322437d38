package dev.driftless.spring;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that Driftless manages the schema of the application's DataSource (and of the
 * {@code @DriftlessDataSource} one), so that Boot does not choose Hibernate's {@code create-drop}
 * for it when it is an embedded database.
 */
class DriftlessSchemaManagementProvider implements SchemaManagementProvider {

    private final List<DataSource> managed;

    DriftlessSchemaManagementProvider(List<DataSource> managed) {
        this.managed = List.copyOf(managed);
    }

    @Override
    public SchemaManagement getSchemaManagement(DataSource dataSource) {
        return managed.stream().anyMatch(m -> m == dataSource) ? SchemaManagement.MANAGED : SchemaManagement.UNMANAGED;
    }
}
