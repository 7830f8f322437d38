package corpus;

import jakarta.persistence.*;

/** Table per class: each concrete class has a whole table; the abstract root none. */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
public abstract class Payment {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
    java.math.BigDecimal amount;
}
