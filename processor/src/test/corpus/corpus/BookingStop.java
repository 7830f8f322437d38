package corpus;

import jakarta.persistence.*;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** The child side of {@link Booking#stops}: the @OnDelete is on this side only. */
@Entity
public class BookingStop {
    @Id Long id;
    @ManyToOne @OnDelete(action = OnDeleteAction.CASCADE) @JoinColumn(name = "booking_id") Booking booking;
}
