package corpus;

import jakarta.persistence.*;

/** Its unnamed check on two columns comes after the root's: Hibernate adds the classes' checks in binding order. */
@Entity
@DiscriminatorValue("DOG")
@org.hibernate.annotations.Check(constraints = "breed <> '' or lives is null")
public class Dog extends Animal {
    @Column(nullable = false) String breed;
    boolean goodBoy;
}
