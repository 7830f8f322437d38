package corpus;

import jakarta.persistence.*;

/** An identity id; a relation from Reading. */
@Entity
@Table(schema = "grid")
public class Site {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(nullable = false, unique = true, length = 40) String code;
}
