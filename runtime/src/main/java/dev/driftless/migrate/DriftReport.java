package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.introspect.SchemaIssue;
import java.util.List;

/**
 * How a live database differs from the snapshot of the version it is at.
 *
 * @param differences what it would take to turn the snapshot into the live schema, so each one names
 *     something the database has, lacks or has otherwise than the model expects
 * @param issues what the database has that no model difference can say: triggers the model does not
 *     describe, invalid indexes
 */
public record DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences,
        List<SchemaIssue> issues) {

    public DriftReport {
        differences = List.copyOf(differences);
        issues = List.copyOf(issues);
    }

    /** A report without issues. */
    public DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences) {
        this(databaseVersion, snapshotVersion, differences, List.of());
    }

    /** Whether the live schema has differences or issues, whatever the versions. */
    public boolean differs() {
        return !differences.isEmpty() || !issues.isEmpty();
    }

    /** Whether the database is at the version the snapshot describes, so the comparison means something. */
    public boolean comparable() {
        return databaseVersion == snapshotVersion;
    }

    public boolean drifted() {
        return !comparable() || differs();
    }

    /** A report for people: one line per difference, then one per issue. */
    public String describe() {
        if (!comparable()) {
            return "the database is at version " + databaseVersion + " but the snapshot is of version "
                    + snapshotVersion + ": migrate first, then check again";
        }
        if (!differs()) {
            return "no drift: the database matches the snapshot of version " + snapshotVersion;
        }
        var out = new StringBuilder();
        if (!differences.isEmpty()) {
            out.append("the database differs from the snapshot of version ").append(snapshotVersion).append(" (")
                    .append(count(differences.size(), "difference"))
                    .append("; each is the change that would turn the snapshot into the database):");
            differences.forEach(d -> out.append("\n  ").append(d.describe()));
        }
        if (!issues.isEmpty()) {
            out.append(differences.isEmpty() ? "the database has " : "\nand it has ").append(count(issues.size(), "issue"))
                    .append(" that the snapshot of version ").append(snapshotVersion).append(" does not account for:");
            issues.forEach(i -> out.append("\n  ").append(i.describe()));
        }
        return out.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A report for programs, as one JSON object: {@code databaseVersion}, {@code snapshotVersion},
     * {@code comparable}, {@code drifted}, {@code differences}, each with its {@code kind} (the
     * operation, e.g. {@code add_column}) and {@code description}, and {@code issues}, each with its
     * {@code kind} ({@code unmanaged_trigger} or {@code invalid_index}), {@code table}, {@code name}
     * and {@code description}.
     */
    public String toJson() {
        var out = new StringBuilder("{\"databaseVersion\":").append(databaseVersion)
                .append(",\"snapshotVersion\":").append(snapshotVersion)
                .append(",\"comparable\":").append(comparable())
                .append(",\"drifted\":").append(drifted())
                .append(",\"differences\":[");
        for (int i = 0; i < differences.size(); i++) {
            Operation d = differences.get(i);
            out.append(i == 0 ? "" : ",").append("{\"kind\":").append(jsonString(kind(d)))
                    .append(",\"description\":").append(jsonString(d.describe())).append('}');
        }
        out.append("],\"issues\":[");
        for (int i = 0; i < issues.size(); i++) {
            SchemaIssue issue = issues.get(i);
            out.append(i == 0 ? "" : ",").append("{\"kind\":").append(jsonString(issue.kind()))
                    .append(",\"table\":").append(jsonString(issue.table().toString()))
                    .append(",\"name\":").append(jsonString(issue.name()))
                    .append(",\"description\":").append(jsonString(issue.describe())).append('}');
        }
        return out.append("]}").toString();
    }

    /** {@code AddColumn} → {@code add_column}. */
    private static String kind(Operation op) {
        return op.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String jsonString(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
