package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.introspect.SchemaIssue;
import dev.driftless.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A difference (or issue) that a forced baseline accepted, as the history's {@code accepted} column
 * keeps it: what kind of change it is, the object it is on, that object's value before and after it,
 * and the description the drift report gave then. The drift check matches what it finds against it
 * by the first four, so a difference whose wording changes in a later release is still the accepted
 * one, and one that has changed since (another type, another definition) is drift again.
 *
 * <p>One line each, {@code #1<TAB>kind<TAB>object<TAB>before<TAB>after<TAB>description}, where a tab,
 * a newline, a carriage return and a backslash inside a field are written {@code \t}, {@code \n},
 * {@code \r} and {@code \\}. A line without the {@code #1} mark is the older form, the description
 * alone: read with an empty kind, it is matched by its text.
 *
 * @param kind the operation or issue as a word, e.g. {@code alter_column_type}, {@code unmanaged_trigger};
 *     empty for a line of the older form
 * @param object what it is on, e.g. {@code public.reading.payload}; empty when it says nothing more
 * @param before the object's value before the change, empty for one that did not exist
 * @param after its value after the change, empty for one that is gone
 */
public record AcceptedDifference(String kind, String object, String before, String after, String description) {

    /** The mark of the first (and so far only) line format. */
    static final String VERSION_1 = "#1";

    public AcceptedDifference {
        kind = kind == null ? "" : kind;
        object = object == null ? "" : object;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        description = description == null ? "" : description;
    }

    /** An accepted difference of the older form: its description alone. */
    static AcceptedDifference described(String description) {
        return new AcceptedDifference("", "", "", "", description);
    }

    /** Whether this was read from a line of the older form, which has the description alone. */
    public boolean legacy() {
        return kind.isEmpty();
    }

    /**
     * Whether {@code found}, a difference the drift check finds now, is this accepted one: the same
     * kind, object, before and after, whatever the descriptions say; for the older form, the same description.
     */
    public boolean matches(AcceptedDifference found) {
        if (legacy()) {
            return description.equals(found.description());
        }
        return kind.equals(found.kind()) && object.equals(found.object()) && before.equals(found.before())
                && after.equals(found.after());
    }

    /** The line the history keeps. */
    public String line() {
        return String.join("\t", VERSION_1, escape(kind), escape(object), escape(before), escape(after),
                escape(description));
    }

    /** The lines of an {@code accepted} column, of either form. */
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
     * One line of either form. A line marked {@code #1} whose fields are not six is kept as a
     * description, so that a history is never unreadable for it (it then matches nothing the drift
     * check finds, which lists it as drift).
     */
    public static AcceptedDifference parse(String line) {
        if (line.startsWith(VERSION_1 + "\t")) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 6) {
                return new AcceptedDifference(unescape(fields[1]), unescape(fields[2]), unescape(fields[3]),
                        unescape(fields[4]), unescape(fields[5]));
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
        String kind = kind(op);
        String d = op.describe();
        if (op instanceof Operation.CreateSchema o) {
            return new AcceptedDifference(kind, o.schema(), "", "schema", d);
        } else if (op instanceof Operation.DropSchema o) {
            return new AcceptedDifference(kind, o.schema(), "schema", "", d);
        } else if (op instanceof Operation.CreateSequence o) {
            return new AcceptedDifference(kind, o.sequence().name().toString(), "", o.sequence().toString(), d);
        } else if (op instanceof Operation.AlterSequence o) {
            return new AcceptedDifference(kind, o.to().name().toString(), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.DropSequence o) {
            return new AcceptedDifference(kind, o.sequence().name().toString(), o.sequence().toString(), "", d);
        } else if (op instanceof Operation.CreateTable o) {
            return new AcceptedDifference(kind, o.table().name().toString(), "", o.table().toString(), d);
        } else if (op instanceof Operation.DropTable o) {
            return new AcceptedDifference(kind, o.table().name().toString(), o.table().toString(), "", d);
        } else if (op instanceof Operation.AddColumn o) {
            return new AcceptedDifference(kind, on(o.table(), o.column().name()), "", o.column().toString(), d);
        } else if (op instanceof Operation.DropColumn o) {
            return new AcceptedDifference(kind, on(o.table(), o.column().name()), o.column().toString(), "", d);
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
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.SerialToIdentity o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.serial().sql(), o.identity().toString(), d);
        } else if (op instanceof Operation.IdentityToSerial o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.identity().toString(), o.serial().sql(), d);
        } else if (op instanceof Operation.AddPrimaryKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.primaryKey().name()), "", o.primaryKey().toString(), d);
        } else if (op instanceof Operation.DropPrimaryKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.primaryKey().name()), o.primaryKey().toString(), "", d);
        } else if (op instanceof Operation.AddUnique o) {
            return new AcceptedDifference(kind, on(o.table(), o.constraint().name()), "", o.constraint().toString(), d);
        } else if (op instanceof Operation.DropUnique o) {
            return new AcceptedDifference(kind, on(o.table(), o.constraint().name()), o.constraint().toString(), "", d);
        } else if (op instanceof Operation.CreateIndex o) {
            return new AcceptedDifference(kind, on(o.table(), o.index().name()), "", o.index().toString(), d);
        } else if (op instanceof Operation.DropIndex o) {
            return new AcceptedDifference(kind, on(o.table(), o.index().name()), o.index().toString(), "", d);
        } else if (op instanceof Operation.AddForeignKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.foreignKey().name()), "", o.foreignKey().toString(), d);
        } else if (op instanceof Operation.DropForeignKey o) {
            return new AcceptedDifference(kind, on(o.table(), o.foreignKey().name()), o.foreignKey().toString(), "", d);
        } else if (op instanceof Operation.AddCheck o) {
            return new AcceptedDifference(kind, on(o.table(), o.check().name()), "", o.check().toString(), d);
        } else if (op instanceof Operation.DropCheck o) {
            return new AcceptedDifference(kind, on(o.table(), o.check().name()), o.check().toString(), "", d);
        } else if (op instanceof Operation.SetTableComment o) {
            return new AcceptedDifference(kind, o.table().toString(), o.from(), o.to(), d);
        } else if (op instanceof Operation.SetColumnComment o) {
            return new AcceptedDifference(kind, on(o.table(), o.column()), o.from(), o.to(), d);
        } else if (op instanceof Operation.CreateEnumType o) {
            return new AcceptedDifference(kind, o.type().name().toString(), "", o.type().toString(), d);
        } else if (op instanceof Operation.DropEnumType o) {
            return new AcceptedDifference(kind, o.type().name().toString(), o.type().toString(), "", d);
        } else if (op instanceof Operation.ReplaceEnumType o) {
            return new AcceptedDifference(kind, o.to().name().toString(), o.from().toString(), o.to().toString(), d);
        } else if (op instanceof Operation.CreateView o) {
            return new AcceptedDifference(kind, o.view().name().toString(), "", o.view().toString(), d);
        } else if (op instanceof Operation.DropView o) {
            return new AcceptedDifference(kind, o.view().name().toString(), o.view().toString(), "", d);
        }
        // The rest (a value added to an enum type, the syncs of online renames): the operation's whole value.
        return new AcceptedDifference(kind, "", "", op.toString(), d);
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
