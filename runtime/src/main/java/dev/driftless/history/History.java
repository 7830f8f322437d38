package dev.driftless.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The committed history: the frozen versions, in order, and the snapshot of the last one. The
 * constructor checks that the versions form one unbroken chain, each on top of its parent.
 */
public record History(List<FrozenVersion> versions, Snapshot snapshot) {

    public static final History EMPTY = new History(List.of(), Snapshot.EMPTY);

    public History {
        versions = List.copyOf(versions);
        Objects.requireNonNull(snapshot, "snapshot");
        String parent = FrozenVersion.NO_PARENT;
        for (int i = 0; i < versions.size(); i++) {
            FrozenVersion v = versions.get(i);
            if (v.version() != i + 1) {
                throw new HistoryFormatException(v.fileName() + ": expected version " + (i + 1) + " here; "
                        + (v.version() == i ? "two files claim version " + i + " (two branches froze the same "
                                + "version: delete the one not yet applied anywhere and freeze again on top)"
                                : "versions must be numbered 1, 2, 3... without gaps"));
            }
            if (!v.parentChecksum().equals(parent)) {
                throw new HistoryFormatException(v.fileName() + ": it was frozen on top of a different version "
                        + (i == 0 ? "chain" : i) + " than the one committed (a stale parent, usually from a "
                        + "parallel branch): delete this version if it is not applied anywhere and freeze again");
            }
            parent = v.checksum();
        }
        if (snapshot.version() != versions.size()) {
            throw new HistoryFormatException(SnapshotFormat.FILE_NAME + ": it is the snapshot of version "
                    + snapshot.version() + " but the last frozen version is " + versions.size()
                    + ": restore the snapshot that was frozen with the last version");
        }
    }

    public int lastVersion() {
        return versions.size();
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
