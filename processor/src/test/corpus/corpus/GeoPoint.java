package corpus;

import jakarta.persistence.*;

@Embeddable
public class GeoPoint {
    double latitude;
    double longitude;
}
