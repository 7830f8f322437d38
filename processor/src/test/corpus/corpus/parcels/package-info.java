/**
 * A package-level generator: {@link corpus.parcels.Parcel}'s id names it, and the sequence takes its settings; on Hibernate 7
 * it is also {@link corpus.parcels.Sack}'s, whose @GeneratedValue names no generator (6.6: sack_seq).
 */
@SequenceGenerator(name = "parcel_ids", sequenceName = "parcel_seq", initialValue = 7, allocationSize = 5)
package corpus.parcels;

import jakarta.persistence.SequenceGenerator;
