package corpus;

import jakarta.persistence.*;

/** Many-to-one and one-to-one join columns, named and derived, with and without constraints. */
@Entity
public class Reading {
    @Id @GeneratedValue Long id;
    @ManyToOne(optional = false) Meter meter;
    @ManyToOne @JoinColumn(name = "site_ref", referencedColumnName = "code",
            foreignKey = @ForeignKey(name = "reading_site_code_fk")) Site site;
    @ManyToOne @JoinColumn(foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT)) Site loose;
    @OneToOne @JoinColumn(name = "previous_id") Reading previous;
    Double kwh;
}
