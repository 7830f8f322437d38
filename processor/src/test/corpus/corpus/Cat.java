package corpus;

import jakarta.persistence.*;

@Entity
public class Cat extends Animal {
    Integer lives;
}
