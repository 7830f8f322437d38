package corpus;

import jakarta.persistence.*;

/**
 * Single table: the subclasses' columns in this table, a discriminator. An unnamed check on two
 * columns, which PostgreSQL names {@code animal_check} like the subclasses' checks.
 */
@Entity
@org.hibernate.annotations.Check(constraints = "name <> '' or id > 0")
public class Animal {
    @Id Long id;
    String name;
}
