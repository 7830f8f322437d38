package corpus;

import jakarta.persistence.*;

/**
 * To-one relations through join tables, which Hibernate maps as joins of the owner's: each table
 * keyed by the owner's key (its columns named as the owner's key columns unless joinColumns names
 * them), with the target's key beside it, nullable for an optional relation (NOT NULL on 7.4 however
 * optional), unique for a one-to-one; {@code @OnDelete} is on the target's foreign key. The default
 * name is {@code <table>_<target table>}; a schema it names is kept. Hibernate creates both foreign keys whatever
 * {@code @ForeignKey} says and none of the indexes (Driftless warns, DL158); it keeps the unique
 * constraints.
 */
@Entity
public class Berth {
    @Id Long id;

    @ManyToOne @JoinTable(name = "berth_site") Site site;

    @ManyToOne(optional = false)
    @JoinTable(name = "berth_dock", joinColumns = @JoinColumn(name = "berth_ref"),
            inverseJoinColumns = @JoinColumn(name = "dock_ref"),
            foreignKey = @ForeignKey(name = "berth_dock_owner_fk"), inverseForeignKey = @ForeignKey(name = "berth_dock_site_fk"),
            indexes = @Index(name = "berth_dock_site_idx", columnList = "dock_ref"),
            uniqueConstraints = @UniqueConstraint(name = "berth_dock_pair_key", columnNames = {"berth_ref", "dock_ref"}))
    Site dock;

    @OneToOne @JoinTable(name = "berth_tag", schema = "grid") Tag tag;

    @OneToOne(optional = false) @JoinTable(name = "berth_twin") Berth twin;

    @ManyToOne @JoinTable(name = "berth_line") @org.hibernate.annotations.OnDelete(action = org.hibernate.annotations.OnDeleteAction.CASCADE)
    OrderLine line;

    @ManyToOne @JoinTable Shelf shelf;

    @jakarta.validation.constraints.NotNull @ManyToOne @JoinTable(name = "berth_keeper") Site keeper;
}
