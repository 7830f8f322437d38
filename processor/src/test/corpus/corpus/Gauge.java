package corpus;

import jakarta.persistence.*;

/** JPA 3.2's check constraints on a column and on the table; a join column typed by columnDefinition. */
@Entity
@Table(check = @CheckConstraint(name = "gauge_range", constraint = "low <= high"))
public class Gauge {
    @Id Long id;

    @Column(check = @CheckConstraint(constraint = "reading >= 0"))
    Double reading;

    @Column(check = @CheckConstraint(name = "gauge_low_positive", constraint = "low > 0"))
    Integer low;

    Integer high;

    @ManyToOne
    @JoinColumn(name = "dial_ref", columnDefinition = "bigint")
    Dial dial;
}
