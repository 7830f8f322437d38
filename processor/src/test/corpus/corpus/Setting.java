package corpus;

import jakarta.persistence.*;

/**
 * Primitives with and without an explicit column: Hibernate makes NOT NULL only the column it
 * derives for a primitive (and any {@code @Basic(optional = false)} or {@code nullable = false} one).
 */
@Entity
@AttributeOverride(name = "weight", column = @Column(name = "weight_value"))
public class Setting extends Weighted {
    @Id @Column(name = "setting_no") int settingNo;
    @Column(name = "active") boolean active;
    @Column boolean visible;
    @Column(nullable = false) boolean locked;
    @Column(nullable = true) int retries;
    @Basic(optional = false) @Column(name = "required_level") int requiredLevel;
    @Basic int plainLevel;
    @Basic(optional = true) int optionalLevel;
    int bare;
    @Column(name = "ratio") double ratio;
    @Version @Column(name = "revision") int revision;
    @Embedded SettingRange range;
}
