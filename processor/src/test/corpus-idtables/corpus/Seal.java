package corpus;

import jakarta.persistence.*;

/** A TABLE id whose @GeneratedValue names no generator, beside a named @TableGenerator on the id. */
@Entity
public class Seal {
    @Id @GeneratedValue(strategy = GenerationType.TABLE)
    @TableGenerator(name = "seal_gen", table = "seal_blocks")
    Long id;
}
