package dev.driftless;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.List;

/** Seed 000's monthly energy view over the sample tables, with a check constraint and an enum type. */
public final class ViewsChecksEnumsModels {
    private ViewsChecksEnumsModels() {}

    public static final String MONTHLY_QUERY = """
            SELECT date_trunc('month', ts)::date AS month, datasource_id,
                   sum(energy_kwh) AS total_kwh, count(*) AS reading_count
            FROM fact_energy_hourly
            GROUP BY date_trunc('month', ts), datasource_id""";

    public static EnumType kind(String... values) {
        return new EnumType(QualifiedName.of("source_kind"), List.of(values));
    }

    /**
     * @param energyType the type of {@code fact_energy_hourly.energy_kwh}
     * @param kinds the values of the enum type {@code source_kind}
     */
    public static SchemaModel model(String energyType, List<String> kinds) {
        Table ds = SampleModels.datasource();
        var dsColumns = new ArrayList<>(ds.columns());
        dsColumns.add(new Column("kind", ColumnType.of("source_kind"), false, "'meter'::source_kind",
                dev.driftless.model.Identity.NONE, null));
        ds = new Table(ds.name(), dsColumns, ds.primaryKey(), ds.uniqueConstraints(), ds.indexes(), ds.foreignKeys(),
                List.of(new CheckConstraint("datasource_name_check", "name <> ''")), ds.comment());
        Table h = SampleModels.hourly();
        var hColumns = h.columns().stream()
                .map(c -> c.name().equals("energy_kwh") ? Column.of("energy_kwh", energyType, true) : c)
                .toList();
        h = new Table(h.name(), hColumns, h.primaryKey(), h.uniqueConstraints(), h.indexes(), h.foreignKeys(),
                List.of(new CheckConstraint("fact_energy_hourly_energy_kwh_check", "energy_kwh >= 0")), h.comment());
        return new SchemaModel(List.of(ds, h), List.of(), List.of(new EnumType(QualifiedName.of("source_kind"), kinds)),
                List.of(new View(QualifiedName.of("v_energy_monthly"), MONTHLY_QUERY, false),
                        new View(QualifiedName.of("mv_energy_yearly"), """
                                SELECT date_trunc('year', month)::date AS year, sum(total_kwh) AS total_kwh
                                FROM v_energy_monthly GROUP BY 1""", true)));
    }
}
