/**
 * A package-level {@code @GenericGenerator}: {@link corpus.generic.Spool}'s id names it, and the sequence takes its
 * parameters.
 */
@GenericGenerator(name = "spool_ids", strategy = "enhanced-sequence",
        parameters = {@Parameter(name = "sequence_name", value = "spool_seq"), @Parameter(name = "initial_value", value = "3"),
                @Parameter(name = "increment_size", value = "4")})
package corpus.generic;

import org.hibernate.annotations.GenericGenerator;
import org.hibernate.annotations.Parameter;
