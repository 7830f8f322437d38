package corpus.tickets;

import jakarta.persistence.*;

/** An id drawn from the id table of a generator declared in {@code package-info.java}, which it names. */
@Entity
public class Ticket {
    @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "ticket_ids") Long id;
    String seat;
}
