package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;

/** {@code identity}: an identity column, whatever the strategy of {@code @GeneratedValue}. */
@Entity
public class Crane {
    @Id @GeneratedValue(generator = "crane_gen")
    @GenericGenerator(name = "crane_gen", strategy = "identity")
    Long id;
    String label;
}
