package corpus;

import jakarta.persistence.*;

/**
 * A single-table subclass with a {@code @SecondaryTable}: the attributes that name it go there, and
 * the secondary table is keyed by the root's key.
 */
@Entity
@SecondaryTable(name = "heater_detail")
public class Heater extends Gadget {
    Integer power;
    @Column(table = "heater_detail") Integer maxWatts;
    @Column(table = "heater_detail", nullable = false, length = 40) String model;
    @Column(table = "heater_detail") int fins;
}
