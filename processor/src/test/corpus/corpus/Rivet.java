package corpus;

import jakarta.persistence.*;

/** A SEQUENCE id whose @GeneratedValue names no generator, beside a named @SequenceGenerator on the id. */
@Entity
public class Rivet {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE)
    @SequenceGenerator(name = "rivet_gen", sequenceName = "rivet_numbers", allocationSize = 3)
    Long id;
}
