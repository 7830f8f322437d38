package dev.driftless.docs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's table-level lock modes ("Explicit Locking", Table 13.2), weakest first: a mode
 * conflicts with a superset of what every mode before it conflicts with, except that SHARE UPDATE
 * EXCLUSIVE conflicts with itself and SHARE does not ({@link #covering(LockMode)} handles that).
 */
public enum LockMode {
    ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** The mode as SQL spells it, as in {@code LOCK TABLE t IN <sql> MODE}. */
    public String sql() {
        return name().replace('_', ' ');
    }

    /** The mode as {@code pg_locks.mode} names it: {@code AccessExclusiveLock}, ... */
    public String pgLocksName() {
        var out = new StringBuilder();
        for (String word : name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.append("Lock").toString();
    }

    /** The mode {@code pg_locks.mode} names, or null for a name that is not a table lock mode. */
    public static LockMode ofPgLocksName(String name) {
        for (LockMode mode : values()) {
            if (mode.pgLocksName().equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** The modes another transaction's lock conflicts with while this one is held (Table 13.2). */
    public Set<LockMode> conflicts() {
        return switch (this) {
            case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
            case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ROW_EXCLUSIVE -> EnumSet.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE_UPDATE_EXCLUSIVE -> EnumSet.of(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE);
            case SHARE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE);
            case SHARE_ROW_EXCLUSIVE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
                    EXCLUSIVE, ACCESS_EXCLUSIVE);
            case EXCLUSIVE -> EnumSet.of(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
                    EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ACCESS_EXCLUSIVE -> EnumSet.allOf(LockMode.class);
        };
    }

    /**
     * The weakest mode that conflicts with everything this one and {@code other} conflict with:
     * holding it, a transaction gets either of them without waiting. Usually the stronger of the
     * two; SHARE UPDATE EXCLUSIVE and SHARE together need SHARE ROW EXCLUSIVE. (Holding a mode, a
     * transaction gets another at once when every lock that conflicts with the other conflicts with
     * the one held too, since no other transaction can hold such a lock.)
     */
    public LockMode covering(LockMode other) {
        for (LockMode mode : values()) {
            if (mode.conflicts().containsAll(conflicts()) && mode.conflicts().containsAll(other.conflicts())) {
                return mode;
            }
        }
        return ACCESS_EXCLUSIVE;
    }
}
