package corpus;

import jakarta.persistence.*;

/** Single table, whose subclass {@link Lamp} has primitives with and without {@code @Column}. */
@Entity
public class Gadget {
    @Id Long id;
}
