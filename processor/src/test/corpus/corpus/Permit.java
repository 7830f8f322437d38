// Hibernate lines: 6.6 (7.x appends the options to its DDL, which Driftless refuses: DL156)
package corpus;

import jakarta.persistence.*;

/** JPA 3.2's options, which Hibernate 6.6 reads nowhere: the schema is the one without them. */
@Entity
@Table(options = "with (fillfactor = 70)",
        indexes = @Index(name = "permit_code_idx", columnList = "code", options = "with (fillfactor = 80)"),
        uniqueConstraints = @UniqueConstraint(name = "permit_serial_key", columnNames = "serial", options = "deferrable"))
@SecondaryTable(name = "permit_detail", options = "with (fillfactor = 60)")
public class Permit {
    @Id Long id;
    @Column(options = "compression pglz") String code;
    @Column(length = 30) String serial;
    @Column(table = "permit_detail", options = "compression pglz") String detail;
    @ManyToOne @JoinColumn(name = "site_id", options = "default null", foreignKey = @ForeignKey(options = "deferrable"))
    Site site;
    @ManyToMany @JoinTable(name = "permit_sites", options = "with (fillfactor = 50)") java.util.Set<Site> sites;
    @ElementCollection @CollectionTable(name = "permit_notes", options = "with (fillfactor = 40)") java.util.Set<String> notes;
}
