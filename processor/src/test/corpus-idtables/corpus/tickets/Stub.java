package corpus.tickets;

import jakarta.persistence.*;

/** A TABLE id whose generator is not named: Hibernate 7 draws it from the package's generator, 6.6 from hibernate_sequences. */
@Entity
public class Stub {
    @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id;
}
