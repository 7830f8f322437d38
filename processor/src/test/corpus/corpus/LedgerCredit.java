package corpus;

import jakarta.persistence.*;

/** The key column named, the referenced column and the foreign key's name given. */
@Entity
@PrimaryKeyJoinColumn(name = "credit_id", referencedColumnName = "id", foreignKey = @ForeignKey(name = "credit_ledger_fk"))
public class LedgerCredit extends Ledger {
    int points;
}
