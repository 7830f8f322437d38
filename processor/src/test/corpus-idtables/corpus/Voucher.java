package corpus;

import jakarta.persistence.*;

/** Ids drawn from a table, Hibernate's default one and a named one. */
@Entity
public class Voucher {
    @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "voucher_ids")
    @TableGenerator(name = "voucher_ids", table = "id_blocks", pkColumnName = "block_name", valueColumnName = "next_block",
            pkColumnValue = "voucher", allocationSize = 10, initialValue = 5)
    Long id;
    String code;
}
