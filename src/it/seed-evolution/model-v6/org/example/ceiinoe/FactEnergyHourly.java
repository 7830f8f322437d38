package org.example.ceiinoe;

import dev.driftless.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;

/** Energy per meter and hour. */
@Entity
@Table(name = "fact_energy_hourly",
        uniqueConstraints = @UniqueConstraint(name = "uq_energy_hourly_datasource_ts", columnNames = {"datasource_id", "ts"}),
        indexes = @Index(name = "idx_energy_hourly_ts", columnList = "ts"))
public class FactEnergyHourly {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @RenamedFrom("device_id")
    @JoinColumn(name = "datasource_id", nullable = false)
    private Datasource datasource;

    @ManyToOne
    @RenamedFrom("file_id")
    @JoinColumn(name = "batch_id")
    private IngestBatch batch;

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    /**
     * Seed 000, scenario 2: energy_kwh is now kwh, renamed online: the expand (version 4) adds kwh
     * and keeps both columns equal, so instances still writing energy_kwh keep working, until the
     * contract (version 7) drops energy_kwh.
     */
    @RenamedFrom(value = "energy_kwh", online = true)
    @Column(name = "kwh")
    private Double kwh;
}
