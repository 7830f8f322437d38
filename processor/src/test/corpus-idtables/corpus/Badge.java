package corpus;

import jakarta.persistence.*;

/** An id table whose @TableGenerator gives unique constraints and an index, which Hibernate does not create. */
@Entity
public class Badge {
    @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "badge_ids")
    @TableGenerator(name = "badge_ids", table = "badge_blocks",
            uniqueConstraints = {@UniqueConstraint(columnNames = {"sequence_name", "next_val"}),
                    @UniqueConstraint(name = "badge_blocks_next_key", columnNames = "next_val")},
            indexes = {@Index(columnList = "next_val"), @Index(name = "badge_blocks_pair_idx", columnList = "next_val, sequence_name")})
    Long id;
}
