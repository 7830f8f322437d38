package corpus.parcels;

import jakarta.persistence.*;

/** An id drawn from the sequence of a generator declared in {@code package-info.java}. */
@Entity
public class Parcel {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "parcel_ids") Long id;
    String label;
}
