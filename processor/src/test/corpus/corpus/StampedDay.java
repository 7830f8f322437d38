// Hibernate lines: 6.6, 7.1 (7.3 on refuses a java.sql.Timestamp as TemporalType.DATE)
package corpus;

import jakarta.persistence.*;
import java.sql.Timestamp;

/** {@code @Temporal(DATE)} on a Timestamp: a date column, where Hibernate maps it at all. */
@Entity
public class StampedDay {
    @Id Long id;
    @Temporal(TemporalType.DATE) Timestamp booked;
}
