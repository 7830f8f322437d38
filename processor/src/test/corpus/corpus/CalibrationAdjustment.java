package corpus;

import jakarta.persistence.*;

/**
 * A table name of 61 bytes: the names derived from it (primary key, unique constraint, index,
 * foreign key, sequence) are shortened as PostgreSQL shortens them.
 */
@Entity
@Table(name = "calibration_adjustments_recorded_per_meter_and_region_history",
        indexes = @Index(columnList = "recorded_region_code, meter_serial_number_of_the_device"))
public class CalibrationAdjustment {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
    @Column(name = "meter_serial_number_of_the_device", unique = true) String meterSerial;
    @Column(name = "recorded_region_code") String region;
    @ManyToOne Meter meter;
}
