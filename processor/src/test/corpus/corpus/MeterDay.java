package corpus;

import jakarta.persistence.*;

/** A derived identity in part: @MapsId("meterId") makes the join column that part of the embedded id. */
@Entity
public class MeterDay {
    @EmbeddedId MeterDayId id;
    @MapsId("meterId") @ManyToOne @JoinColumn(name = "meter_ref") Meter meter;
    Double kwh;
}
