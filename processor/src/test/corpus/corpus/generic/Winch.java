package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;
import org.hibernate.annotations.Parameter;

/** A {@code @GenericGenerator} on the id naming SequenceStyleGenerator by class name, with a sequence and an increment. */
@Entity
public class Winch {
    @Id @GeneratedValue(generator = "winch_gen")
    @GenericGenerator(name = "winch_gen", strategy = "org.hibernate.id.enhanced.SequenceStyleGenerator",
            parameters = {@Parameter(name = "sequence_name", value = "winch_seq"), @Parameter(name = "increment_size", value = "1")})
    Long id;
    String label;
}
