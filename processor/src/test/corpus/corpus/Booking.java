package corpus;

import jakarta.persistence.*;
import java.util.List;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/**
 * Bidirectional one-to-many relations whose two sides name one join column: Hibernate maps both to
 * that column, with one foreign key.
 */
@Entity
public class Booking {
    @Id Long id;
    @OneToMany @JoinColumn(name = "booking_id") List<CaptureSession> sessions;
    @OneToMany @JoinColumn(name = "booking_id") List<BookingNote> notes;
    @OneToMany @OnDelete(action = OnDeleteAction.CASCADE)
    @JoinColumn(name = "booking_ref", nullable = false, foreignKey = @ForeignKey(name = "fk_booking_charges"))
    List<BookingCharge> charges;
    @OneToMany @JoinColumn(name = "booking_id") List<BookingStop> stops;
}
