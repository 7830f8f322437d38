package corpus;

import jakarta.persistence.*;

/**
 * {@code @SecondaryTable}s and the foreign key of their key: named by their {@code foreignKey}, left out
 * with {@code NO_CONSTRAINT}; a {@code pkJoinColumns}' {@code foreignKey} Hibernate passes over.
 */
@Entity
@SecondaryTable(name = "kennel_detail", foreignKey = @ForeignKey(name = "kennel_detail_kennel_fk"))
@SecondaryTable(name = "kennel_run", pkJoinColumns = @PrimaryKeyJoinColumn(name = "kennel_id",
        foreignKey = @ForeignKey(name = "kennel_run_kennel_fk")))
@SecondaryTable(name = "kennel_log", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
public class Kennel {
    @Id Long id;
    @Column(table = "kennel_detail") String note;
    @Column(table = "kennel_run") Integer length;
    @Column(table = "kennel_log") String entry;
}
