package corpus;

import jakarta.persistence.*;

/** Single table with an INTEGER discriminator: values given, and one left to Hibernate's default. */
@Entity
@DiscriminatorColumn(name = "kind", discriminatorType = DiscriminatorType.INTEGER)
@DiscriminatorValue("1")
public class Part {
    @Id Long id;
    String label;
}
