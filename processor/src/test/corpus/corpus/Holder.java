package corpus;

import jakarta.persistence.*;

/** A many-to-many the other side maps back: its join column is named after that side's attribute. */
@Entity
public class Holder {
    @Id Long id;
    @ManyToMany java.util.Set<Token> tokens;
}
