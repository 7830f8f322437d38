package corpus;

import jakarta.persistence.*;

@Entity
public class CardPayment extends Payment {
    @Column(length = 4) String lastDigits;
}
