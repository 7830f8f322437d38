package dev.driftless.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a persistent field's column used to have another name, so that the next version
 * renames the column (keeping its rows) instead of dropping it and adding an empty one. The
 * annotation may stay after freezing: once the old name is gone from the snapshot it has no effect.
 *
 * <pre>{@code
 * @RenamedFrom("energy_kwh")
 * @Column(name = "kwh")
 * private Double kwh;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface RenamedFrom {

    /** The column's previous name, as it is in the database. */
    String value();
}
