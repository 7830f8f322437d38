package corpus;

import jakarta.persistence.*;

/**
 * A single-table subclass's required to-one through a join table: the join table's own column, NOT
 * NULL on 6.6 and 7.4, nullable on 7.1 (which makes a subclass's columns nullable, the join table's too).
 */
@Entity
public class Tortoise extends Animal {
    @ManyToOne(optional = false) @JoinTable(name = "tortoise_site") Site site;
}
