package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Operation.AlterColumnType;
import dev.driftless.diff.Operation.IdentityToSerial;
import dev.driftless.history.Snapshot;
import dev.driftless.model.ColumnType;
import dev.driftless.model.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How to map a column as an adopted database has it, for the differences a baseline finds that a
 * mapping can take away: a {@code serial} key and a {@code json} (or other) column type. Each line
 * names the attribute that maps the column when the snapshot knows it, and the annotation to put on it.
 */
final class BaselineAdvice {

    private static final ColumnType JSON = ColumnType.of("json");

    private BaselineAdvice() {}

    /** @param differences the changes that turn the snapshot into the live schema */
    static List<String> of(List<Operation> differences, Snapshot snapshot) {
        var out = new LinkedHashSet<String>();
        for (Operation op : differences) {
            if (op instanceof IdentityToSerial o) {
                out.add(serial(snapshot, o.table(), o.column(), o.serial()));
            } else if (op instanceof AlterColumnType o && o.to().serial()) {
                out.add(serial(snapshot, o.table(), o.column(), o.to()));
            } else if (op instanceof AlterColumnType o && !o.from().equals(o.to())) {
                out.add(type(snapshot, o));
            }
        }
        return new ArrayList<>(out);
    }

    private static String serial(Snapshot snapshot, QualifiedName table, String column, ColumnType serial) {
        return attribute(snapshot, table, column) + " is a " + serial + " column in the database: map it with"
                + " @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(columnDefinition = \"" + serial
                + "\") and no @SequenceGenerator; to make it an identity column later, drop the columnDefinition"
                + " and freeze: the version converts it, keeping every key";
    }

    private static String type(Snapshot snapshot, AlterColumnType o) {
        String attribute = attribute(snapshot, o.table(), o.column());
        if (o.to().equals(JSON)) {
            return attribute + " is json in the database, which Hibernate maps as jsonb unless told: map it with"
                    + " @JdbcTypeCode(SqlTypes.JSON) @Column(columnDefinition = \"json\")";
        }
        return attribute + " is " + o.to() + " in the database, not " + o.from() + ": to keep it, map it with"
                + " @Column(columnDefinition = \"" + o.to() + "\")";
    }

    private static String attribute(Snapshot snapshot, QualifiedName table, String column) {
        return snapshot.mappedBy(table, column).map(a -> a + " (column " + table + "." + column + ")")
                .orElse("column " + table + "." + column);
    }
}
