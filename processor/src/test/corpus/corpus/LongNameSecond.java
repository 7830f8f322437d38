package corpus;

import jakarta.persistence.*;

/**
 * One of two tables whose names share their first 58 bytes: PostgreSQL derives one primary key name
 * (and one check name) for both and numbers the second table's, in the order the tables are created.
 */
@Entity
@Table(name = "meter_calibration_adjustments_recorded_by_region_and_hours_b")
public class LongNameSecond {
    @Id Long id;
    @org.hibernate.annotations.Check(constraints = "level > 0") Integer level;
}
