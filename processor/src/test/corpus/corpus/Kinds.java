package corpus;

import jakarta.persistence.*;
import java.time.Duration;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.Comment;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Large objects, legacy dates, JSON, arrays, converters, column definitions, enums, checks and comments. */
@Entity
@Check(name = "kinds_window_check", constraints = "opened_at <= closed_at")
@Comment("every kind of column")
public class Kinds {
    @Id Long id;
    @Lob String document;
    @Lob byte[] image;
    @Temporal(TemporalType.DATE) Date day;
    @Temporal(TemporalType.TIME) Date clock;
    @Temporal(TemporalType.TIMESTAMP) Date moment;
    @Temporal(TemporalType.TIMESTAMP) Calendar calendar;
    @Column(name = "opened_at") java.time.LocalDateTime openedAt;
    @Column(name = "closed_at") java.time.LocalDateTime closedAt;
    Duration elapsed;
    @JdbcTypeCode(SqlTypes.JSON) Map<String, Object> settings;
    @JdbcTypeCode(SqlTypes.JSON) String rawJson;
    String[] labels;
    Integer[] scores;
    @JdbcTypeCode(SqlTypes.ARRAY) List<String> aliases;
    @Convert(converter = SkuConverter.class) Sku sku;
    @Column(columnDefinition = "text") String notes;
    @Column(columnDefinition = "numeric(8,2)") java.math.BigDecimal rate;
    @Enumerated(EnumType.STRING) Level level;
    @Enumerated(EnumType.ORDINAL) @Column(nullable = false) Level rank;
    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) Mood mood;
    @Check(constraints = "weight > 0") Double weight;
    @Comment("who checked it") String inspector;
    @Formula("weight * 2") Double doubled;

    public enum Level { LOW, MEDIUM, HIGH }

    public enum Mood { CALM, ANGRY }
}
