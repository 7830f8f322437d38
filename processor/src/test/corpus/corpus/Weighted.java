package corpus;

import jakarta.persistence.*;

/** Primitives a mapped superclass declares: one with an implicit column, one with an {@code @Column}. */
@MappedSuperclass
public class Weighted {
    int weight;
    @Column(name = "rank_no") int rank;
}
