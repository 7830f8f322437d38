package corpus;

import jakarta.persistence.*;

/** The child side of {@link Booking#notes}, read-only on the shared join column. */
@Entity
public class BookingNote {
    @Id Long id;
    @ManyToOne @JoinColumn(name = "booking_id", insertable = false, updatable = false) Booking booking;
}
