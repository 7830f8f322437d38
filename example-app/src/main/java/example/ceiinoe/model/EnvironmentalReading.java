package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Barn climate readings. */
@Entity
@Table(name = "environmental_reading", indexes = {
        @Index(name = "idx_environmental_reading_ts", columnList = "ts"),
        @Index(name = "idx_environmental_reading_datasource", columnList = "datasource_id"),
        @Index(name = "idx_environmental_reading_batch", columnList = "batch_id")
})
public class EnvironmentalReading {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "datasource_id", nullable = false)
    private Datasource datasource;

    @ManyToOne
    @JoinColumn(name = "batch_id")
    private IngestBatch batch;

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "temperature_c")
    private Double temperatureC;

    @Column(name = "humidity_percent")
    private Double humidityPercent;

    @Column(name = "co2_ppm")
    private Integer co2Ppm;
}
