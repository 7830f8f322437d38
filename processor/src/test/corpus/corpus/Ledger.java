package corpus;

import jakarta.persistence.*;

/** Joined, with subclasses whose key columns have names of their own. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Ledger {
    @Id Long id;
    String owner;
}
