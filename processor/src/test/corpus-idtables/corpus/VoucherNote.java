package corpus;

import jakarta.persistence.*;

/** Shares its key with a voucher through @PrimaryKeyJoinColumn: no column of its own for the relation. */
@Entity
public class VoucherNote {
    @Id Long id;

    @OneToOne
    @PrimaryKeyJoinColumn
    Voucher voucher;

    String text;
}
