package corpus;

import jakarta.persistence.*;
import java.time.Instant;

/** {@code @Temporal} that Hibernate reads on an Instant: only that part is kept (a Timestamp: {@link StampedDay}). */
@Entity
public class Stamped {
    @Id Long id;
    @Temporal(TemporalType.DATE) Instant day;
    @Temporal(TemporalType.TIME) Instant clock;
    @Temporal(TemporalType.TIMESTAMP) Instant moment;
    @Version Instant version;
}
