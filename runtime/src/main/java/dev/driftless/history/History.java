package dev.driftless.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The committed history: the frozen versions, in order, and the snapshot of the last one. The
 * constructor checks that the versions form one unbroken chain, each on top of its parent. The
 * chain starts at version 1, or at a squash that replaced the versions up to it.
 */
public record History(List<FrozenVersion> versions, Snapshot snapshot) {

    public static final History EMPTY = new History(List.of(), Snapshot.EMPTY);

    public History {
        versions = List.copyOf(versions);
        Objects.requireNonNull(snapshot, "snapshot");
        String parent = FrozenVersion.NO_PARENT;
        int first = versions.isEmpty() ? 1 : versions.get(0).version();
        if (!versions.isEmpty() && !versions.get(0).isSquash() && first != 1) {
            throw new HistoryFormatException(versions.get(0).fileName() + ": the history starts at version " + first
                    + " without a squash before them: restore the missing versions from version control");
        }
        for (int i = 0; i < versions.size(); i++) {
            FrozenVersion v = versions.get(i);
            int expected = first + i;
            if (i > 0 && v.isSquash()) {
                throw new HistoryFormatException(v.fileName() + ": a squash must be the first version of the history;"
                        + " delete the versions it replaces");
            }
            if (v.version() != expected) {
                throw new HistoryFormatException(v.fileName() + ": expected version " + expected + " here; "
                        + (v.version() == expected - 1 ? "two files claim version " + v.version() + " (two branches froze"
                                + " the same version: delete the one not yet applied anywhere and freeze again on top)"
                                : "versions must be numbered without gaps"));
            }
            if (!v.parentChecksum().equals(parent)) {
                throw new HistoryFormatException(v.fileName() + ": it was frozen on top of a different version "
                        + (i == 0 ? "chain" : String.valueOf(expected - 1)) + " than the one committed (a stale parent, usually from a "
                        + "parallel branch): delete this version if it is not applied anywhere and freeze again");
            }
            parent = v.checksum();
        }
        int last = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
        if (snapshot.version() != last) {
            throw new HistoryFormatException(SnapshotFormat.FILE_NAME + ": it is the snapshot of version "
                    + snapshot.version() + " but the last frozen version is " + last
                    + ": restore the snapshot that was frozen with the last version");
        }
    }

    public int lastVersion() {
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    }

    /** The checksum a new version records as its parent. */
    public String headChecksum() {
        return versions.isEmpty() ? FrozenVersion.NO_PARENT : versions.get(versions.size() - 1).checksum();
    }

    /** This history with one more version on top. */
    public History plus(FrozenVersion next, Snapshot nextSnapshot) {
        var all = new ArrayList<>(versions);
        all.add(next);
        return new History(all, nextSnapshot);
    }
}
