package corpus.tickets;

import jakarta.persistence.*;

/** An AUTO id whose generator is not named: Hibernate 7 draws it from the package's @TableGenerator, 6.6 from token_seq. */
@Entity
public class Token {
    @Id @GeneratedValue Long id;
}
