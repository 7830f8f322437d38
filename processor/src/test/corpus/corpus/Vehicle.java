package corpus;

import jakarta.persistence.*;

/** Joined: each subclass's table keyed by the parent's key. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Vehicle {
    @Id Long id;
    String plate;
}
