package corpus;

import jakarta.persistence.*;

@Entity
@IdClass(TariffId.class)
public class Tariff {
    @Id String region;
    @Id java.time.LocalDate validFrom;
    double price;
}
