package corpus;

import jakarta.persistence.*;

/**
 * Join columns in a secondary table: a many-to-one's, a one-to-one's (unique there) and a composite
 * one's, each with its foreign key in that table; another many-to-one stays in the entity's table.
 */
@Entity
@SecondaryTable(name = "shelf_place")
public class Shelf {
    @Id Long id;
    @ManyToOne @JoinColumn(name = "site_id", table = "shelf_place") Site site;
    @OneToOne @JoinColumn(name = "twin_id", table = "shelf_place") Shelf twin;
    @ManyToOne
    @JoinColumns({
            @JoinColumn(name = "line_no", referencedColumnName = "line", table = "shelf_place"),
            @JoinColumn(name = "line_order", referencedColumnName = "order_no", table = "shelf_place")})
    OrderLine line;
    @Column(table = "shelf_place", length = 40) String label;
    @ManyToOne Site spare;
}
