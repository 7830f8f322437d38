package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDate;

/** Energy per meter and day, rolled up from the hourly facts. */
@Entity
@Table(name = "fact_energy_daily",
        uniqueConstraints = @UniqueConstraint(name = "uq_energy_daily_datasource_day", columnNames = {"datasource_id", "day"}),
        indexes = {
                @Index(name = "idx_energy_daily_day", columnList = "day"),
                @Index(name = "idx_energy_daily_batch", columnList = "batch_id")
        })
public class FactEnergyDaily extends Fact {

    @Column(name = "day", nullable = false)
    private LocalDate day;

    @Column(name = "energy_kwh")
    private Double energyKwh;

    @Column(name = "peak_kw")
    private Double peakKw;
}
