package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;

/** {@code assigned}: the application sets the id; no database object. */
@Entity
public class Marker {
    @Id @GeneratedValue(generator = "marker_assigned")
    @GenericGenerator(name = "marker_assigned", strategy = "assigned")
    Long id;
}
