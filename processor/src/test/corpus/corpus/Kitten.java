package corpus;

import jakarta.persistence.*;

/** A subclass of a single-table subclass: its check covers what its parent requires, then its own. */
@Entity
public class Kitten extends Cat {
    int whiskers;
}
