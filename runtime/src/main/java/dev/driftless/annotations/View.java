package dev.driftless.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a view (or materialized view) as part of the model, with the query it stands for. Put
 * it on any class of the module; on an {@code @Entity} it maps that entity onto the view, so no
 * table is created for it. The processor adds the view to the schema like a table: a new or
 * changed query becomes a version, and a version that changes a table the view reads drops the
 * view first and creates it again afterwards.
 *
 * <pre>{@code
 * @View(name = "v_energy_monthly", query = """
 *         SELECT date_trunc('month', ts)::date AS month, datasource_id, sum(kwh) AS total_kwh
 *         FROM fact_energy_hourly
 *         GROUP BY 1, 2""")
 * public final class EnergyMonthly {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface View {

    /** The view's name; on an entity, empty means the entity's table name. */
    String name() default "";

    /** The schema; empty means the default schema, as for tables. */
    String schema() default "";

    /** The {@code SELECT} statement. */
    String query();

    /** Whether it is a materialized view (filled when created, refreshed by the application). */
    boolean materialized() default false;
}
