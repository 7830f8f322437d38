// Hibernate lines: 6.6 (7.x appends the options to its DDL, which Driftless refuses: DL156)
package corpus;

import jakarta.persistence.*;

/** JPA 3.2's options on a mapped superclass, its generator and its attributes: Hibernate 6.6 reads none of them. */
@MappedSuperclass
@SequenceGenerator(name = "lot_ids", sequenceName = "lot_seq", allocationSize = 10, options = "cache 5")
public abstract class LotBase {
    @Id @GeneratedValue(generator = "lot_ids") Long id;
    @Column(length = 20, options = "compression pglz") String code;
}
