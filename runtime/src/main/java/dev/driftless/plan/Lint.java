package dev.driftless.plan;

import dev.driftless.diff.Operation;
import dev.driftless.diff.TypeChange;
import dev.driftless.model.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of a version that still take a lock that stops a busy table, or that break the
 * application versions still running, once the planner has used every safe form it has: the lint
 * a freeze prints, in the spirit of Squawk and strong_migrations. Operations on tables the version
 * creates are never findings: nobody uses those yet.
 */
public final class Lint {

    /** One finding: the step, the lock it takes, why that hurts, and what to do instead. */
    public record Finding(String step, String lock, String why, String instead) {
        public String describe() {
            return step + ": takes " + lock + " " + why + "; " + instead;
        }
    }

    private Lint() {}

    public static List<Finding> of(List<Operation> operations) {
        return of(operations, List.of());
    }

    /** The findings of a version whose added columns may have fills: a filled required column is none. */
    public static List<Finding> of(List<Operation> operations, List<dev.driftless.history.ColumnFill> fills) {
        Set<QualifiedName> created = new HashSet<>();
        operations.stream().filter(o -> o instanceof Operation.CreateTable)
                .forEach(o -> created.add(((Operation.CreateTable) o).table().name()));
        var findings = new ArrayList<Finding>();
        for (Operation op : operations) {
            if (op instanceof Operation.AlterColumnType o && !created.contains(o.table())
                    && TypeChange.rewrites(o.from(), o.to())) {
                findings.add(new Finding(op.describe(), "ACCESS EXCLUSIVE",
                        "and rewrites the whole table while every read and write waits",
                        "expand and contract instead: give the field a new column name with the new type and declare"
                                + " @RenamedFrom(value = \"" + o.column() + "\", online = true); the version then adds"
                                + " that column, keeps both equal and fills it in batches, and a later version drops the"
                                + " old one"));
            } else if (op instanceof Operation.ReplaceEnumType o && !o.columns().isEmpty()) {
                findings.add(new Finding(op.describe(), "ACCESS EXCLUSIVE on " + o.columns().stream()
                        .map(c -> c.table().toString()).distinct().toList(),
                        "and rewrites those tables to convert their columns",
                        "only add enum values (altered in place), or move the column to a new type in an expand"
                                + " and contract"));
            } else if (op instanceof Operation.RenameColumn o) {
                findings.add(new Finding(op.describe(), "ACCESS EXCLUSIVE (briefly)",
                        "and the instances still running the previous version query " + o.from() + " and fail",
                        "declare the rename online (@RenamedFrom(value = \"" + o.from() + "\", online = true)): the"
                                + " version then adds the new column and keeps both equal, and a later version drops the"
                                + " old one once no instance uses it"));
            } else if (op instanceof Operation.RenameTable o && operations.stream().noneMatch(c ->
                    c instanceof Operation.CreateView v && v.view().name().equals(o.from()))) {
                // Renamed online, a view under the old name stands in for the table.
                findings.add(new Finding(op.describe(), "ACCESS EXCLUSIVE (briefly)",
                        "and the instances still running the previous version query " + o.from() + " and fail",
                        "declare the rename online (@RenamedFrom(value = \"" + o.from().name() + "\", online = true)"
                                + " on the entity): a view under the old name then stands in for the table until a"
                                + " later version drops it"));
            } else if (op instanceof Operation.AddColumn o && !created.contains(o.table()) && !o.column().nullable()
                    && PostgresPlanner.fillOf(fills, o) == null
                    && o.column().defaultExpression() == null && o.column().identity() == dev.driftless.model.Identity.NONE) {
                findings.add(new Finding(op.describe(), "ACCESS EXCLUSIVE",
                        "and fails as soon as the table has a row",
                        "give it a default, or fill its rows in the same version: a section " + dev.driftless.history.HandWrittenSteps.FILL
                                + " " + o.table() + "." + o.column().name() + " in next.sql, with the SQL expression of its"
                                + " value (the version then adds it nullable, fills it in batches and makes it NOT NULL"
                                + " through a validated check, without blocking writers)"));
            }
        }
        return findings;
    }
}
