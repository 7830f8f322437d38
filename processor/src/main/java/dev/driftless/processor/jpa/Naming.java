package dev.driftless.processor.jpa;

import java.util.Locale;

/**
 * How a name in the model (written in an annotation, or implied by a field or class) becomes the
 * name in PostgreSQL: the physical naming strategy, chosen with the {@code driftless.naming} option.
 * It applies to tables, schemas, columns and sequences; constraint and index names are used as
 * written (folded), as Hibernate does.
 */
public enum Naming {

    /**
     * Hibernate's default: the name as written, which PostgreSQL folds to lower case; a quoted
     * name ({@code `Order`} or {@code "Order"}) keeps its case.
     */
    JPA {
        @Override
        String physical(String name) {
            return PostgresNames.isQuoted(name) ? PostgresNames.unquote(name) : PostgresNames.fold(name);
        }
    },

    /**
     * The snake case Spring Boot applies by default ({@code CamelCaseToUnderscoresNamingStrategy}):
     * an underscore between a lower-case letter and an upper-case one followed by a lower-case one,
     * dots become underscores, all lower case ({@code externalId} → {@code external_id}); a quoted
     * name is kept as written.
     */
    SNAKE_CASE {
        @Override
        String physical(String name) {
            if (PostgresNames.isQuoted(name)) {
                return PostgresNames.unquote(name);
            }
            var out = new StringBuilder(name.replace('.', '_'));
            for (int i = 1; i < out.length() - 1; i++) {
                if (Character.isLowerCase(out.charAt(i - 1)) && Character.isUpperCase(out.charAt(i))
                        && Character.isLowerCase(out.charAt(i + 1))) {
                    out.insert(i++, '_');
                }
            }
            return out.toString().toLowerCase(Locale.ROOT);
        }
    },

    /**
     * Every name quoted, as Hibernate's {@code hibernate.globally_quoted_identifiers}: written and
     * implied names keep their case ({@code activePrimitive}, {@code Customer_nicknames}).
     */
    QUOTED {
        @Override
        String physical(String name) {
            return PostgresNames.unquote(name);
        }
    },

    /**
     * {@link #SNAKE_CASE} as Hibernate 6.6's {@code CamelCaseToUnderscoresNamingStrategy} applies it: a
     * quoted name is converted and folded too ({@code "AuditEntry"} → {@code audit_entry}). Not an
     * option of its own: {@code snake_case} on {@link HibernateLine#H6_6} (see {@link #on}).
     */
    SNAKE_CASE_HIBERNATE_6 {
        @Override
        String physical(String name) {
            return SNAKE_CASE.physical(PostgresNames.isQuoted(name) ? PostgresNames.unquote(name) : name);
        }
    };

    abstract String physical(String name);

    /** This naming as the given Hibernate line applies it. */
    Naming on(HibernateLine line) {
        return this == SNAKE_CASE && !line.keepsQuotedNamesInSnakeCase() ? SNAKE_CASE_HIBERNATE_6 : this;
    }

    /** The option's value ({@code jpa}, {@code snake_case} or {@code quoted}); null for one it does not know. */
    public static Naming of(String option) {
        if (option == null || option.isBlank()) {
            return JPA;
        }
        return switch (option.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "jpa", "default" -> JPA;
            case "snake_case", "spring" -> SNAKE_CASE;
            case "quoted" -> QUOTED;
            default -> null;
        };
    }
}
