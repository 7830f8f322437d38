package corpus.parcels;

import jakarta.persistence.*;

/** An id whose generator is not named: Hibernate 7 draws it from the package's generator, 6.6 from its own sequence. */
@Entity
public class Sack {
    @Id @GeneratedValue Long id;
    Integer weight;
}
