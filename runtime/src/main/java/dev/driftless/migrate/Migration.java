package dev.driftless.migrate;

import java.util.List;

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
}
