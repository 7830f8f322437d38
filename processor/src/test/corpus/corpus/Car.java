package corpus;

import jakarta.persistence.*;

@Entity
public class Car extends Vehicle {
    int seats;
}
