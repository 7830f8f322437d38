package corpus;

import jakarta.persistence.*;

/** Named composite join columns; a secondary table holding some of the columns; a table-per-class target. */
@Entity
@SecondaryTable(name = "refund_detail")
public class Refund {
    @Id Long id;
    @ManyToOne
    @JoinColumns({
            @JoinColumn(name = "refunded_line", referencedColumnName = "line"),
            @JoinColumn(name = "refunded_order", referencedColumnName = "order_no")})
    OrderLine line;
    @Column(length = 20) String reason;
    /** The abstract root of a table-per-class hierarchy has no table, so no foreign key. */
    @ManyToOne Payment payment;
    @Column(table = "refund_detail", length = 2000) String explanation;
    @Column(table = "refund_detail") java.time.Instant approvedAt;
}
