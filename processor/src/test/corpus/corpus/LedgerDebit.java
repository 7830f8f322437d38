package corpus;

import jakarta.persistence.*;

/** Only the key column named: the foreign key's name is derived. */
@Entity
@PrimaryKeyJoinColumn(name = "debit_id")
public class LedgerDebit extends Ledger {
    String reason;
}
