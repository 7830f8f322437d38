package dev.driftless.migrate;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One frozen version. The processor generates an implementation per version from the committed
 * history directory; the statements are the exact SQL that was frozen, so a frozen version never
 * changes what it does, whatever Driftless version later runs it.
 */
public interface Migration {

    /** The version number, starting at 1, without gaps. */
    int version();

    /** The name given at freeze time, e.g. {@code initial}. */
    String description();

    /** SHA-256 over the version, its parent and its statements, as written in the history file. */
    String checksum();

    /** The statements that take the database from {@code version() - 1} to {@code version()}. */
    List<String> up();

    /** The statements that take the database from {@code version()} back to {@code version() - 1}. */
    List<String> down();

    /**
     * Why the down cannot give back what the up discarded (a dropped column, a narrowed type, a
     * reason a hand-written step gave); empty when the version can be undone. Downgrading through
     * such a version is refused unless forced.
     */
    default List<String> irreversible() {
        return List.of();
    }

    /**
     * For a squash, the versions it replaces, each with the checksums a database may
     * have recorded for it, separated by commas; empty for an ordinary version.
     */
    default SortedMap<Integer, String> squashed() {
        return new TreeMap<>();
    }

    /**
     * The Java step that a statement {@code -- driftless:java <class>} of {@link #up()} or
     * {@link #down()} names. Generated versions that have Java steps create them here.
     */
    default JavaStep javaStep(String className) {
        throw new MigrationException("version " + version() + " (" + description() + ") has no Java step " + className);
    }
}
