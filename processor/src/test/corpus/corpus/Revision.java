package corpus;

import jakarta.persistence.*;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** Timestamps Hibernate fills in (NOT NULL from 7.4 on), a time of day (time(6) in 6.6, time(0) in 7). */
@Entity
public class Revision {
    @Id Long id;
    @CreationTimestamp @Column(name = "created_on") LocalDateTime createdOn;
    @UpdateTimestamp @Column(name = "updated_at") Instant updatedAt;
    LocalTime due;
}
