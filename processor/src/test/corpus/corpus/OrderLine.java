package corpus;

import jakarta.persistence.*;

@Entity
public class OrderLine {
    @EmbeddedId OrderLineId id;
    @ManyToOne @JoinColumn(name = "order_id") Order order;
    int quantity;
}
