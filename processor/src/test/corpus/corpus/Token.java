package corpus;

import jakarta.persistence.*;

@Entity
public class Token {
    @Id @GeneratedValue java.util.UUID id;
    @ManyToMany(mappedBy = "tokens") java.util.Set<Holder> holders;
}
