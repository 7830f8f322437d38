package dev.driftless.processor.oracle;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A schema read from the catalog, written as sorted lines of facts that two schemas built by
 * different tools can be compared on. Primary key, unique constraint and check names are compared
 * exactly: Hibernate (6.6, 7.1 and 7.4 alike) leaves them unnamed, so they have the names the server
 * chose, which Driftless must derive. Foreign key and (non-unique) index names still differ by one
 * rule: a name the entities did not give is written {@code *} — Hibernate names them itself
 * ({@code FK}/{@code IDX} and a hash of the table, referenced table and column names), Driftless
 * with PostgreSQL's default names ({@code <table>_<columns>_fkey|idx}); a known difference. Columns are compared as a set: Hibernate orders them by its own
 * column-ordering strategy, Driftless in declaration order.
 */
final class SchemaFacts {

    /** Hibernate's generated names: a prefix and a base-35 hash, folded to lower case by PostgreSQL. */
    private static final Pattern HIBERNATE_GENERATED = Pattern.compile("(?i)(fk|uk|idx)[0-9a-z]{20,}");

    private SchemaFacts() {}

    /** The facts of a schema read from the catalog, whichever tool built it. */
    static String of(SchemaModel model) {
        return of(model, false);
    }

    /**
     * The same; with {@code exactNames} foreign key and index names are compared as they are, for
     * Driftless's {@code driftless.derivedNames=hibernate}, which gives them Hibernate's names.
     */
    static String of(SchemaModel model, boolean exactNames) {
        var lines = new ArrayList<String>();
        for (Sequence s : model.sequences()) {
            lines.add("sequence " + s.name() + " start " + s.start() + " increment " + s.increment());
        }
        model.enumTypes().forEach(e -> lines.add("enum type " + e.name() + " " + e.values()));
        for (Table t : model.tables()) {
            String table = "table " + t.name();
            lines.add(table + (t.comment() == null ? "" : " comment '" + t.comment() + "'"));
            for (Column c : t.columns()) {
                lines.add(table + " column " + c.name() + " " + c.type().sql() + (c.nullable() ? "" : " not null")
                        + (c.identity().name().equals("NONE") ? "" : " identity " + c.identity())
                        + (c.defaultExpression() == null ? "" : " default " + c.defaultExpression())
                        + (c.comment() == null ? "" : " comment '" + c.comment() + "'"));
            }
            if (t.primaryKey() != null) {
                // As a set: Hibernate orders key columns by its column-ordering strategy (type size, then name).
                lines.add(table + " primary key " + t.primaryKey().name() + " "
                        + t.primaryKey().columns().stream().sorted().toList());
            }
            for (UniqueConstraint u : t.uniqueConstraints()) {
                lines.add(table + " unique " + u.name() + " " + u.columns());
            }
            for (CheckConstraint c : t.checks()) {
                // By its exact name: Hibernate writes its checks unnamed, so the name is the one the
                // server chose, and Driftless must derive the same one.
                lines.add(table + " check " + c.name() + " " + sortedArrays(c.expression()));
            }
            for (ForeignKey f : t.foreignKeys()) {
                // Column pairs as a set, for the same reason as the primary key.
                var pairs = new ArrayList<String>();
                for (int i = 0; i < f.columns().size(); i++) {
                    pairs.add(f.columns().get(i) + "->" + f.targetColumns().get(i));
                }
                lines.add(table + " foreign key " + (exactNames ? f.name() : name(t, f.name(), f.columns(), "fkey")) + " "
                        + pairs.stream().sorted().toList() + " references " + f.target() + " on delete " + f.onDelete());
            }
            for (Index i : t.indexes()) {
                List<String> columns = i.columns().stream().map(IndexColumn::name).toList();
                if (i.unique() && i.columns().stream().noneMatch(IndexColumn::descending)) {
                    // Hibernate turns @Index(unique = true) into a unique constraint; PostgreSQL
                    // enforces either with a unique index, and Driftless keeps the index as declared.
                    lines.add(table + " unique " + i.name() + " " + columns);
                    continue;
                }
                lines.add(table + " index " + (exactNames ? i.name() : name(t, i.name(), columns, "idx")) + " "
                        + i.columns().stream().map(SchemaFacts::indexColumn).collect(Collectors.joining(", ", "(", ")"))
                        + (i.unique() ? " unique" : ""));
            }
        }
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }

    /**
     * The name, or {@code *} for a name no entity gave: Hibernate's hashed name, or PostgreSQL's
     * default {@code <table>_<columns>_<suffix>} (unique constraints default to {@code _key}).
     */
    private static String name(Table table, String name, List<String> columns, String suffix) {
        String columnPart = String.join("_", columns);
        boolean derived = false;
        for (String end : List.of(suffix, "key")) {
            derived |= name.equals(table.name().name() + "_" + columnPart + "_" + end)
                    || shortened(name, table.name().name(), columnPart, end);
        }
        return derived || HIBERNATE_GENERATED.matcher(name).matches() ? "*" : name;
    }

    /**
     * Whether the name is a default name too long for PostgreSQL's 63 bytes as the server
     * shortens it: a start of the table name, {@code _}, a start of the columns part, the suffix.
     */
    private static boolean shortened(String name, String table, String columns, String suffix) {
        String full = table + "_" + columns + "_" + suffix;
        if (full.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 63 || !name.endsWith("_" + suffix)) {
            return false;
        }
        String parts = name.substring(0, name.length() - suffix.length() - 1);
        for (int i = 1; i < parts.length() - 1; i++) {
            if (parts.charAt(i) == '_' && table.startsWith(parts.substring(0, i))
                    && columns.startsWith(parts.substring(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ARRAY = Pattern.compile("ARRAY\\[([^\\]]*)]");

    /**
     * The values of {@code x IN (...)} (which PostgreSQL prints as {@code ARRAY[...]}) in sorted
     * order: Hibernate lists a hierarchy's discriminator values in an order of its own.
     */
    private static String sortedArrays(String expression) {
        Matcher m = ARRAY.matcher(expression);
        var out = new StringBuilder();
        while (m.find()) {
            String sorted = java.util.Arrays.stream(m.group(1).split(",\\s*")).sorted().collect(Collectors.joining(", "));
            m.appendReplacement(out, Matcher.quoteReplacement("ARRAY[" + sorted + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String indexColumn(IndexColumn c) {
        return c.name() + (c.descending() ? " desc" : "");
    }

    static List<String> lines(String facts) {
        return List.of(facts.split("\n"));
    }
}
