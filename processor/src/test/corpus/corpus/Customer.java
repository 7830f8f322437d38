package corpus;

import jakarta.persistence.*;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** Embedded values, overrides and every kind of collection. */
@Entity
public class Customer {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Embedded Address home;
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "street", column = @Column(name = "billing_street", length = 100)),
            @AttributeOverride(name = "city", column = @Column(name = "billing_city")),
            @AttributeOverride(name = "point.latitude", column = @Column(name = "billing_lat")),
            @AttributeOverride(name = "point.longitude", column = @Column(name = "billing_lon"))})
    Address billing;
    @ElementCollection Set<String> nicknames;
    @ElementCollection @CollectionTable(name = "customer_phone", joinColumns = @JoinColumn(name = "customer"))
    @Column(name = "number", length = 20) @OrderColumn(name = "position") List<String> phones;
    @ElementCollection @MapKeyColumn(name = "channel", length = 16) @Column(name = "opted_in") Map<String, Boolean> consents;
    @ElementCollection @OnDelete(action = OnDeleteAction.CASCADE) List<Address> previousAddresses;
    @ManyToMany Set<Tag> tags;
    @ManyToMany @JoinTable(name = "customer_favourite", joinColumns = @JoinColumn(name = "customer_id"),
            inverseJoinColumns = @JoinColumn(name = "meter_id")) List<Meter> favourites;
    @OneToMany @JoinColumn(name = "owner_id") List<Order> orders;
    @OneToMany Set<Site> sites;
}
