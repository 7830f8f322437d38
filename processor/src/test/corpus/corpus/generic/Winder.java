package corpus.generic;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;
import org.hibernate.annotations.Parameter;
import org.hibernate.id.enhanced.SequenceStyleGenerator;

/** A {@code @GenericGenerator} naming its generator by {@code type}. */
@Entity
public class Winder {
    @Id @GeneratedValue(generator = "winder_gen")
    @GenericGenerator(name = "winder_gen", type = SequenceStyleGenerator.class,
            parameters = @Parameter(name = "sequence_name", value = "winder_seq"))
    Long id;
}
