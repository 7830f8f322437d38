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
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnDefault;

/** Seed 000, scenario 3: water consumption tracking, a new table with its indexes. */
@Entity
@Table(name = "water_consumption", indexes = {
        @Index(name = "idx_water_consumption_ts", columnList = "ts"),
        @Index(name = "idx_water_consumption_device", columnList = "datasource_id")
})
public class WaterConsumption {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne
    @JoinColumn(name = "datasource_id")
    private Datasource datasource;

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "liters", precision = 12, scale = 2)
    private BigDecimal liters;

    @ManyToOne
    @JoinColumn(name = "source_file")
    private IngestBatch sourceFile;

    @ColumnDefault("now()")
    @Column(name = "created_at")
    private OffsetDateTime createdAt;
}
