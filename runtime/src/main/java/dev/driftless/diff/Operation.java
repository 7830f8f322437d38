package dev.driftless.diff;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.List;

/**
 * One change between two schema models. Operations are plain values: the diff produces them, the
 * planner turns them into SQL, the processor lists them in its notes.
 */
public sealed interface Operation {

    /** A short, one-line description for notes and version headers. */
    String describe();

    /** Whether applying the operation can discard data that exists in the database. */
    default boolean destructive() {
        return false;
    }

    record CreateSchema(String schema) implements Operation {
        public String describe() {
            return "create schema " + schema;
        }
    }

    record DropSchema(String schema) implements Operation {
        public String describe() {
            return "drop schema " + schema;
        }

        public boolean destructive() {
            return true;
        }
    }

    record CreateSequence(Sequence sequence) implements Operation {
        public String describe() {
            return "create sequence " + sequence.name();
        }
    }

    /** A sequence's start or increment changed; its current value stays. */
    record AlterSequence(Sequence from, Sequence to) implements Operation {
        public String describe() {
            return "alter sequence " + to.name() + " start=" + to.start() + " increment=" + to.increment();
        }
    }

    record DropSequence(Sequence sequence) implements Operation {
        public String describe() {
            return "drop sequence " + sequence.name();
        }
    }

    record CreateTable(Table table) implements Operation {
        public String describe() {
            return "create table " + table.name();
        }
    }

    record DropTable(Table table) implements Operation {
        public String describe() {
            return "drop table " + table.name();
        }

        public boolean destructive() {
            return true;
        }
    }

    record AddColumn(QualifiedName table, Column column) implements Operation {
        public String describe() {
            return "add column " + table + "." + column.name() + " " + column.type()
                    + (column.collation() == null ? "" : " collate \"" + column.collation() + '"')
                    + (column.nullable() ? "" : " not null");
        }
    }

    /** A declared rename of a table, within its schema: the rows stay. */
    record RenameTable(QualifiedName from, String to) implements Operation {
        public String describe() {
            return "rename table " + from + " to " + to;
        }
    }

    /** A key or unique constraint whose definition is unchanged but whose name is. */
    record RenameConstraint(QualifiedName table, String from, String to) implements Operation {
        public String describe() {
            return "rename constraint " + from + " on " + table + " to " + to;
        }
    }

    /** An index whose definition is unchanged but whose name is. */
    record RenameIndex(QualifiedName table, String from, String to) implements Operation {
        public String describe() {
            return "rename index " + from + " on " + table + " to " + to;
        }
    }

    /** A declared rename: the column keeps its rows. */
    record RenameColumn(QualifiedName table, String from, String to) implements Operation {
        public String describe() {
            return "rename column " + table + "." + from + " to " + to;
        }
    }

    record DropColumn(QualifiedName table, Column column) implements Operation {
        public String describe() {
            return "drop column " + table + "." + column.name();
        }

        public boolean destructive() {
            return true;
        }
    }

    /**
     * The old column of an online rename, dropped once the rename is over (contract): a trigger
     * kept every value of it in {@code keptIn}, converted to {@code keptInType}, so nothing is lost
     * when that type holds every value of the column's, and the down can rebuild it.
     */
    record DropSyncedColumn(QualifiedName table, Column column, String keptIn, ColumnType keptInType)
            implements Operation {
        public String describe() {
            return "drop column " + table + "." + column.name() + " (its values are kept in " + keptIn
                    + (destructive() ? " as " + keptInType + ", which may have changed them" : "") + ")";
        }

        /** Unless the other column's type holds every value of this one, its values there are converted ones. */
        public boolean destructive() {
            return !TypeChange.widens(column.type(), keptInType);
        }
    }

    /**
     * Starts keeping two columns equal (a trigger on insert and update), then, unless {@code filled}
     * is null, copies the other column into {@code filled} for the rows already there, in batches.
     * Each column's values reach the other cast to its type ({@code oldType}, {@code newType}).
     *
     * @param oldDefault the old column's default, which tells the trigger an insert did not set it;
     *     null when it has none or a volatile one
     * @param newDefault the same for the new column
     */
    record CreateColumnSync(ColumnSync sync, ColumnType oldType, ColumnType newType, String filled,
            String oldDefault, String newDefault) implements Operation {
        public String describe() {
            if (filled == null) {
                return "keep " + sync.table() + "." + sync.oldName() + " and " + sync.newName() + " equal";
            }
            String other = sync.other(filled);
            return "keep " + sync.table() + "." + sync.oldName() + " and " + sync.newName() + " equal (" + filled
                    + " filled from " + other + (destructive() ? "; a value written to " + filled + " reaches " + other
                    + " as " + typeOf(other) + ", which may change or refuse it" : "") + ")";
        }

        /** The type of one of the two columns. */
        public ColumnType typeOf(String column) {
            return column.equals(sync.oldName()) ? oldType : newType;
        }

        /**
         * A sync that starts (it fills a column) discards data when what is written to the filled
         * column cannot all be held by the other one: the application that still reads the other
         * column, and the down that drops the filled one, get converted values.
         */
        public boolean destructive() {
            return filled != null && !TypeChange.widens(typeOf(filled), typeOf(sync.other(filled)));
        }
    }

    record DropColumnSync(ColumnSync sync) implements Operation {
        public String describe() {
            return "stop keeping " + sync.table() + "." + sync.oldName() + " and " + sync.newName() + " equal";
        }
    }

    /**
     * A column's type or collation changed.
     *
     * @param fromCollation the collation before, {@code null} for the type's default
     * @param toCollation the collation after, {@code null} for the type's default
     * @param throughText whether the values are converted through their text: PostgreSQL has no
     *     cast between an enum type and other types but text
     */
    record AlterColumnType(QualifiedName table, String column, ColumnType from, ColumnType to, String fromCollation,
            String toCollation, boolean throughText) implements Operation {

        /** A type change that keeps the type's default collation. */
        public AlterColumnType(QualifiedName table, String column, ColumnType from, ColumnType to) {
            this(table, column, from, to, null, null, false);
        }

        /** A type or collation change with a cast PostgreSQL has. */
        public AlterColumnType(QualifiedName table, String column, ColumnType from, ColumnType to, String fromCollation,
                String toCollation) {
            this(table, column, from, to, fromCollation, toCollation, false);
        }

        /** A type change that keeps the type's default collation, through text or not. */
        public AlterColumnType(QualifiedName table, String column, ColumnType from, ColumnType to, boolean throughText) {
            this(table, column, from, to, null, null, throughText);
        }

        public String describe() {
            if (from.equals(to)) {
                return "change collation of " + table + "." + column + " from " + collation(fromCollation) + " to "
                        + collation(toCollation);
            }
            return "change type of " + table + "." + column + " from " + from + collated(fromCollation) + " to " + to
                    + collated(toCollation);
        }

        private static String collation(String name) {
            return name == null ? "the default" : '"' + name + '"';
        }

        private static String collated(String name) {
            return name == null ? "" : " collate \"" + name + '"';
        }

        /** A widening keeps every value; any other change may fail or round. */
        public boolean destructive() {
            return !TypeChange.widens(from, to);
        }
    }

    record SetNullable(QualifiedName table, String column, boolean nullable) implements Operation {
        public String describe() {
            return (nullable ? "drop not null on " : "set not null on ") + table + "." + column;
        }
    }

    /** {@code to == null} drops the default. */
    record SetDefault(QualifiedName table, String column, String from, String to) implements Operation {
        public String describe() {
            return to == null
                    ? "drop default of " + table + "." + column
                    : "set default of " + table + "." + column + " to " + to;
        }
    }

    record SetIdentity(QualifiedName table, String column, Identity from, Identity to) implements Operation {
        public String describe() {
            return "change identity of " + table + "." + column + " from " + from + " to " + to;
        }
    }

    /**
     * A {@code serial} column (its default takes the next value of a sequence it owns) becomes an
     * identity column, or a plain one when {@code identity} is {@code NONE}: the default and the
     * sequence go, and the identity starts after both the sequence's last value and the column's
     * highest value, so no key is handed out twice. Keeps every value.
     *
     * @param serial the shorthand the column was made with, e.g. {@code bigserial}
     */
    record SerialToIdentity(QualifiedName table, String column, ColumnType serial, Identity identity)
            implements Operation {
        public String describe() {
            return "convert " + serial + " column " + table + "." + column + " to "
                    + (identity == Identity.NONE ? "a plain " + serial.plain() + " column" : "an identity column ("
                    + (identity == Identity.ALWAYS ? "generated always" : "generated by default") + ")");
        }
    }

    /**
     * The inverse of {@link SerialToIdentity}: an identity (or plain) integer column becomes a
     * {@code serial} one, its new owned sequence starting after the column's identity's last value
     * and its highest value. Keeps every value.
     */
    record IdentityToSerial(QualifiedName table, String column, ColumnType serial, Identity identity)
            implements Operation {
        public String describe() {
            return "convert " + (identity == Identity.NONE ? "" : "identity ") + "column " + table + "." + column
                    + " to " + serial;
        }
    }

    record AddPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements Operation {
        public String describe() {
            return "add primary key " + primaryKey.name() + " on " + table + " " + primaryKey.columns();
        }
    }

    record DropPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements Operation {
        public String describe() {
            return "drop primary key " + primaryKey.name() + " on " + table;
        }
    }

    record AddUnique(QualifiedName table, UniqueConstraint constraint) implements Operation {
        public String describe() {
            return "add unique constraint " + constraint.name() + " on " + table + " " + constraint.columns();
        }
    }

    record DropUnique(QualifiedName table, UniqueConstraint constraint) implements Operation {
        public String describe() {
            return "drop unique constraint " + constraint.name() + " on " + table;
        }
    }

    record CreateIndex(QualifiedName table, Index index) implements Operation {
        public String describe() {
            return "create " + (index.unique() ? "unique " : "") + "index " + index.name() + " on " + table;
        }
    }

    record DropIndex(QualifiedName table, Index index) implements Operation {
        public String describe() {
            return "drop index " + index.name() + " on " + table;
        }
    }

    record AddForeignKey(QualifiedName table, ForeignKey foreignKey) implements Operation {
        public String describe() {
            return "add foreign key " + foreignKey.name() + " on " + table + " " + foreignKey.columns()
                    + " -> " + foreignKey.target() + " " + foreignKey.targetColumns();
        }
    }

    record DropForeignKey(QualifiedName table, ForeignKey foreignKey) implements Operation {
        public String describe() {
            return "drop foreign key " + foreignKey.name() + " on " + table;
        }
    }

    /** {@code to == null} removes the comment. */
    record SetTableComment(QualifiedName table, String from, String to) implements Operation {
        public String describe() {
            return (to == null ? "remove comment of table " : "set comment of table ") + table;
        }
    }

    /** {@code to == null} removes the comment. */
    record SetColumnComment(QualifiedName table, String column, String from, String to) implements Operation {
        public String describe() {
            return (to == null ? "remove comment of column " : "set comment of column ") + table + "." + column;
        }
    }

    record AddCheck(QualifiedName table, CheckConstraint check) implements Operation {
        public String describe() {
            return "add check constraint " + check.name() + " on " + table + ": " + check.expression();
        }
    }

    record DropCheck(QualifiedName table, CheckConstraint check) implements Operation {
        public String describe() {
            return "drop check constraint " + check.name() + " on " + table;
        }
    }

    record CreateEnumType(EnumType type) implements Operation {
        public String describe() {
            return "create enum type " + type.name() + " " + type.values();
        }
    }

    record DropEnumType(EnumType type) implements Operation {
        public String describe() {
            return "drop enum type " + type.name();
        }
    }

    /**
     * A value added to an enum type, placed before {@code before} or, when that is {@code null},
     * after {@code after} (or last when both are {@code null}).
     */
    record AddEnumValue(QualifiedName type, String value, String before, String after) implements Operation {
        public String describe() {
            return "add value '" + value + "' to enum type " + type;
        }
    }

    /**
     * A column whose type is an enum type that is being replaced: its default is dropped for the
     * conversion ({@code defaultBefore}) and given again after it ({@code defaultAfter}, the one the
     * version leaves, which the re-created type holds).
     */
    record EnumColumn(QualifiedName table, String column, String defaultBefore, String defaultAfter) {}

    /**
     * An enum type re-created with other values (PostgreSQL cannot drop or reorder enum values):
     * the old type is renamed away, the new one created, the columns converted through text.
     * Rows holding a value that is gone make the conversion fail, so it counts as data loss.
     */
    record ReplaceEnumType(EnumType from, EnumType to, List<EnumColumn> columns) implements Operation {
        public ReplaceEnumType {
            columns = List.copyOf(columns);
        }

        public String describe() {
            return "replace enum type " + to.name() + " " + from.values() + " -> " + to.values();
        }

        public boolean destructive() {
            return !to.values().containsAll(from.values());
        }
    }

    record CreateView(View view) implements Operation {
        public String describe() {
            return "create " + view.kind() + " " + view.name();
        }
    }

    /** A view dropped, for good or to be re-created after the tables it reads have changed. */
    record DropView(View view) implements Operation {
        public String describe() {
            return "drop " + view.kind() + " " + view.name();
        }
    }
}
