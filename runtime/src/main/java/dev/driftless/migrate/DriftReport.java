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
 * @param accepted the differences and issues a forced baseline accepted that are still there (the
 *     same kind, object, before and after: {@link AcceptedDifference#matches}), as described now:
 *     listed, not counted as drift
 * @param advice how to map what differs as the database has it (a baseline gives it)
 */
public record DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences,
        List<SchemaIssue> issues, List<String> accepted, List<String> advice) {

    public DriftReport {
        differences = List.copyOf(differences);
        issues = List.copyOf(issues);
        accepted = List.copyOf(accepted);
        advice = List.copyOf(advice);
    }

    /** A report without accepted differences or advice. */
    public DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences,
            List<SchemaIssue> issues) {
        this(databaseVersion, snapshotVersion, differences, issues, List.of(), List.of());
    }

    /** A report without issues. */
    public DriftReport(int databaseVersion, int snapshotVersion, List<Operation> differences) {
        this(databaseVersion, snapshotVersion, differences, List.of());
    }

    /** The same report with advice on mapping the differences as the database has them. */
    public DriftReport withAdvice(List<String> lines) {
        return new DriftReport(databaseVersion, snapshotVersion, differences, issues, accepted, lines);
    }

    /** Every difference and issue, as {@link #describe()} lists them: what a forced baseline records as accepted. */
    List<String> lines() {
        var out = new java.util.ArrayList<String>();
        differences.forEach(d -> out.add(d.describe()));
        issues.forEach(i -> out.add(i.describe()));
        return out;
    }

    /** Every difference and issue, as a forced baseline records it as accepted. */
    List<AcceptedDifference> toAccept() {
        var out = new java.util.ArrayList<AcceptedDifference>();
        differences.forEach(d -> out.add(AcceptedDifference.of(d)));
        issues.forEach(i -> out.add(AcceptedDifference.of(i)));
        return out;
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
            return "no drift: the database matches the snapshot of version " + snapshotVersion + acceptedLines();
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
        if (!advice.isEmpty()) {
            out.append("\nto map the database as it is:");
            advice.forEach(a -> out.append("\n  ").append(a));
        }
        return out.append(acceptedLines()).toString();
    }

    private String acceptedLines() {
        if (accepted.isEmpty()) {
            return "";
        }
        var out = new StringBuilder("\n(not counted: ").append(count(accepted.size(), "difference"))
                .append(" accepted when the database was baselined with force)");
        accepted.forEach(a -> out.append("\n  accepted: ").append(a));
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
     * and {@code description}; {@code accepted} lists what a forced baseline accepted that is still
     * there (not counted in {@code drifted}).
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
        out.append("],\"accepted\":[");
        for (int i = 0; i < accepted.size(); i++) {
            out.append(i == 0 ? "" : ",").append(jsonString(accepted.get(i)));
        }
        return out.append("]}").toString();
    }

    /** {@code AddColumn} → {@code add_column}. */
    private static String kind(Operation op) {
        return AcceptedDifference.kind(op);
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
