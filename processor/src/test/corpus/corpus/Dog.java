package corpus;

import jakarta.persistence.*;

@Entity
@DiscriminatorValue("DOG")
public class Dog extends Animal {
    @Column(nullable = false) String breed;
    boolean goodBoy;
}
