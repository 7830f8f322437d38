package corpus;

import jakarta.persistence.*;

/** The target of Crate's one-to-many, whose join column is in this table. */
@Entity
public class CrateSlot {
    @Id Long id;
    int position;
}
