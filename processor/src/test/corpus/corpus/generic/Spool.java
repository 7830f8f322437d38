package corpus.generic;

import jakarta.persistence.*;

/** An id drawn from the sequence of a {@code @GenericGenerator} declared in {@code package-info.java}. */
@Entity
public class Spool {
    @Id @GeneratedValue(generator = "spool_ids") Long id;
    String label;
}
