package dev.driftless.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * The JPA settings that would make Hibernate change the schema Driftless migrates: such changes are
 * in no version, so other databases never get them, and they show up as drift.
 */
final class SchemaGenerationWarning {

    /** Values of Hibernate's {@code hbm2ddl.auto} that only read or do nothing. */
    private static final Set<String> HARMLESS = Set.of("none", "validate", "");
    /** Values of JPA's schema-generation action that do nothing. */
    private static final Set<String> HARMLESS_ACTIONS = Set.of("none", "validate", "");

    private SchemaGenerationWarning() {
    }

    /** One message per setting of {@code environment} that would change the schema; empty when none does. */
    static List<String> of(Environment environment) {
        var warnings = new ArrayList<String>();
        check(environment, "spring.jpa.hibernate.ddl-auto", HARMLESS, warnings);
        check(environment, "spring.jpa.properties.hibernate.hbm2ddl.auto", HARMLESS, warnings);
        check(environment, "spring.jpa.properties.jakarta.persistence.schema-generation.database.action",
                HARMLESS_ACTIONS, warnings);
        if (environment.getProperty("spring.jpa.hibernate.ddl-auto") == null
                && "true".equalsIgnoreCase(environment.getProperty("spring.jpa.generate-ddl", ""))) {
            warnings.add(message("spring.jpa.generate-ddl=true", "spring.jpa.generate-ddl=false"));
        }
        return warnings;
    }

    private static void check(Environment environment, String property, Set<String> harmless, List<String> warnings) {
        String value = environment.getProperty(property);
        if (value != null && !harmless.contains(value.trim().toLowerCase(Locale.ROOT))) {
            warnings.add(message(property + "=" + value, property + "=validate (or none)"));
        }
    }

    private static String message(String setting, String instead) {
        return setting + " lets Hibernate change the schema that Driftless migrates: what Hibernate changes is in no"
                + " frozen version, so no other database gets it, and it shows up as drift. Set " + instead
                + "; validate checks the entities against the migrated schema.";
    }
}
