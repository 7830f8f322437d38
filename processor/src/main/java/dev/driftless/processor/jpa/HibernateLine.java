package dev.driftless.processor.jpa;

import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * The Hibernate ORM release line whose schema the processor builds: Hibernate's DDL differs between
 * lines, and the schema must be the one the application's own Hibernate would build. Chosen with the
 * {@code driftless.hibernate} option, else found on the compile class path (see {@link #detect}).
 * Each property below names one difference, with the line that brought it.
 */
public enum HibernateLine {

    /** Hibernate 6.6 (Spring Boot 3.5); also taken for an older 6.x. */
    H6_6("6.6", "org.hibernate.Session"),
    /** Hibernate 7.0 to 7.2 (Spring Boot 4.0). */
    H7_1("7.1", "org.hibernate.Timeouts"),
    /** Hibernate 7.3. */
    H7_3("7.3", "org.hibernate.KeyType"),
    /** Hibernate 7.4 and newer (Spring Boot 4.1). */
    H7_4("7.4", "org.hibernate.annotations.Temporal");

    private static final String HIBERNATE = "org.hibernate.annotations.";

    /** The line modelled when neither the option nor the class path says one. */
    public static final HibernateLine DEFAULT = H7_1;

    private final String label;
    private final String marker;

    HibernateLine(String label, String marker) {
        this.label = label;
        this.marker = marker;
    }

    /** The line as the option writes it: {@code 6.6}, {@code 7.1}, {@code 7.3} or {@code 7.4}. */
    public String label() {
        return label;
    }

    /**
     * The option's value: a line ({@code 6.6}) or any Hibernate version ({@code 6.6.33.Final},
     * {@code 7.2}, {@code 8.0}), which picks the newest line not after it; null for a value that
     * is no version or is older than 6.
     */
    public static HibernateLine of(String option) {
        String[] parts = option.strip().toLowerCase(Locale.ROOT).split("\\.");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return null;
        }
        if (major < 6 || minor < 0) {
            return null;
        }
        HibernateLine found = H6_6;
        for (HibernateLine line : values()) {
            String[] own = line.label.split("\\.");
            int ownMajor = Integer.parseInt(own[0]);
            int ownMinor = Integer.parseInt(own[1]);
            if (major > ownMajor || (major == ownMajor && minor >= ownMinor)) {
                found = line;
            }
        }
        return found;
    }

    /**
     * The line of the Hibernate on the compile class path, or null when there is none. Each line is
     * known by a class of {@code hibernate-core} that first came with it (read through the compiler's
     * own {@link Elements}, so it works the same under javac, ECJ and in an IDE); the newest found wins.
     */
    public static HibernateLine detect(Elements elements) {
        List<HibernateLine> newestFirst = List.of(H7_4, H7_3, H7_1, H6_6);
        for (HibernateLine line : newestFirst) {
            if (elements.getTypeElement(line.marker) != null) {
                return line;
            }
        }
        return null;
    }

    /** Whether this line is the given one or newer. */
    boolean atLeast(HibernateLine other) {
        return compareTo(other) >= 0;
    }

    /** The fractional-second precision of a {@code time} column without one: 6 in 6.6, 0 since 7.0. */
    int defaultTimePrecision() {
        return atLeast(H7_1) ? 0 : 6;
    }

    /**
     * Whether the JPA 3.2 members {@code comment} and {@code secondPrecision} of {@code @Table} and
     * {@code @Column} are read (since 7.0; 6.6 implements JPA 3.1 and passes over them).
     */
    boolean readsJpa32Members() {
        return atLeast(H7_1);
    }

    /**
     * Whether {@code @Basic} on a primitive (even with its default {@code optional = true}) leaves
     * its column nullable, as an {@code @Column} does: 6.6 takes the annotation's optional; 7.x
     * makes the derived column of a primitive NOT NULL unless an {@code @Column} declares it.
     */
    boolean basicKeepsPrimitiveNullable() {
        return !atLeast(H7_1);
    }

    /**
     * Whether a single table's discriminator gets a check on its values, and each subclass's required
     * columns a check for its rows instead of NOT NULL (since 7.0; 6.6 has neither, and makes a
     * subclass's required association NOT NULL).
     */
    boolean checksSingleTableRows() {
        return atLeast(H7_1);
    }

    /**
     * Whether Spring Boot's snake-case naming keeps a quoted name as written (since 7.0; 6.6 converts
     * and folds it like any other).
     */
    boolean keepsQuotedNamesInSnakeCase() {
        return atLeast(H7_1);
    }

    /**
     * Whether an id whose {@code @GeneratedValue} names no generator draws from the generator on its
     * field, else on its class, else of its package's {@code package-info}, whatever that generator's
     * name: a {@code SEQUENCE} id from such a {@code @SequenceGenerator}, a {@code TABLE} id from such
     * a {@code @TableGenerator}, an {@code AUTO} id from the former, else the latter (since 7.0, JPA
     * 3.2's generator defaulting). 6.6 takes only an unnamed generator of the field or class, else
     * gives the id its own {@code <table>_SEQ}, or {@code hibernate_sequences}.
     */
    boolean defaultsToPackageGenerator() {
        return atLeast(H7_1);
    }

    /**
     * Whether {@code @GenericGenerator(strategy = "table")} names the enhanced {@code TableGenerator}
     * (since 7.0; 6.6 registers only {@code enhanced-table} and fails to load a class named {@code table}).
     */
    boolean namesTableStrategy() {
        return atLeast(H7_1);
    }

    /**
     * Whether an {@code identity} {@code @GenericGenerator} that a {@code @GeneratedValue(strategy = AUTO)}
     * names makes the id an identity column (since 7.0; 6.6 keeps AUTO, a sequence named like the generator).
     */
    boolean genericIdentityReplacesAuto() {
        return atLeast(H7_1);
    }

    /** Whether an {@code @OrderColumn} is checked to be {@code >= 0} (since 7.3). */
    boolean checksOrderColumn() {
        return atLeast(H7_3);
    }

    /** Whether a {@code @Version} column is NOT NULL whatever its type (since 7.3; before, only a primitive). */
    boolean versionNotNull() {
        return atLeast(H7_3);
    }

    /** Whether a {@code @CreationTimestamp} or {@code @UpdateTimestamp} column is NOT NULL (since 7.4). */
    boolean generatedTimestampNotNull() {
        return atLeast(H7_4);
    }

    /**
     * Whether a unidirectional one-to-many Set's join table is keyed by the target's columns alone
     * (since 7.4; before, by the owner's and the target's, with the target's unique).
     */
    boolean keysOneToManySetByTarget() {
        return atLeast(H7_4);
    }

    /**
     * Whether the columns of a to-one's join table that reference the target are NOT NULL however
     * optional the relation is (since 7.4; before, only for {@code optional = false}).
     */
    boolean requiresToOneJoinTableTarget() {
        return atLeast(H7_4);
    }

    /**
     * Whether an element-collection Set that cannot be keyed (a column allows null) gets a unique
     * constraint on all its columns instead (since 7.4; before, nothing).
     */
    boolean uniqueNullableSet() {
        return atLeast(H7_4);
    }

    /**
     * Whether this line makes the basic attribute's column NOT NULL whatever its type says: a
     * {@code @Version} (7.3 on), a {@code @CreationTimestamp} or {@code @UpdateTimestamp} (7.4 on).
     */
    boolean requiresColumn(Element field, JpaAnnotations jpa) {
        return versionNotNull() && jpa.has(field, "Version")
                || generatedTimestampNotNull() && (jpa.findNamed(field, HIBERNATE + "CreationTimestamp").isPresent()
                        || jpa.findNamed(field, HIBERNATE + "UpdateTimestamp").isPresent());
    }

    @Override
    public String toString() {
        return "Hibernate " + label;
    }
}
