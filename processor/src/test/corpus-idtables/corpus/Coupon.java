package corpus;

import jakarta.persistence.*;

/** Ids from Hibernate's default id table; a relation read through a formula, which has no column. */
@Entity
public class Coupon {
    @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id;

    @ManyToOne
    @org.hibernate.annotations.JoinFormula("(select v.id from voucher v where v.code = code)")
    Voucher voucher;

    String code;
}
