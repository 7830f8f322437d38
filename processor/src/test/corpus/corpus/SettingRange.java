package corpus;

import jakarta.persistence.*;

/** Primitives in an embeddable: nullable unless the column or {@code @Basic} says otherwise. */
@Embeddable
public class SettingRange {
    int steps;
    @Column(name = "range_low") int low;
    @Column(name = "range_high", nullable = false) int high;
    @Basic(optional = false) int span;
}
