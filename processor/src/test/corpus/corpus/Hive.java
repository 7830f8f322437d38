package corpus;

import jakarta.persistence.*;

/** An implicit sequence of an entity whose entity name and table name differ, in a named schema. */
@Entity(name = "Bee")
@Table(name = "hive", schema = "grid")
public class Hive {
    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
}
