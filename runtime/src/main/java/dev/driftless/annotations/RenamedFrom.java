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
 *
 * <p>With {@code online = true} the rename is done by expand and contract, so that the instances
 * still running the previous application version keep working during a deploy. For a column, the
 * next version adds the new column, keeps the two equal with a trigger and copies the rows in
 * batches; the new column may have another type (an {@code int} to {@code bigint} change without
 * rewriting the table under a lock). For a table, the next version renames it and leaves a view
 * under the old name. Versions frozen while {@code online = true} stays keep both names. Once no
 * instance uses the old name, set {@code online = false} (or remove the annotation): the next
 * version drops the old column and its trigger, or the view.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface RenamedFrom {

    /**
     * The previous name exactly as it is in the database: case and all, without quotes, never
     * folded. A column made by {@code @Column(name = "energy_kwh")} or {@code @Column(name =
     * "EnergyKwh")} (which PostgreSQL folds to {@code energykwh}) is {@code "energy_kwh"} or
     * {@code "energykwh"}; one made by {@code @Column(name = "\"EnergyKwh\"")} (quoted) is
     * {@code "EnergyKwh"}. The processor's warnings print the value to write.
     */
    String value();

    /** Whether to keep both names during a deploy (expand) until a later version drops the old one (contract). */
    boolean online() default false;
}
