package dev.driftless.processor.jpa;

import java.util.Locale;

/**
 * Who names the foreign keys and non-unique indexes the entities leave unnamed: the
 * {@code driftless.derivedNames} option. Primary keys, unique constraints and checks are named by
 * PostgreSQL either way, as Hibernate leaves them unnamed too.
 */
public enum DerivedNames {

    /** PostgreSQL's own defaults, {@code <table>_<columns>_fkey} and {@code <table>_<columns>_idx}. */
    POSTGRESQL,

    /**
     * The names Hibernate gives them ({@link HibernateNames}): {@code FK} or {@code IDX} and a hash
     * of the table, referenced table and column names, as PostgreSQL stores them.
     */
    HIBERNATE;

    /** The option's value ({@code postgresql} or {@code hibernate}); null for one it does not know. */
    public static DerivedNames of(String option) {
        if (option == null || option.isBlank()) {
            return POSTGRESQL;
        }
        return switch (option.strip().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres" -> POSTGRESQL;
            case "hibernate" -> HIBERNATE;
            default -> null;
        };
    }
}
