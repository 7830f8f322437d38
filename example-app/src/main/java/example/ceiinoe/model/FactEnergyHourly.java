package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;

/** Energy per meter and hour. */
@Entity
@Table(name = "fact_energy_hourly",
        uniqueConstraints = @UniqueConstraint(name = "uq_energy_hourly_datasource_ts", columnNames = {"datasource_id", "ts"}),
        indexes = {
                @Index(name = "idx_energy_hourly_ts", columnList = "ts"),
                @Index(name = "idx_energy_hourly_batch", columnList = "batch_id")
        })
public class FactEnergyHourly extends Fact {

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "energy_kwh")
    private Double energyKwh;

    @Column(name = "power_kw_avg")
    private Double powerKwAvg;
}
