package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;

/** A {@code @GenericGenerator} on the class: the sequence strategy without parameters (its name and increment are Hibernate's defaults). */
@Entity
@GenericGenerator(name = "pulley_gen", strategy = "sequence")
public class Pulley {
    @Id @GeneratedValue(generator = "pulley_gen") Long id;
}
