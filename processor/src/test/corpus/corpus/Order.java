package corpus;

import jakarta.persistence.*;
import java.util.List;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A reserved word as table name, a bidirectional one-to-many, an embedded id on its lines. */
@Entity
@Table(name = "orders")
public class Order {
    @Id Long id;
    @ManyToOne @OnDelete(action = OnDeleteAction.CASCADE) Customer customer;
    @OneToMany(mappedBy = "order") List<OrderLine> lines;
}
