package corpus;

import jakarta.persistence.*;
import org.hibernate.annotations.GenericGenerator;
import org.hibernate.annotations.Parameter;

/** Ids drawn from a table through a {@code @GenericGenerator}: the enhanced table generator with its parameters. */
@Entity
public class Coil {
    @Id @GeneratedValue(generator = "coil_gen")
    @GenericGenerator(name = "coil_gen", strategy = "enhanced-table",
            parameters = {@Parameter(name = "table_name", value = "coil_ids"), @Parameter(name = "segment_column_name", value = "coil_key"),
                    @Parameter(name = "value_column_name", value = "coil_next"), @Parameter(name = "increment_size", value = "5")})
    Long id;
}
