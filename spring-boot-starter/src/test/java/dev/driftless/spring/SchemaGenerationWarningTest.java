package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SchemaGenerationWarningTest {

    private static List<String> warnings(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return SchemaGenerationWarning.of(environment);
    }

    @Test
    void settingsThatChangeTheSchemaAreNamed() {
        List<String> update = warnings(Map.of("spring.jpa.hibernate.ddl-auto", "update"));
        assertEquals(1, update.size());
        assertTrue(update.get(0).startsWith("spring.jpa.hibernate.ddl-auto=update lets Hibernate change the schema"),
                update.get(0));
        assertTrue(update.get(0).contains("Set spring.jpa.hibernate.ddl-auto=validate (or none)"), update.get(0));
        for (String value : List.of("create", "create-drop", "create-only", "drop", "CREATE")) {
            assertEquals(1, warnings(Map.of("spring.jpa.hibernate.ddl-auto", value)).size(), value);
        }
        assertEquals(1, warnings(Map.of("spring.jpa.properties.hibernate.hbm2ddl.auto", "update")).size());
        assertEquals(1, warnings(Map.of(
                "spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "drop-and-create")).size());
        assertEquals(1, warnings(Map.of("spring.jpa.generate-ddl", "true")).size());
    }

    @Test
    void settingsThatOnlyReadOrDoNothingAreQuiet() {
        assertEquals(List.of(), warnings(Map.of()));
        assertEquals(List.of(), warnings(Map.of("spring.jpa.hibernate.ddl-auto", "validate")));
        assertEquals(List.of(), warnings(Map.of("spring.jpa.hibernate.ddl-auto", "none")));
        assertEquals(List.of(), warnings(Map.of("spring.jpa.properties.hibernate.hbm2ddl.auto", "validate")));
        // An explicit ddl-auto wins over generate-ddl in Spring Boot.
        assertEquals(List.of(), warnings(Map.of("spring.jpa.generate-ddl", "true", "spring.jpa.hibernate.ddl-auto", "none")));
    }
}
