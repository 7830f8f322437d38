package corpus;

import jakarta.persistence.*;

/** The child side of {@link Booking#sessions}, on the same join column. */
@Entity
@Table(name = "capture_sessions")
public class CaptureSession {
    @Id Long id;
    @ManyToOne @JoinColumn(name = "booking_id") Booking booking;
}
