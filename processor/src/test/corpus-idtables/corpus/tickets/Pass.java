package corpus.tickets;

import jakarta.persistence.*;

/** An AUTO id that names the package's @TableGenerator: its ids come from that generator's table. */
@Entity
public class Pass {
    @Id @GeneratedValue(generator = "ticket_ids") Long id;
}
