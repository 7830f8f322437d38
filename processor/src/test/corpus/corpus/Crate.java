package corpus;

import jakarta.persistence.*;
import java.util.List;

/**
 * The indexes and unique constraints of a join table and a collection table, named and unnamed:
 * Hibernate creates them on those tables as it does those of {@code @Table}.
 */
@Entity
public class Crate {
    @Id Long id;

    @ManyToMany
    @JoinTable(name = "crate_sites",
            indexes = {@Index(columnList = "sites_id desc"), @Index(name = "crate_sites_owner_idx", columnList = "Crate_id")},
            uniqueConstraints = @UniqueConstraint(name = "crate_sites_pair_key", columnNames = {"Crate_id", "sites_id"}))
    List<Site> sites;

    @ElementCollection
    @CollectionTable(name = "crate_tags",
            indexes = @Index(columnList = "tags", unique = true),
            uniqueConstraints = @UniqueConstraint(columnNames = {"Crate_id", "tags"}))
    List<String> tags;
}
