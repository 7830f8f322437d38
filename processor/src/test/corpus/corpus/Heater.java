package corpus;

import jakarta.persistence.*;

/**
 * A single-table subclass with a {@code @SecondaryTable}: the attributes that name it go there, and
 * the secondary table is keyed by the root's key, with the unique constraints and indexes its
 * {@code @SecondaryTable} declares.
 */
@Entity
@SecondaryTable(name = "heater_detail",
        uniqueConstraints = @UniqueConstraint(columnNames = "model"),
        indexes = {@Index(name = "heater_detail_model_fins", columnList = "model, fins"), @Index(columnList = "fins DESC")})
public class Heater extends Gadget {
    Integer power;
    @Column(table = "heater_detail") Integer maxWatts;
    @Column(table = "heater_detail", nullable = false, length = 40) String model;
    @Column(table = "heater_detail") int fins;
}
