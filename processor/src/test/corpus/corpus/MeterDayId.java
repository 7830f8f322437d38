package corpus;

import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.time.LocalDate;

/** The key of a meter's day: the meter's id (mapped by the relation) and the date. */
@Embeddable
public class MeterDayId implements Serializable {
    Long meterId;
    LocalDate day;
}
