package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Operation.AlterColumnType;
import dev.driftless.diff.Operation.IdentityToSerial;
import dev.driftless.diff.Operation.RenameConstraint;
import dev.driftless.diff.Operation.RenameIndex;
import dev.driftless.history.Snapshot;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How to map a column as an adopted database has it, for the differences a baseline finds that a
 * mapping can take away: a {@code serial} key and a {@code json} (or other) column type. Each line
 * names the attribute that maps the column when the snapshot knows it, and the annotation to put on it.
 * A constraint or index that differs only in its name gets the two ways out: a baseline that aligns
 * names, or the database's name in the mapping.
 */
final class BaselineAdvice {

    private static final ColumnType JSON = ColumnType.of("json");

    /** The three ways to ask a baseline to align names, as the messages name them. */
    static final String ALIGN_NAMES = "`driftless baseline --align-names`, `mvn driftless:baseline"
            + " -Ddriftless.alignNames=true`, `Migrator.baseline(snapshot, force, true)`";

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
            } else if (op instanceof RenameConstraint o) {
                out.add(renamed(snapshot, o.table(), o.from(), o.to(), false));
            } else if (op instanceof RenameIndex o) {
                out.add(renamed(snapshot, o.table(), o.from(), o.to(), true));
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

    /**
     * A constraint or index named {@code live} in the database and {@code wanted} in the snapshot:
     * align the names, or name it in the mapping as the database does (then freeze, and baseline
     * with that version's snapshot, which has the database's name).
     */
    private static String renamed(Snapshot snapshot, QualifiedName tableName, String wanted, String live, boolean index) {
        String align = "; to give the database the snapshot's name, baseline with align names (" + ALIGN_NAMES
                + "); to keep " + live + ", name it in the entity: ";
        String freeze = ", then freeze and baseline with the snapshot of the version that freezes";
        Table table = snapshot.model().table(tableName).orElse(null);
        String name = javaString(Identifiers.quote(live).equals(live) ? live : Identifiers.delimited(live));
        if (table != null && index) {
            Index i = table.indexes().stream().filter(x -> x.name().equals(wanted)).findFirst().orElse(null);
            if (i != null) {
                String columns = String.join(", ", i.columns().stream()
                        .map(c -> c.name() + (c.descending() ? " DESC" : "")).toList());
                return "index " + live + " on " + tableName + " (" + columns + ") is " + wanted + " in the snapshot"
                        + align + "@Index(name = "
                        + name + ", columnList = " + javaString(columns) + (i.unique() ? ", unique = true" : "") + ") in the"
                        + " @Table(indexes = ...) of the entity of table " + tableName + freeze;
            }
        }
        if (table != null) {
            ForeignKey fk = table.foreignKeys().stream().filter(x -> x.name().equals(wanted)).findFirst().orElse(null);
            if (fk != null) {
                String who = fk.columns().size() == 1 ? attribute(snapshot, tableName, fk.columns().get(0))
                        : "columns " + tableName + ".(" + String.join(", ", fk.columns()) + ")";
                return who + ": foreign key " + live + " to " + fk.target() + " is " + wanted + " in the snapshot"
                        + align + "foreignKey = @ForeignKey(name = " + name + ") on the @JoinColumn"
                        + (fk.columns().size() == 1 ? "" : "s") + " that maps it" + freeze;
            }
            UniqueConstraint u = table.uniqueConstraints().stream().filter(x -> x.name().equals(wanted)).findFirst()
                    .orElse(null);
            if (u != null) {
                return "unique constraint " + live + " on " + tableName + " (" + String.join(", ", u.columns()) + ") is "
                        + wanted + " in the snapshot" + align + "@UniqueConstraint(name = " + name + ", columnNames = {"
                        + String.join(", ", u.columns().stream().map(BaselineAdvice::javaString).toList())
                        + "}) in the @Table(uniqueConstraints = ...) of the entity of table " + tableName
                        + " (in place of the @Column(unique = true) that makes it, if one does)" + freeze;
            }
            if (table.primaryKey() != null && table.primaryKey().name().equals(wanted)) {
                return "primary key " + live + " on " + tableName + " is " + wanted + " in the snapshot: baseline with"
                        + " align names (" + ALIGN_NAMES + ") to rename it " + wanted + " in the database (a mapping"
                        + " cannot name a primary key)";
            }
            CheckConstraint c = table.checks().stream().filter(x -> x.name().equals(wanted)).findFirst().orElse(null);
            if (c != null) {
                return "check constraint " + live + " on " + tableName + " is " + wanted + " in the snapshot" + align
                        + "@Check(name = " + name + ", constraints = " + javaString(c.expression()) + ") on the entity"
                        + " of table " + tableName + freeze;
            }
        }
        return (index ? "index " : "constraint ") + live + " on " + tableName + " is " + wanted + " in the snapshot:"
                + " baseline with align names (" + ALIGN_NAMES + ") to rename it " + wanted + " in the database";
    }

    /** A Java string literal of the text, as it is pasted into an annotation. */
    private static String javaString(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\r", "\\r") + '"';
    }

    private static String attribute(Snapshot snapshot, QualifiedName table, String column) {
        return snapshot.mappedBy(table, column).map(a -> a + " (column " + table + "." + column + ")")
                .orElse("column " + table + "." + column);
    }
}
