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

/**
 * The committed snapshot file: one line per table, column, key, index and sequence, sorted, so a
 * model change shows in a pull request as the lines it changes. See ARCHITECTURE.md for the grammar.
 */
public final class SnapshotFormat {

    public static final String FILE_NAME = "snapshot.driftless";
    private static final String MAGIC = "driftless-snapshot 1";

    private SnapshotFormat() {}

    public static String write(Snapshot snapshot) {
        var out = new StringBuilder();
        out.append("# Driftless schema snapshot: the model as of version ").append(snapshot.version())
                .append(". Written by freeze; do not edit.\n");
        out.append(MAGIC).append('\n');
        out.append("version ").append(snapshot.version()).append('\n');
        for (Sequence s : snapshot.model().sequences()) {
            out.append('\n').append(SnapshotLines.sequence(s)).append('\n');
        }
        for (EnumType e : snapshot.model().enumTypes()) {
            out.append('\n').append(SnapshotLines.enumType(e)).append('\n');
        }
        for (Table t : snapshot.model().tables()) {
            out.append('\n').append(SnapshotLines.tableLine(t));
            for (Column c : t.columns()) {
                out.append("\n  ").append(SnapshotLines.column(c));
                Optional<String> attribute = snapshot.mappedBy(t.name(), c.name());
                if (attribute.isPresent()) {
                    out.append(" mapped-by=").append(word(attribute.get()));
                }
            }
            SnapshotLines.members(t, out);
            out.append('\n');
            for (ColumnSync s : snapshot.model().columnSyncs()) {
                if (s.table().equals(t.name())) {
                    out.append("  sync ").append(SnapshotLines.list(List.of(s.oldName(), s.newName()))).append('\n');
                }
            }
        }
        for (View v : snapshot.model().views()) {
            out.append('\n').append(SnapshotLines.view(v)).append('\n');
        }
        return out.toString();
    }

    /** Reads the rest of an {@code index} line: the name, the columns, whether it is unique. */
    private static Index index(Tokens t) {
        String index = t.value("an index name");
        var indexColumns = new ArrayList<IndexColumn>();
        for (List<String> group : t.groups("a column name")) {
            if (group.size() > 2 || (group.size() == 2 && !group.get(1).equals("desc"))) {
                throw t.error("an index column is a name optionally followed by 'desc'");
            }
            indexColumns.add(new IndexColumn(group.get(0), group.size() == 2));
        }
        boolean unique = false;
        if (t.peek("unique")) {
            t.value("unique");
            unique = true;
        }
        t.end();
        return new Index(index, indexColumns, unique);
    }

    /**
     * Reads a snapshot.
     *
     * @param source the file's name, for error messages
     */
    public static Snapshot read(String text, String source) {
        var parser = new Parser(source);
        // The lines as split at "\r?\n", without a regular expression (the one a cold JVM runs slowest).
        int start = 0;
        for (int n = 1;; n++) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                parser.line(text.substring(start), n);
                return parser.finish();
            }
            parser.line(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end), n);
            start = end + 1;
        }
    }

    private static final class Parser {
        private final String source;
        private boolean sawMagic;
        private Integer version;
        private final List<Table> tables = new ArrayList<>();
        private final List<Sequence> sequences = new ArrayList<>();
        private final List<EnumType> enumTypes = new ArrayList<>();
        private final List<View> views = new ArrayList<>();
        private final List<ColumnSync> syncs = new ArrayList<>();
        private final Map<QualifiedName, Map<String, String>> mappedBy = new HashMap<>();
        private TableBuilder table;
        private View view;
        private Tokens viewWhere;
        private final List<Index> viewIndexes = new ArrayList<>();

        Parser(String source) {
            this.source = source;
        }

        void line(String line, int number) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                return;
            }
            String where = source + ":" + number;
            Tokens t = Tokens.of(trimmed, where);
            boolean member = Character.isWhitespace(line.charAt(0));
            String keyword = t.value("a keyword");
            if (!sawMagic) {
                if (!trimmed.equals(MAGIC)) {
                    throw t.error("not a Driftless snapshot (the first line must be '" + MAGIC + "')");
                }
                sawMagic = true;
                return;
            }
            if (member) {
                if (view != null) {
                    if (!keyword.equals("index")) {
                        throw t.error("a view holds only indexes, not '" + keyword + "'");
                    }
                    viewIndexes.add(index(t));
                    return;
                }
                if (table == null) {
                    throw t.error("'" + keyword + "' is indented but belongs to no table");
                }
                table.member(keyword, t);
                return;
            }
            closeTable();
            closeView();
            switch (keyword) {
                case "version" -> {
                    version = parseInt(t.value("a version number"), t);
                    t.end();
                }
                case "table" -> {
                    String name = t.value("a table name");
                    Map<String, String> attributes = attributes(t);
                    table = new TableBuilder(
                            new QualifiedName(attributes.getOrDefault("schema", ""), name),
                            attributes.get("comment"));
                }
                case "sequence" -> {
                    String name = t.value("a sequence name");
                    Map<String, String> attributes = attributes(t);
                    sequences.add(new Sequence(
                            new QualifiedName(attributes.getOrDefault("schema", ""), name),
                            parseLong(attributes.getOrDefault("start", "1"), t),
                            parseLong(attributes.getOrDefault("increment", "1"), t)));
                }
                case "enum" -> {
                    String name = t.value("an enum type name");
                    Map<String, String> attributes = attributes(t, "(");
                    List<String> values = t.list("an enum value");
                    t.end();
                    try {
                        enumTypes.add(new EnumType(new QualifiedName(attributes.getOrDefault("schema", ""), name), values));
                    } catch (IllegalArgumentException e) {
                        throw t.error(e.getMessage());
                    }
                }
                case "view" -> {
                    String name = t.value("a view name");
                    Map<String, String> attributes = attributes(t);
                    String query = attributes.get("query");
                    if (query == null) {
                        throw t.error("view " + name + " has no query=");
                    }
                    try {
                        view = new View(new QualifiedName(attributes.getOrDefault("schema", ""), name), query,
                                Boolean.parseBoolean(attributes.getOrDefault("materialized", "false")));
                        viewWhere = t;
                    } catch (IllegalArgumentException e) {
                        throw t.error(e.getMessage());
                    }
                }
                default -> throw t.error("unknown entry '" + keyword + "'");
            }
        }

        /** Adds the view read last, with the indexes indented under it. */
        private void closeView() {
            if (view != null) {
                try {
                    views.add(new View(view.name(), view.query(), view.materialized(), viewIndexes));
                } catch (IllegalArgumentException e) {
                    throw viewWhere.error(e.getMessage());
                }
                view = null;
                viewIndexes.clear();
            }
        }

        private void closeTable() {
            if (table != null) {
                tables.add(table.build());
                table.syncs.forEach(s -> syncs.add(new ColumnSync(table.name, s.get(0), s.get(1))));
                if (!table.mappedBy.isEmpty()) {
                    mappedBy.put(table.name, table.mappedBy);
                }
                table = null;
            }
        }

        Snapshot finish() {
            if (!sawMagic) {
                throw new HistoryFormatException(source + ": empty file, not a Driftless snapshot");
            }
            closeTable();
            closeView();
            if (version == null) {
                throw new HistoryFormatException(source + ": the 'version' line is missing");
            }
            try {
                return new Snapshot(version, new SchemaModel(tables, sequences, enumTypes, views, syncs), mappedBy);
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(source + ": " + e.getMessage());
            }
        }
    }

    private static final class TableBuilder {
        private final QualifiedName name;
        private final String comment;
        private final List<Column> columns = new ArrayList<>();
        private PrimaryKey primaryKey;
        private final List<UniqueConstraint> uniques = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<CheckConstraint> checks = new ArrayList<>();
        private final List<List<String>> syncs = new ArrayList<>();
        private final Map<String, String> mappedBy = new HashMap<>();
        /** The line read last, for the place of an error {@link #build} finds. */
        private Tokens lastWhere;

        TableBuilder(QualifiedName name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        void member(String keyword, Tokens t) {
            lastWhere = t;
            switch (keyword) {
                case "column" -> {
                    String column = t.value("a column name");
                    String type = t.value("a column type");
                    boolean notNull = false;
                    if (t.peek("not-null")) {
                        t.value("not-null");
                        notNull = true;
                    }
                    Map<String, String> a = attributes(t);
                    Identity identity = switch (a.getOrDefault("identity", "none")) {
                        case "none" -> Identity.NONE;
                        case "by-default" -> Identity.BY_DEFAULT;
                        case "always" -> Identity.ALWAYS;
                        default -> throw t.error("identity must be by-default or always");
                    };
                    try {
                        columns.add(new Column(column, new ColumnType(type), !notNull, a.get("default"), identity,
                                a.get("comment"), a.get("collation")));
                        if (a.containsKey("mapped-by")) {
                            mappedBy.put(column, a.get("mapped-by"));
                        }
                    } catch (IllegalArgumentException e) {
                        throw t.error(e.getMessage());
                    }
                }
                case "sync" -> {
                    List<String> pair = t.list("a column name");
                    t.end();
                    if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                        throw t.error("a sync names two columns: (old name, new name)");
                    }
                    syncs.add(pair);
                }
                case "primary-key" -> {
                    primaryKey = new PrimaryKey(t.value("a constraint name"), t.list("a column name"));
                    t.end();
                }
                case "unique" -> {
                    uniques.add(new UniqueConstraint(t.value("a constraint name"), t.list("a column name")));
                    t.end();
                }
                case "index" -> indexes.add(index(t));
                case "foreign-key" -> {
                    String fk = t.value("a constraint name");
                    List<String> fkColumns = t.list("a column name");
                    if (!t.value("'references'").equals("references")) {
                        throw t.error("expected 'references'");
                    }
                    String target = t.value("a table name");
                    String targetSchema = "";
                    if (t.peekKey()) {
                        Map<String, String> s = attributes(t, "(");
                        targetSchema = s.getOrDefault("schema", "");
                    }
                    List<String> targetColumns = t.list("a column name");
                    Map<String, String> a = attributes(t);
                    ReferentialAction onDelete;
                    try {
                        onDelete = ReferentialAction.valueOf(
                                a.getOrDefault("on-delete", "no-action").toUpperCase(Locale.ROOT).replace('-', '_'));
                    } catch (IllegalArgumentException e) {
                        throw t.error("unknown on-delete action " + a.get("on-delete"));
                    }
                    foreignKeys.add(new ForeignKey(fk, fkColumns, new QualifiedName(targetSchema, target),
                            targetColumns, onDelete));
                }
                case "check" -> {
                    String check = t.value("a constraint name");
                    String expression = attributes(t).get("expression");
                    if (expression == null) {
                        throw t.error("check constraint " + check + " has no expression=");
                    }
                    checks.add(new CheckConstraint(check, expression));
                }
                default -> throw t.error("unknown table entry '" + keyword + "'");
            }
        }

        Table build() {
            try {
                return new Table(name, columns, primaryKey, uniques, indexes, foreignKeys, checks, comment);
            } catch (IllegalArgumentException e) {
                throw lastWhere == null ? new HistoryFormatException(e.getMessage()) : lastWhere.error(e.getMessage());
            }
        }
    }

    /** {@code key=value} pairs up to the end of the line. */
    private static Map<String, String> attributes(Tokens t) {
        return attributes(t, null);
    }

    /** {@code key=value} pairs up to the end of the line or up to {@code stop}. */
    private static Map<String, String> attributes(Tokens t, String stop) {
        var map = new HashMap<String, String>();
        while (t.hasNext() && (stop == null || !t.peek(stop))) {
            String key = t.value("an attribute name");
            t.expect("=");
            if (map.put(key, t.value("a value for " + key)) != null) {
                throw t.error("attribute " + key + " is given twice");
            }
        }
        return map;
    }

    private static int parseInt(String text, Tokens t) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw t.error("'" + text + "' is not a number");
        }
    }

    private static long parseLong(String text, Tokens t) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw t.error("'" + text + "' is not a number");
        }
    }
}
