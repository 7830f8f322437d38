package corpus;

public class TariffId implements java.io.Serializable {
    String region;
    java.time.LocalDate validFrom;
}
