// Hibernate lines: 6.6 (its mapped superclass has options, which 7.x appends and Driftless refuses: DL156)
package corpus;

import jakarta.persistence.*;

/** An entity whose mapped superclass declares options: on 6.6 the schema is the one without them. */
@Entity
public class Lot extends LotBase {
    int quantity;
}
