package corpus;

import jakarta.persistence.*;

/** Quoted identifiers keep their case; a reserved word is usable quoted. */
@Entity
@Table(name = "`AuditEntry`")
public class AuditEntry {
    @Id Long id;
    @Column(name = "`user`", length = 40) String user;
    @Column(name = "\"Action\"") String action;
}
