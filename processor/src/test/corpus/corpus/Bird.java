package corpus;

import jakarta.persistence.*;
import org.hibernate.annotations.Check;

/**
 * A third single-table subclass, first by class name but last by discriminator value: Hibernate
 * adds the subclasses' checks in the order it binds them. Its unnamed check references one column,
 * so PostgreSQL names it after that column.
 */
@Entity
@DiscriminatorValue("parrot")
@Check(constraints = "wings >= 0")
public class Bird extends Animal {
    int wings;
}
