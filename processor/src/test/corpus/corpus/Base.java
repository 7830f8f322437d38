package corpus;

import jakarta.persistence.*;

/** A mapped superclass whose fields every subclass table gets. */
@MappedSuperclass
public abstract class Base<K> {
    @Id K id;
    @Version Integer version;
    @Column(name = "created_at", nullable = false) java.time.Instant createdAt;
}
