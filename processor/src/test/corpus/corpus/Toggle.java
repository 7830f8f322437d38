package corpus;

import jakarta.persistence.*;

/** Property access: an {@code @Column} on a primitive getter leaves the column nullable. */
@Entity
@Access(AccessType.PROPERTY)
public class Toggle {
    private long id;
    private boolean on;
    private boolean off;

    @Id public long getId() { return id; }
    public void setId(long id) { this.id = id; }
    @Column(name = "is_on") public boolean isOn() { return on; }
    public void setOn(boolean on) { this.on = on; }
    public boolean isOff() { return off; }
    public void setOff(boolean off) { this.off = off; }
}
