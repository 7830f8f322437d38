package corpus;

import jakarta.persistence.*;

@Entity
public class Snake extends Reptile {
    boolean venomous;
}
