package corpus;

import jakarta.persistence.*;
import java.sql.Timestamp;
import java.time.Instant;

/** {@code @Temporal} that Hibernate reads on an Instant and a Timestamp: only that part is kept. */
@Entity
public class Stamped {
    @Id Long id;
    @Temporal(TemporalType.DATE) Instant day;
    @Temporal(TemporalType.TIME) Instant clock;
    @Temporal(TemporalType.TIMESTAMP) Instant moment;
    @Temporal(TemporalType.DATE) Timestamp booked;
    @Version Instant version;
}
