package corpus;

import jakarta.persistence.*;

/** An integer key that a join column of another type refers to. */
@Entity
public class Dial {
    @Id Integer id;
    String label;
}
