package corpus;

import jakarta.persistence.*;

/**
 * A subclass of a single-table subclass whose name sorts before its parent's: Hibernate binds the
 * classes in the order they are given (here by class name), each after the class it extends, so
 * {@link Cat}'s check comes before this one's.
 */
@Entity
public class Bobcat extends Cat {
    int claws;
}
