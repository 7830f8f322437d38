package corpus;

import jakarta.persistence.*;

/** Single table: the subclasses' columns in this table, a discriminator. */
@Entity
public class Animal {
    @Id Long id;
    String name;
}
