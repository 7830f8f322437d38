package corpus;

import jakarta.persistence.*;

/** A many-to-one to a composite key, with implicit join columns; property access. */
@Entity
public class Shipment {
    private Long id;
    private OrderLine line;
    private String carrier;

    @Id
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }

    @ManyToOne
    public OrderLine getLine() { return line; }
    public void setLine(OrderLine line) { this.line = line; }

    @Column(length = 30)
    public String getCarrier() { return carrier; }
    public void setCarrier(String carrier) { this.carrier = carrier; }

    @Transient
    public String getLabel() { return carrier + id; }
}
