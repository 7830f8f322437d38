package org.example.ceiinoe;

import dev.driftless.annotations.View;

/** Seed 000, scenario 4: the monthly energy summary, a view over the hourly facts. */
@View(name = "v_energy_monthly", query = """
        SELECT date_trunc('month', ts)::date AS month,
               datasource_id,
               sum(kwh) AS total_kwh,
               count(*) AS reading_count
        FROM fact_energy_hourly
        GROUP BY date_trunc('month', ts), datasource_id
        ORDER BY month DESC""")
public final class EnergyMonthly {
    private EnergyMonthly() {}
}
