package example.ceiinoe.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Milk yield and quality per milking session. */
@Entity
@Table(name = "dairy_production", indexes = {
        @Index(name = "idx_dairy_production_ts", columnList = "ts"),
        @Index(name = "idx_dairy_production_datasource", columnList = "datasource_id"),
        @Index(name = "idx_dairy_production_batch", columnList = "batch_id")
})
public class DairyProduction extends Fact {

    @Column(name = "ts", nullable = false)
    private LocalDateTime ts;

    @Column(name = "milk_liters", precision = 12, scale = 2)
    private BigDecimal milkLiters;

    @Column(name = "fat_percent", precision = 5, scale = 2)
    private BigDecimal fatPercent;

    @Column(name = "protein_percent", precision = 5, scale = 2)
    private BigDecimal proteinPercent;

    @Column(name = "animal_count")
    private Integer animalCount;
}
