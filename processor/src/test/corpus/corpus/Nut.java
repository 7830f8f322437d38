package corpus;

import jakarta.persistence.*;

/** No @DiscriminatorValue: Hibernate takes the entity name's hash code. */
@Entity
public class Nut extends Part {
    int sides;
}
