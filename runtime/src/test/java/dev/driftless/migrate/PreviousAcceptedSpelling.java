package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.model.QualifiedName;

/**
 * An accepted difference as the release before form 2 recorded it (form 1: the model's objects as
 * their records print them), to check that such a line is still matched.
 */
final class PreviousAcceptedSpelling {

    private PreviousAcceptedSpelling() {}

    static AcceptedDifference of(Operation op) {
        String kind = kind(op);
        String d = op.describe();
        if (op instanceof Operation.CreateSchema o) {
            return form1(kind, o.schema(), "", "schema", d);
        } else if (op instanceof Operation.DropSchema o) {
            return form1(kind, o.schema(), "schema", "", d);
        } else if (op instanceof Operation.CreateSequence o) {
            return form1(kind, o.sequence().name().toString(), "", o.sequence().toString(), d);
        } else if (op instanceof Operation.AlterSequence o) {
            return form1(kind, o.to().name().toString(), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.DropSequence o) {
            return form1(kind, o.sequence().name().toString(), o.sequence().toString(), "", d);
        } else if (op instanceof Operation.CreateTable o) {
            return form1(kind, o.table().name().toString(), "", o.table().toString(), d);
        } else if (op instanceof Operation.DropTable o) {
            return form1(kind, o.table().name().toString(), o.table().toString(), "", d);
        } else if (op instanceof Operation.AddColumn o) {
            return form1(kind, on(o.table(), o.column().name()), "", o.column().toString(), d);
        } else if (op instanceof Operation.DropColumn o) {
            return form1(kind, on(o.table(), o.column().name()), o.column().toString(), "", d);
        } else if (op instanceof Operation.RenameTable o) {
            return form1(kind, o.from().toString(), o.from().name(), o.to(), d);
        } else if (op instanceof Operation.RenameConstraint o) {
            return form1(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.RenameIndex o) {
            return form1(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.RenameColumn o) {
            return form1(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.AlterColumnType o) {
            return form1(kind, on(o.table(), o.column()), collated(o.from().sql(), o.fromCollation()),
                    collated(o.to().sql(), o.toCollation()), d);
        } else if (op instanceof Operation.SetNullable o) {
            return form1(kind, on(o.table(), o.column()), o.nullable() ? "not null" : "null",
                    o.nullable() ? "null" : "not null", d);
        } else if (op instanceof Operation.SetDefault o) {
            return form1(kind, on(o.table(), o.column()), o.from(), o.to(), d);
        } else if (op instanceof Operation.SetIdentity o) {
            return form1(kind, on(o.table(), o.column()), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.SerialToIdentity o) {
            return form1(kind, on(o.table(), o.column()), o.serial().sql(), o.identity().toString(), d);
        } else if (op instanceof Operation.IdentityToSerial o) {
            return form1(kind, on(o.table(), o.column()), o.identity().toString(), o.serial().sql(), d);
        } else if (op instanceof Operation.AddPrimaryKey o) {
            return form1(kind, on(o.table(), o.primaryKey().name()), "", o.primaryKey().toString(), d);
        } else if (op instanceof Operation.DropPrimaryKey o) {
            return form1(kind, on(o.table(), o.primaryKey().name()), o.primaryKey().toString(), "", d);
        } else if (op instanceof Operation.AddUnique o) {
            return form1(kind, on(o.table(), o.constraint().name()), "", o.constraint().toString(), d);
        } else if (op instanceof Operation.DropUnique o) {
            return form1(kind, on(o.table(), o.constraint().name()), o.constraint().toString(), "", d);
        } else if (op instanceof Operation.CreateIndex o) {
            return form1(kind, on(o.table(), o.index().name()), "", o.index().toString(), d);
        } else if (op instanceof Operation.DropIndex o) {
            return form1(kind, on(o.table(), o.index().name()), o.index().toString(), "", d);
        } else if (op instanceof Operation.AddForeignKey o) {
            return form1(kind, on(o.table(), o.foreignKey().name()), "", o.foreignKey().toString(), d);
        } else if (op instanceof Operation.DropForeignKey o) {
            return form1(kind, on(o.table(), o.foreignKey().name()), o.foreignKey().toString(), "", d);
        } else if (op instanceof Operation.AddCheck o) {
            return form1(kind, on(o.table(), o.check().name()), "", o.check().toString(), d);
        } else if (op instanceof Operation.DropCheck o) {
            return form1(kind, on(o.table(), o.check().name()), o.check().toString(), "", d);
        } else if (op instanceof Operation.SetTableComment o) {
            return form1(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.SetColumnComment o) {
            return form1(kind, on(o.table(), o.column()), o.from(), o.to(), d);
        } else if (op instanceof Operation.CreateEnumType o) {
            return form1(kind, o.type().name().toString(), "", o.type().toString(), d);
        } else if (op instanceof Operation.DropEnumType o) {
            return form1(kind, o.type().name().toString(), o.type().toString(), "", d);
        } else if (op instanceof Operation.ReplaceEnumType o) {
            return form1(kind, o.to().name().toString(), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.CreateView o) {
            return form1(kind, o.view().name().toString(), "", o.view().toString(), d);
        } else if (op instanceof Operation.DropView o) {
            return form1(kind, o.view().name().toString(), o.view().toString(), "", d);
        }
        // The rest (a value added to an enum type, the syncs of online renames): the operation's whole value.
        return form1(kind, "", "", op.toString(), d);
    }

    private static AcceptedDifference form1(String kind, String object, String before, String after, String description) {
        return new AcceptedDifference(kind, object, before, after, description, AcceptedDifference.FORM_1);
    }

    private static String kind(Operation op) {
        return AcceptedDifference.kind(op);
    }

    private static String on(QualifiedName table, String name) {
        return table + "." + name;
    }

    private static String collated(String type, String collation) {
        return collation == null ? type : type + " collate " + collation;
    }
}
