package corpus;

import jakarta.persistence.*;
import java.util.List;
import java.util.Set;

/**
 * The indexes and unique constraints of a join table and a collection table, named and unnamed:
 * Hibernate creates them on those tables as it does those of {@code @Table}. A unidirectional
 * one-to-many's join column, in its target's table, typed by its columnDefinition and unique.
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

    @OneToMany
    @JoinColumn(name = "crate_ref", columnDefinition = "integer", unique = true)
    Set<CrateSlot> slots;
}
