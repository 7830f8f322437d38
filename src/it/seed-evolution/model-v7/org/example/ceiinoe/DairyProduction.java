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
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Milk yield per milking session. */
@Entity
@Table(name = "dairy_production", indexes = @Index(name = "idx_dairy_production_ts", columnList = "ts"))
public class DairyProduction {
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

    @Column(name = "milk_liters", precision = 12, scale = 2)
    private BigDecimal milkLiters;

    /** Seed 000, scenario 1: a new nullable column with its comment. */
    @Column(name = "quality_score", precision = 4, scale = 2, comment = "Calculated milk quality score (0-100)")
    private BigDecimal qualityScore;
}
