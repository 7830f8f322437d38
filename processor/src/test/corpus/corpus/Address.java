package corpus;

import jakarta.persistence.*;

@Embeddable
public class Address {
    @Column(length = 80) String street;
    @Column(nullable = false) String city;
    @Embedded GeoPoint point;
}
