package org.example.ceiinoe;

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
        uniqueConstraints = @UniqueConstraint(name = "uq_energy_hourly_device_ts", columnNames = {"device_id", "ts"}),
        indexes = @Index(name = "idx_energy_hourly_ts", columnList = "ts"))
public class FactEnergyHourly {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "device_id", nullable = false)
    private Device device;

    @ManyToOne
    @JoinColumn(name = "file_id")
    private IngestFile file;

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "energy_kwh")
    private Double energyKwh;
}
