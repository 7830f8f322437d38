package corpus;

import jakarta.persistence.*;

@Entity
public class Tag extends Base<String> {
    @Enumerated(EnumType.STRING) @Column(length = 16) Colour colour;
    @Enumerated Colour ordinal;
    @Column(name = "Display_Name") String displayName;

    public enum Colour { RED, GREEN, BLUE }
}
