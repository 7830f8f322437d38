package corpus;

import jakarta.persistence.*;

/**
 * The child side of {@link Booking#charges}: required, and read-only because the required
 * one-to-many writes the column; the foreign key takes the one-to-many's name and ON DELETE.
 */
@Entity
public class BookingCharge {
    @Id Long id;
    @ManyToOne(optional = false) @JoinColumn(name = "booking_ref", insertable = false, updatable = false) Booking booking;
}
