package corpus;

import jakarta.persistence.*;

@Embeddable
public class OrderLineId implements java.io.Serializable {
    @Column(name = "order_no") Long orderNo;
    Integer line;
}
