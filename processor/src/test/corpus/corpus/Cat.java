package corpus;

import jakarta.persistence.*;

@Entity
public class Cat extends Animal {
    Integer lives;
    @ManyToOne(optional = false) Meter favourite;
    @Basic(optional = false) String colour;
}
