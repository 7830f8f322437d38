package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.history.SnapshotLines;
import dev.driftless.introspect.SchemaIssue;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A difference (or issue) that a forced baseline accepted, as the history's {@code accepted} column
 * keeps it: what kind of change it is, the object it is on, that object's value before and after it,
 * and the description the drift report gave then. The drift check matches what it finds against it
 * by the first four, so a difference whose wording changes in a later release is still the accepted
 * one, and one that has changed since (another type, another definition) is drift again.
 *
 * <p>One line each, {@code #2<TAB>kind<TAB>object<TAB>before<TAB>after<TAB>description}, where a tab,
 * a newline, a carriage return and a backslash inside a field are written {@code \t}, {@code \n},
 * {@code \r} and {@code \\}. In form 2 a model object (a column, a key, an index, a table...) is
 * spelled as the snapshot file writes it ({@link SnapshotLines}), a spelling kept stable across
 * releases, so a later release whose model records gain a component still finds the difference
 * accepted. Lines marked {@code #1}, of an earlier release, spelled the objects as their records
 * printed them ({@code Column[name=...]}) and are matched that way. A line without a mark is the
 * oldest form, the description alone: read with an empty kind, it is matched by its text.
 *
 * @param kind the operation or issue as a word, e.g. {@code alter_column_type}, {@code unmanaged_trigger};
 *     empty for a line of the oldest form
 * @param object what it is on, e.g. {@code public.reading.payload}; empty when it says nothing more
 * @param before the object's value before the change, empty for one that did not exist
 * @param after its value after the change, empty for one that is gone
 * @param form how the values are spelled: {@value #FORM_2} (the snapshot file's lines), {@value #FORM_1}
 *     (the records' text), 0 for the description alone
 */
public record AcceptedDifference(String kind, String object, String before, String after, String description,
        int form) {

    /** The form whose objects are spelled as their records printed them, read but no longer written. */
    static final int FORM_1 = 1;
    /** The form written now: objects spelled as the snapshot file writes them. */
    static final int FORM_2 = 2;

    public AcceptedDifference {
        kind = kind == null ? "" : kind;
        object = object == null ? "" : object;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        description = description == null ? "" : description;
        if (form < 0 || form > FORM_2) {
            throw new IllegalArgumentException("no accepted-difference form " + form);
        }
    }

    /** An accepted difference of the form written now. */
    public AcceptedDifference(String kind, String object, String before, String after, String description) {
        this(kind, object, before, after, description, FORM_2);
    }

    /** An accepted difference of the oldest form: its description alone. */
    static AcceptedDifference described(String description) {
        return new AcceptedDifference("", "", "", "", description, 0);
    }

    /** Whether this was read from a line of the oldest form, which has the description alone. */
    public boolean legacy() {
        return form == 0;
    }

    /**
     * Whether {@code found}, a difference the drift check finds now, spelled in this one's form, is
     * this accepted one: the same kind, object, before and after, whatever the descriptions say; for
     * the oldest form, the same description.
     */
    public boolean matches(AcceptedDifference found) {
        if (legacy()) {
            return description.equals(found.description());
        }
        return kind.equals(found.kind()) && object.equals(found.object()) && before.equals(found.before())
                && after.equals(found.after());
    }

    /** Whether this accepted {@code difference}, which the drift check finds now. */
    public boolean accepts(Operation difference) {
        return matches(form == FORM_1 ? of(difference, FORM_1) : of(difference));
    }

    /** Whether this accepted {@code issue}, which the drift check finds now. */
    public boolean accepts(SchemaIssue issue) {
        return matches(of(issue));
    }

    /** The line the history keeps. */
    public String line() {
        if (legacy()) {
            return description;
        }
        return String.join("\t", "#" + form, escape(kind), escape(object), escape(before), escape(after),
                escape(description));
    }

    /** The lines of an {@code accepted} column, of any form. */
    static List<AcceptedDifference> parseAll(String text) {
        var out = new ArrayList<AcceptedDifference>();
        if (text != null) {
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.add(parse(line));
                }
            }
        }
        return out;
    }

    /**
     * One line of any form. A line marked {@code #1} or {@code #2} whose fields are not six is kept
     * as a description, so that a history is never unreadable for it (it then matches nothing the
     * drift check finds, which lists it as drift).
     */
    public static AcceptedDifference parse(String line) {
        for (int form = FORM_1; form <= FORM_2; form++) {
            if (line.startsWith("#" + form + "\t")) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 6) {
                    return new AcceptedDifference(unescape(fields[1]), unescape(fields[2]), unescape(fields[3]),
                            unescape(fields[4]), unescape(fields[5]), form);
                }
            }
        }
        return described(line);
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An issue the drift check finds, as it is accepted: on its table's trigger or index. */
    public static AcceptedDifference of(SchemaIssue issue) {
        String after = issue instanceof SchemaIssue.UnmanagedTrigger t ? t.definition()
                : issue instanceof SchemaIssue.InvalidIndex i ? (i.unique() ? "unique " : "") + "invalid" : "";
        return new AcceptedDifference(issue.kind(), issue.table() + "." + issue.name(), "", after, issue.describe());
    }

    /**
     * A difference the drift check finds, as it is accepted: its kind, the object it is on, and the
     * values before and after it, the model's objects as their records print them.
     */
    public static AcceptedDifference of(Operation op) {
        return of(op, FORM_2);
    }

    /**
     * {@link #of(Operation)} as a line of that form records it: form 2 spells the model's objects as
     * the snapshot file does ({@link SnapshotLines}), form 1 as their records printed them.
     */
    private static AcceptedDifference of(Operation op, int form) {
        Function<Object, String> r = form == FORM_1 ? Object::toString : AcceptedDifference::snapshotLine;
        String kind = kind(op);
        String d = op.describe();
        if (op instanceof Operation.CreateSchema o) {
            return new AcceptedDifference(kind, o.schema(), "", "schema", d);
        } else if (op instanceof Operation.DropSchema o) {
            return new AcceptedDifference(kind, o.schema(), "schema", "", d);
        } else if (op instanceof Operation.CreateSequence o) {
            return new AcceptedDifference(kind, o.sequence().name().toString(), "", r.apply(o.sequence()), d);
        } else if (op instanceof Operation.AlterSequence o) {
            return new AcceptedDifference(kind, o.to().name().toString(), r.apply(o.from()), r.apply(o.to()), d);
        } else if (op instanceof Operation.DropSequence o) {
            return new AcceptedDifference(kind, o.sequence().name().toString(), r.apply(o.sequence()), "", d);
        } else if (op instanceof Operation.CreateTable o) {
            return new AcceptedDifference(kind, o.table().name().toString(), "", r.apply(o.table()), d);
        } else if (op instanceof Operation.DropTable o) {
            return new AcceptedDifference(kind, o.table().name().toString(), r.apply(o.table()), "", d);
        } else if (op instanceof Operation.AddColumn o) {
            return new AcceptedDifference(kind, on(o.table(), o.column().name()), "", r.apply(o.column()), d);
        } else if (op instanceof Operation.DropColumn o) {
            return new AcceptedDifference(kind, on(o.table(), o.column().name()), r.apply(o.column()), "", d);
        } else if (op instanceof Operation.RenameTable o) {
            return new AcceptedDifference(kind, o.from().toString(), o.from().name(), o.to(), d);
        } else if (op instanceof Operation.RenameConstraint o) {
            return new AcceptedDifference(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.RenameIndex o) {
            return new AcceptedDifference(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.RenameColumn o) {
            return new AcceptedDifference(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.AlterColumnType o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), collated(o.from().sql(), o.fromCollation()),
                    collated(o.to().sql(), o.toCollation()), d);
        } else if (op instanceof Operation.SetNullable o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.nullable() ? "not null" : "null",
                    o.nullable() ? "null" : "not null", d);
        } else if (op instanceof Operation.SetDefault o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.from(), o.to(), d);
        } else if (op instanceof Operation.SetIdentity o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), r.apply(o.from()), r.apply(o.to()), d);
        } else if (op instanceof Operation.SerialToIdentity o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.serial().sql(), r.apply(o.identity()), d);
        } else if (op instanceof Operation.IdentityToSerial o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), r.apply(o.identity()), o.serial().sql(), d);
        } else if (op instanceof Operation.AddPrimaryKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.primaryKey().name()), "", r.apply(o.primaryKey()), d);
        } else if (op instanceof Operation.DropPrimaryKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.primaryKey().name()), r.apply(o.primaryKey()), "", d);
        } else if (op instanceof Operation.AddUnique o) {
            return new AcceptedDifference(kind, on(o.table(), o.constraint().name()), "", r.apply(o.constraint()), d);
        } else if (op instanceof Operation.DropUnique o) {
            return new AcceptedDifference(kind, on(o.table(), o.constraint().name()), r.apply(o.constraint()), "", d);
        } else if (op instanceof Operation.CreateIndex o) {
            return new AcceptedDifference(kind, on(o.table(), o.index().name()), "", r.apply(o.index()), d);
        } else if (op instanceof Operation.DropIndex o) {
            return new AcceptedDifference(kind, on(o.table(), o.index().name()), r.apply(o.index()), "", d);
        } else if (op instanceof Operation.AddForeignKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.foreignKey().name()), "", r.apply(o.foreignKey()), d);
        } else if (op instanceof Operation.DropForeignKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.foreignKey().name()), r.apply(o.foreignKey()), "", d);
        } else if (op instanceof Operation.AddCheck o) {
            return new AcceptedDifference(kind, on(o.table(), o.check().name()), "", r.apply(o.check()), d);
        } else if (op instanceof Operation.DropCheck o) {
            return new AcceptedDifference(kind, on(o.table(), o.check().name()), r.apply(o.check()), "", d);
        } else if (op instanceof Operation.SetTableComment o) {
            return new AcceptedDifference(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.SetColumnComment o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.from(), o.to(), d);
        } else if (op instanceof Operation.CreateEnumType o) {
            return new AcceptedDifference(kind, o.type().name().toString(), "", r.apply(o.type()), d);
        } else if (op instanceof Operation.DropEnumType o) {
            return new AcceptedDifference(kind, o.type().name().toString(), r.apply(o.type()), "", d);
        } else if (op instanceof Operation.ReplaceEnumType o) {
            return new AcceptedDifference(kind, o.to().name().toString(), r.apply(o.from()), r.apply(o.to()), d);
        } else if (op instanceof Operation.CreateView o) {
            return new AcceptedDifference(kind, o.view().name().toString(), "", r.apply(o.view()), d);
        } else if (op instanceof Operation.DropView o) {
            return new AcceptedDifference(kind, o.view().name().toString(), r.apply(o.view()), "", d);
        }
        if (op instanceof Operation.AddEnumValue o && form != FORM_1) {
            return new AcceptedDifference(kind, o.type().toString(), "", o.value()
                    + (o.before() != null ? " before " + o.before() : o.after() != null ? " after " + o.after() : ""), d);
        }
        // The rest (the syncs of online renames, which a baseline does not meet): the operation's value.
        return new AcceptedDifference(kind, "", "", op.toString(), d);
    }

    /** A model object as the snapshot file writes it. */
    private static String snapshotLine(Object object) {
        if (object instanceof Sequence o) {
            return SnapshotLines.sequence(o);
        } else if (object instanceof Table o) {
            return SnapshotLines.table(o);
        } else if (object instanceof Column o) {
            return SnapshotLines.column(o);
        } else if (object instanceof Identity o) {
            return SnapshotLines.identity(o);
        } else if (object instanceof PrimaryKey o) {
            return SnapshotLines.primaryKey(o);
        } else if (object instanceof UniqueConstraint o) {
            return SnapshotLines.unique(o);
        } else if (object instanceof Index o) {
            return SnapshotLines.index(o);
        } else if (object instanceof ForeignKey o) {
            return SnapshotLines.foreignKey(o);
        } else if (object instanceof CheckConstraint o) {
            return SnapshotLines.check(o);
        } else if (object instanceof EnumType o) {
            return SnapshotLines.enumType(o);
        } else if (object instanceof View o) {
            return SnapshotLines.view(o);
        }
        throw new IllegalArgumentException("no snapshot line for " + object.getClass().getSimpleName());
    }

    /** {@code AddColumn} → {@code add_column}, as the drift report's JSON names the kinds. */
    static String kind(Operation op) {
        return op.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String on(QualifiedName table, String name) {
        return table + "." + name;
    }

    private static String collated(String type, String collation) {
        return collation == null ? type : type + " collate " + collation;
    }
}
