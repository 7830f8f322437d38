package corpus.generic;

import jakarta.persistence.*;
import java.util.UUID;
import org.hibernate.annotations.GenericGenerator;

/** A generic generator that makes no database object: uuid2. */
@Entity
@GenericGenerator(name = "rigging_uuid", strategy = "uuid2")
public class Rigging {
    @Id @GeneratedValue(generator = "rigging_uuid") UUID id;
}
