package dev.driftless.history;

import static dev.driftless.history.Tokens.word;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The snapshot writer as it was before it wrote through {@link SnapshotLines}, to compare with. */
final class PreviousSnapshotWriter {

    private static final String MAGIC = "driftless-snapshot 1";

    private PreviousSnapshotWriter() {}

    public static String write(Snapshot snapshot) {
        var out = new StringBuilder();
        out.append("# Driftless schema snapshot: the model as of version ").append(snapshot.version())
                .append(". Written by freeze; do not edit.\n");
        out.append(MAGIC).append('\n');
        out.append("version ").append(snapshot.version()).append('\n');
        for (Sequence s : snapshot.model().sequences()) {
            out.append('\n').append("sequence ").append(word(s.name().name())).append(schema(s.name()))
                    .append(" start=").append(s.start()).append(" increment=").append(s.increment()).append('\n');
        }
        for (EnumType e : snapshot.model().enumTypes()) {
            out.append('\n').append("enum ").append(word(e.name().name())).append(schema(e.name())).append(' ')
                    .append(list(e.values())).append('\n');
        }
        for (Table t : snapshot.model().tables()) {
            out.append('\n').append("table ").append(word(t.name().name())).append(schema(t.name()));
            if (t.comment() != null) {
                out.append(" comment=").append(Tokens.quoted(t.comment()));
            }
            out.append('\n');
            for (Column c : t.columns()) {
                out.append("  column ").append(word(c.name())).append(' ').append(word(c.type().sql()));
                if (!c.nullable()) {
                    out.append(" not-null");
                }
                if (c.identity() != Identity.NONE) {
                    out.append(" identity=").append(c.identity() == Identity.ALWAYS ? "always" : "by-default");
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
                Optional<String> attribute = snapshot.mappedBy(t.name(), c.name());
                if (attribute.isPresent()) {
                    out.append(" mapped-by=").append(word(attribute.get()));
                }
                out.append('\n');
            }
            if (t.primaryKey() != null) {
                out.append("  primary-key ").append(word(t.primaryKey().name())).append(' ')
                        .append(list(t.primaryKey().columns())).append('\n');
            }
            for (UniqueConstraint u : t.uniqueConstraints()) {
                out.append("  unique ").append(word(u.name())).append(' ').append(list(u.columns())).append('\n');
            }
            t.indexes().forEach(i -> index(out, i));
            for (ForeignKey f : t.foreignKeys()) {
                out.append("  foreign-key ").append(word(f.name())).append(' ').append(list(f.columns()))
                        .append(" references ").append(word(f.target().name())).append(schema(f.target()))
                        .append(' ').append(list(f.targetColumns()));
                if (f.onDelete() != ReferentialAction.NO_ACTION) {
                    out.append(" on-delete=").append(f.onDelete().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                out.append('\n');
            }
            for (CheckConstraint c : t.checks()) {
                out.append("  check ").append(word(c.name())).append(" expression=")
                        .append(Tokens.quoted(c.expression())).append('\n');
            }
            for (ColumnSync s : snapshot.model().columnSyncs()) {
                if (s.table().equals(t.name())) {
                    out.append("  sync ").append(list(List.of(s.oldName(), s.newName()))).append('\n');
                }
            }
        }
        for (View v : snapshot.model().views()) {
            out.append('\n').append("view ").append(word(v.name().name())).append(schema(v.name()))
                    .append(v.materialized() ? " materialized=true" : "")
                    .append(" query=").append(Tokens.quoted(v.query())).append('\n');
            v.indexes().forEach(i -> index(out, i));
        }
        return out.toString();
    }

    private static void index(StringBuilder out, Index i) {
        out.append("  index ").append(word(i.name())).append(" (")
                .append(i.columns().stream()
                        .map(c -> word(c.name()) + (c.descending() ? " desc" : ""))
                        .collect(Collectors.joining(", ")))
                .append(')').append(i.unique() ? " unique" : "").append('\n');
    }

    private static String schema(QualifiedName name) {
        return name.hasSchema() ? " schema=" + word(name.schema()) : "";
    }

    private static String list(List<String> names) {
        return names.stream().map(Tokens::word).collect(Collectors.joining(", ", "(", ")"));
    }
}
