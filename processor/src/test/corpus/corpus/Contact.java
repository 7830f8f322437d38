package corpus;

import jakarta.persistence.*;

/** An embeddable with a relation, overridden where it is embedded. */
@Embeddable
public class Contact {
    @Column(length = 60) String person;
    @ManyToOne Site site;
}
