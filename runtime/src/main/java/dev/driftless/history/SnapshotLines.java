package dev.driftless.history;

import static dev.driftless.history.Tokens.word;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Each object of the model as the snapshot file writes it, one line (a table or view: its line and
 * its members' lines, indented): the one spelling of an object that is kept stable across
 * releases, since committed snapshots are read by later ones. {@link SnapshotFormat} writes the
 * file with it; a forced baseline's accepted differences record their objects with it.
 */
public final class SnapshotLines {

    private SnapshotLines() {}

    /** {@code sequence <name> [schema=<s>] start=<n> increment=<n>}. */
    public static String sequence(Sequence s) {
        return "sequence " + word(s.name().name()) + schema(s.name()) + " start=" + s.start() + " increment="
                + s.increment();
    }

    /** {@code enum <name> [schema=<s>] (<values>)}. */
    public static String enumType(EnumType e) {
        return "enum " + word(e.name().name()) + schema(e.name()) + " " + list(e.values());
    }

    /** {@code table <name> [schema=<s>] [comment=...]}, the table's line alone. */
    public static String tableLine(Table t) {
        return "table " + word(t.name().name()) + schema(t.name())
                + (t.comment() != null ? " comment=" + Tokens.quoted(t.comment()) : "");
    }

    /**
     * A table with its members: its line, then its columns, key, unique constraints, indexes,
     * foreign keys and checks, each on a line of its own indented by two spaces, as the snapshot
     * has them (without which attribute maps each column, and without the model's column syncs).
     */
    public static String table(Table t) {
        var out = new StringBuilder(tableLine(t));
        for (Column c : t.columns()) {
            out.append("\n  ").append(column(c));
        }
        members(t, out);
        return out.toString();
    }

    /** The lines after a table's columns, each preceded by a line break and two spaces. */
    static void members(Table t, StringBuilder out) {
        if (t.primaryKey() != null) {
            out.append("\n  ").append(primaryKey(t.primaryKey()));
        }
        for (UniqueConstraint u : t.uniqueConstraints()) {
            out.append("\n  ").append(unique(u));
        }
        for (Index i : t.indexes()) {
            out.append("\n  ").append(index(i));
        }
        for (ForeignKey f : t.foreignKeys()) {
            out.append("\n  ").append(foreignKey(f));
        }
        for (CheckConstraint c : t.checks()) {
            out.append("\n  ").append(check(c));
        }
    }

    /** {@code column <name> <type> [not-null] [identity=...] [default=...] [collation=...] [comment=...]}. */
    public static String column(Column c) {
        var out = new StringBuilder("column ").append(word(c.name())).append(' ').append(word(c.type().sql()));
        if (!c.nullable()) {
            out.append(" not-null");
        }
        if (c.identity() != Identity.NONE) {
            out.append(" identity=").append(identity(c.identity()));
        }
        if (c.defaultExpression() != null) {
            out.append(" default=").append(Tokens.quoted(c.defaultExpression()));
        }
        if (c.collation() != null) {
            out.append(" collation=").append(word(c.collation()));
        }
        if (c.comment() != null) {
            out.append(" comment=").append(Tokens.quoted(c.comment()));
        }
        return out.toString();
    }

    /** An identity as a column's {@code identity=} says it: {@code always}, {@code by-default}, or {@code none}. */
    public static String identity(Identity identity) {
        return switch (identity) {
            case ALWAYS -> "always";
            case BY_DEFAULT -> "by-default";
            case NONE -> "none";
        };
    }

    /** {@code primary-key <name> (<columns>)}. */
    public static String primaryKey(PrimaryKey p) {
        return "primary-key " + word(p.name()) + " " + list(p.columns());
    }

    /** {@code unique <name> (<columns>)}. */
    public static String unique(UniqueConstraint u) {
        return "unique " + word(u.name()) + " " + list(u.columns());
    }

    /** {@code index <name> (<column> [desc], ...) [unique]}. */
    public static String index(Index i) {
        return "index " + word(i.name()) + " ("
                + i.columns().stream().map(c -> word(c.name()) + (c.descending() ? " desc" : ""))
                        .collect(Collectors.joining(", "))
                + ")" + (i.unique() ? " unique" : "");
    }

    /** {@code foreign-key <name> (<columns>) references <table> [schema=<s>] (<columns>) [on-delete=...]}. */
    public static String foreignKey(ForeignKey f) {
        return "foreign-key " + word(f.name()) + " " + list(f.columns()) + " references " + word(f.target().name())
                + schema(f.target()) + " " + list(f.targetColumns())
                + (f.onDelete() != ReferentialAction.NO_ACTION
                        ? " on-delete=" + f.onDelete().name().toLowerCase(Locale.ROOT).replace('_', '-') : "");
    }

    /** {@code check <name> expression="..."}. */
    public static String check(CheckConstraint c) {
        return "check " + word(c.name()) + " expression=" + Tokens.quoted(c.expression());
    }

    /** {@code view <name> [schema=<s>] [materialized=true] query="..."}, the view's line alone. */
    public static String viewLine(View v) {
        return "view " + word(v.name().name()) + schema(v.name()) + (v.materialized() ? " materialized=true" : "")
                + " query=" + Tokens.quoted(v.query());
    }

    /** A view with the lines of its indexes, indented by two spaces. */
    public static String view(View v) {
        var out = new StringBuilder(viewLine(v));
        for (Index i : v.indexes()) {
            out.append("\n  ").append(index(i));
        }
        return out.toString();
    }

    static String schema(QualifiedName name) {
        return name.hasSchema() ? " schema=" + word(name.schema()) : "";
    }

    static String list(List<String> names) {
        return names.stream().map(Tokens::word).collect(Collectors.joining(", ", "(", ")"));
    }
}
