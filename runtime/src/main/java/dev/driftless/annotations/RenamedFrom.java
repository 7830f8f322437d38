package dev.driftless.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a persistent field's column, or an entity's table, used to have another name, so
 * that the next version renames it (keeping its rows) instead of dropping it and adding an empty
 * one. The annotation may stay after freezing: once the old name is gone from the snapshot it has
 * no effect. On an entity the old name is a table of the same schema.
 *
 * <pre>{@code
 * @RenamedFrom("energy_kwh")
 * @Column(name = "kwh")
 * private Double kwh;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface RenamedFrom {

    /** The previous name, as it is in the database. */
    String value();
}
