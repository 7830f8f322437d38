package corpus;

import jakarta.persistence.*;

/** An abstract single-table subclass: no row is of it, so it has no check; its subclass checks its columns. */
@Entity
public abstract class Reptile extends Animal {
    int scales;
}
