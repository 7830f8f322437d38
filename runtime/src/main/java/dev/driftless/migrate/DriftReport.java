package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import java.util.List;

/**
 * How a live database differs from the snapshot of the version it is at.
 *
 * @param differences what it would take to turn the snapshot into the live schema, so each one names
 *     something the database has, lacks or has otherwise than the model expects
 */
public record DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences) {

    public DriftReport {
        differences = List.copyOf(differences);
    }

    /** Whether the database is at the version the snapshot describes, so the comparison means something. */
    public boolean comparable() {
        return databaseVersion == snapshotVersion;
    }

    public boolean drifted() {
        return !comparable() || !differences.isEmpty();
    }

    /** A report for people: one line per difference. */
    public String describe() {
        if (!comparable()) {
            return "the database is at version " + databaseVersion + " but the snapshot is of version "
                    + snapshotVersion + ": migrate first, then check again";
        }
        if (differences.isEmpty()) {
            return "no drift: the database matches the snapshot of version " + snapshotVersion;
        }
        var out = new StringBuilder("the database differs from the snapshot of version " + snapshotVersion
                + " (" + differences.size() + " difference" + (differences.size() == 1 ? "" : "s")
                + "; each is the change that would turn the snapshot into the database):");
        differences.forEach(d -> out.append("\n  ").append(d.describe()));
        return out.toString();
    }
}
