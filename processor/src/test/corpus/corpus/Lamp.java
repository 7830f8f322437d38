package corpus;

import jakarta.persistence.*;

/**
 * Hibernate's subclass check covers the subclass's own primitives and {@code @Basic(optional =
 * false)} attributes, {@code @Column} or not, but not those inside its embeddables.
 */
@Entity
public class Lamp extends Gadget {
    int watts;
    @Column(name = "lumen") int lumens;
    @Basic(optional = true) int dim;
    @Column(nullable = true) int sockets;
    @Column(nullable = false) int bulbs;
    @Basic(optional = false) Integer colour;
    @Embedded SettingRange range;
}
