package corpus;

import jakarta.persistence.*;

@Entity
@org.hibernate.annotations.OnDelete(action = org.hibernate.annotations.OnDeleteAction.CASCADE)
public class Car extends Vehicle {
    int seats;
}
