package corpus;

import jakarta.persistence.*;

/** A derived identity: the profile's id is its customer's (@MapsId on a one-to-one). */
@Entity
public class CustomerProfile {
    @Id Long id;
    @MapsId @OneToOne Customer customer;
    @Column(length = 500) String bio;
}
