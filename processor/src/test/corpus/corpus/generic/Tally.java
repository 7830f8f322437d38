package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;

/** Generic generators that make no database object: increment. */
@Entity
public class Tally {
    @Id @GeneratedValue(generator = "tally_increment")
    @GenericGenerator(name = "tally_increment", strategy = "increment")
    Long id;
}
