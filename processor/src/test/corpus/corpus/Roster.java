package corpus;

import jakarta.persistence.*;
import java.time.LocalDate;
import java.util.*;

/** Collection and join tables whose foreign keys are named; maps keyed by an entity, a class, an enum and a date. */
@Entity
public class Roster {
    public enum Shift { EARLY, LATE }

    @Id Long id;

    @ElementCollection
    @CollectionTable(name = "roster_phones", joinColumns = @JoinColumn(name = "roster_id"),
            foreignKey = @ForeignKey(name = "roster_phones_roster_fk"))
    List<String> phones;

    @ManyToMany
    @JoinTable(name = "roster_ledgers", joinColumns = @JoinColumn(name = "roster_id"),
            inverseJoinColumns = @JoinColumn(name = "ledger_id"),
            foreignKey = @ForeignKey(name = "roster_ledgers_roster_fk"),
            inverseForeignKey = @ForeignKey(name = "roster_ledgers_ledger_fk"))
    Set<Ledger> ledgers;

    @ElementCollection
    @CollectionTable(name = "roster_roles")
    @MapKeyJoinColumn(name = "ledger_ref")
    @Column(name = "role")
    Map<Ledger, String> roles;

    @ElementCollection(targetClass = String.class)
    @CollectionTable(name = "roster_raw")
    @MapKeyClass(String.class)
    @Column(name = "note")
    @SuppressWarnings("rawtypes")
    Map raw;

    @ElementCollection
    @CollectionTable(name = "roster_shifts")
    @MapKeyEnumerated(EnumType.STRING)
    @Column(name = "person")
    Map<Shift, String> shifts;

    @ElementCollection
    @CollectionTable(name = "roster_days")
    @Column(name = "note")
    Map<LocalDate, String> days;
}
