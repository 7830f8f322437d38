package dev.driftless.docs;

import dev.driftless.history.FrozenVersion;
import java.util.List;
import java.util.Objects;

/**
 * One version as the changelog shows it.
 *
 * @param changes what the version changes, one line each (the operations it was planned from);
 *     empty when only its statements are known
 * @param up every statement it runs going up, in order
 * @param irreversible why its down cannot give back what its up discards; empty when it can
 * @param state where a database stands with it ({@code applied 2026-01-02T03:04:05Z}, {@code
 *     pending}), or null when no database is looked at
 */
public record ChangelogEntry(int version, String name, List<String> changes, List<String> up,
        List<String> irreversible, String state) {

    public ChangelogEntry {
        Objects.requireNonNull(name, "name");
        changes = List.copyOf(changes);
        up = List.copyOf(up);
        irreversible = List.copyOf(irreversible);
    }

    /** A frozen version of the history directory. */
    public static ChangelogEntry of(FrozenVersion version) {
        return new ChangelogEntry(version.version(), version.name(), version.operations(), version.allUp(),
                version.irreversible(), null);
    }
}
