package dev.driftless.docs;

import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema as a Mermaid {@code erDiagram}: one entity per table with its columns (type, keys, and
 * {@code not null}), one relationship per foreign key. The same model always gives the same text.
 *
 * <p>Mermaid takes only letters, digits, {@code _} and {@code -} in entity, attribute and type
 * names, so each is written as an identifier made of those, and the real name, when it differs,
 * stands beside it: the entity's as its alias in quotes, the column's in the attribute's comment.
 * A double quote inside quotes is Mermaid's entity {@code #quot;}.
 */
public final class ErDiagram {

    /** The file beside the history's snapshot that holds the diagram of its schema. */
    public static final String FILE_NAME = "schema.md";

    private ErDiagram() {}

    /** The diagram alone, for a {@code .mmd} file or a {@code mermaid} code block. */
    public static String mermaid(SchemaModel model) {
        Map<QualifiedName, String> ids = entityIds(model.tables());
        var out = new StringBuilder("erDiagram\n");
        for (Table table : model.tables()) {
            String id = ids.get(table.name());
            String shown = table.name().toString();
            out.append("    ").append(id);
            if (!shown.equals(id)) {
                out.append("[\"").append(quoted(shown)).append("\"]");
            }
            out.append(" {\n");
            Set<String> primary = new HashSet<>(table.primaryKey() == null ? List.of() : table.primaryKey().columns());
            Set<String> foreign = new HashSet<>();
            table.foreignKeys().forEach(fk -> foreign.addAll(fk.columns()));
            Set<String> unique = new HashSet<>();
            table.uniqueConstraints().stream().filter(u -> u.columns().size() == 1).map(UniqueConstraint::columns)
                    .forEach(unique::addAll);
            table.indexes().stream().filter(i -> i.unique() && i.columns().size() == 1)
                    .forEach(i -> unique.add(i.columns().get(0).name()));
            var columnIds = new Identifiers();
            for (Column c : table.columns()) {
                String name = columnIds.of(c.name());
                var keys = new ArrayList<String>();
                if (primary.contains(c.name())) {
                    keys.add("PK");
                }
                if (foreign.contains(c.name())) {
                    keys.add("FK");
                }
                if (unique.contains(c.name()) && !primary.contains(c.name())) {
                    keys.add("UK");
                }
                var comment = new ArrayList<String>();
                if (!name.equals(c.name())) {
                    comment.add(c.name());
                }
                String typeId = Identifiers.sanitize(c.type().sql());
                if (!typeId.equals(c.type().sql())) {
                    comment.add(c.type().sql());
                }
                if (!c.nullable()) {
                    comment.add("not null");
                }
                out.append("        ").append(typeId).append(' ').append(name);
                if (!keys.isEmpty()) {
                    out.append(' ').append(String.join(",", keys));
                }
                if (!comment.isEmpty()) {
                    out.append(" \"").append(quoted(String.join(", ", comment))).append('"');
                }
                out.append('\n');
            }
            out.append("    }\n");
        }
        for (Table table : model.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                String target = ids.get(fk.target());
                if (target == null) {
                    continue; // a table outside the model: nothing to draw the line to
                }
                boolean optional = fk.columns().stream()
                        .anyMatch(name -> table.column(name).map(Column::nullable).orElse(true));
                out.append("    ").append(ids.get(table.name())).append(" }o--").append(optional ? "o|" : "||")
                        .append(' ').append(target).append(" : \"").append(quoted(fk.name())).append("\"\n");
            }
        }
        return out.toString();
    }

    /** The diagram in a Markdown file of its own, as code hosts render it. */
    public static String markdown(String title, SchemaModel model) {
        return "# " + title + "\n\n```mermaid\n" + mermaid(model) + "```\n";
    }

    private static Map<QualifiedName, String> entityIds(List<Table> tables) {
        var ids = new LinkedHashMap<QualifiedName, String>();
        var identifiers = new Identifiers();
        for (Table t : tables) {
            ids.put(t.name(), identifiers.of(t.name().toString()));
        }
        return ids;
    }

    /** Text inside Mermaid's double quotes: a quote becomes {@code #quot;}, a line break a space. */
    static String quoted(String text) {
        return text.replace("#", "#35;").replace("\"", "#quot;").replace('\n', ' ').replace('\r', ' ');
    }

    /** Mermaid identifiers for names, distinct within one scope (one diagram's entities, one entity's columns). */
    static final class Identifiers {

        private final Map<String, Integer> taken = new HashMap<>();

        String of(String name) {
            String id = sanitize(name);
            int seen = taken.merge(id, 1, Integer::sum);
            if (seen == 1) {
                return id;
            }
            String numbered = id + "_" + seen;
            while (taken.containsKey(numbered)) {
                numbered = numbered + "_";
            }
            taken.put(numbered, 1);
            return numbered;
        }

        /** Letters, digits and {@code _} only, starting with a letter: every other character becomes {@code _}. */
        static String sanitize(String name) {
            var id = new StringBuilder();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                id.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
            }
            if (id.isEmpty() || !Character.isLetter(id.charAt(0))) {
                id.insert(0, 'x');
            }
            return id.toString();
        }
    }
}
