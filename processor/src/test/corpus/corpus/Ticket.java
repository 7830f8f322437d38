package corpus;

import jakarta.persistence.*;
import java.util.UUID;

/** UUID ids, AUTO and UUID strategies; an embeddable with a relation, overridden twice. */
@Entity
@Access(AccessType.FIELD)
public class Ticket {
    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
    @Embedded Contact reporter;
    @Embedded
    @AttributeOverride(name = "person", column = @Column(name = "assignee_person"))
    @AssociationOverride(name = "site", joinColumns = @JoinColumn(name = "assignee_site_id"))
    Contact assignee;
}
