package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;

/** {@code native}: a sequence on PostgreSQL, named like the generator, with Hibernate's defaults. */
@Entity
public class Hoist {
    @Id @GeneratedValue(generator = "hoist_gen")
    @GenericGenerator(name = "hoist_gen", strategy = "native")
    Integer id;
}
