package corpus;

import jakarta.persistence.*;

@Entity
@DiscriminatorValue("2")
public class Bolt extends Part {
    int threads;
}
