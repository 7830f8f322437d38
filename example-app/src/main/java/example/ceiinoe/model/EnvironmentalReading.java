package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Barn climate readings. */
@Entity
@Table(name = "environmental_reading", indexes = {
        @Index(name = "idx_environmental_reading_ts", columnList = "ts"),
        @Index(name = "idx_environmental_reading_datasource", columnList = "datasource_id"),
        @Index(name = "idx_environmental_reading_batch", columnList = "batch_id")
})
public class EnvironmentalReading extends Fact {

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "temperature_c")
    private Double temperatureC;

    @Column(name = "humidity_percent")
    private Double humidityPercent;

    @Column(name = "co2_ppm")
    private Integer co2Ppm;
}
