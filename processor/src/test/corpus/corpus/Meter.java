package corpus;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.*;
import java.util.UUID;

/** Basic types, @Column attributes, table constraints and indexes, a named sequence. */
@Entity
@Table(name = "meter", comment = "Energy meters",
        uniqueConstraints = @UniqueConstraint(name = "meter_site_serial_uk", columnNames = {"site_code", "serial_no"}),
        indexes = {@Index(name = "meter_installed_idx", columnList = "installed_on DESC, site_code"),
                @Index(columnList = "token", unique = true)})
@SequenceGenerator(name = "meter_ids", sequenceName = "meter_ids", initialValue = 100, allocationSize = 10)
public class Meter {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "meter_ids") Long id;
    @Column(name = "serial_no", length = 64, nullable = false, comment = "printed on the meter") String serial;
    @Column(name = "site_code", length = 12) String siteCode;
    @Column(unique = true) String label;
    String text;
    @Column(length = 20000000) String huge;
    Integer count; int countPrimitive; Long total; long totalPrimitive; Short small; short smallPrimitive;
    Byte tiny; byte tinyPrimitive; Boolean active; boolean activePrimitive; Double ratio; double ratioPrimitive;
    Float factor; float factorPrimitive; Character grade; char gradePrimitive;
    BigDecimal amount;
    @Column(precision = 12, scale = 3) BigDecimal price;
    @Column(precision = 10) BigDecimal whole;
    BigInteger big;
    UUID token;
    byte[] payload;
    @Column(name = "installed_on") LocalDate installedOn;
    LocalTime opensAt; @Column(secondPrecision = 3) LocalTime opensAtMillis; LocalDateTime localStamp; OffsetDateTime offsetStamp; ZonedDateTime zonedStamp;
    Instant instant; OffsetTime offsetTime;
    @Column(secondPrecision = 3) Instant coarse;
    @Basic(optional = false) String required;
    @org.hibernate.annotations.ColumnDefault("0") Integer withDefault;
    transient String notStored;
    static String alsoNotStored;
    @Transient String skipped;
}
