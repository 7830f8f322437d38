package corpus;

import jakarta.persistence.*;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Bean Validation constraints that Hibernate applies to its DDL. */
@Entity
public class Signup {
    @Id Long id;
    @NotNull String email;
    @Size(max = 40) String nick;
    @Size(max = 40) @Column(length = 10) String code;
    @NotNull @ManyToOne Meter meter;
}
