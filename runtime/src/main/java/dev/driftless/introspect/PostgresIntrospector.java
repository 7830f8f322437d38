package dev.driftless.introspect;

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
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the live schema from {@code pg_catalog} into the schema model, with one query per kind of
 * object for all tables at once (never one round trip per table), so that it can be diffed against
 * a snapshot. Tables of the connection's current schema get the empty schema name, as in a model.
 * A column's collation is kept only when it is not its type's default.
 */
public final class PostgresIntrospector {

    /** A string literal with the cast PostgreSQL adds when it stores a default. */
    private static final Pattern LITERAL_CAST = Pattern.compile("('(?:[^']|'')*')::[a-z][a-z ]*(?:\\(\\d+(?:,\\d+)?\\))?");
    /** A negative number, which PostgreSQL stores as a quoted literal with a cast: {@code '-1'::integer}. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile(
            "'(-\\d+(?:\\.\\d+)?)'::(?:smallint|integer|bigint|numeric|real|double precision)");

    /** How a sync trigger of an online rename is told from other triggers: its name's prefix and two arguments. */
    private static final String SYNC_TRIGGER = "t.tgnargs = 2 and t.tgname like ?";
    private static final String SYNC_TRIGGER_NAMES = ColumnSync.PREFIX.replace("_", "\\_") + "%";

    private PostgresIntrospector() {}

    /** The namespaces read, as SQL: the named schemas (the batch's parameter) and the current one. */
    private static final String NAMESPACES = "any(array_append(?::text[], current_schema()::text))";

    /**
     * The indexes of the materialized views, by view; an invalid one is an issue too, as on a table.
     * A key column that is an expression is named {@code (expression)}, so the diff shows it.
     */
    private static final String MATERIALIZED_VIEW_INDEXES = """
            select n.nspname, c.relname, ic.relname, i.indisunique, i.indoption::int2[], i.indisvalid,
                   array(select coalesce(a.attname::text, '(expression)')
                         from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                         left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                         order by k.ord)
            from pg_catalog.pg_index i
            join pg_catalog.pg_class ic on ic.oid = i.indexrelid
            join pg_catalog.pg_class c on c.oid = i.indrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'm' and n.nspname = %s
            order by n.nspname, c.relname, ic.relname""".formatted(NAMESPACES);

    private static Map<QualifiedName, List<Index>> materializedViewIndexes(ResultSet rs, String current,
            List<SchemaIssue> issues) throws SQLException {
        var out = new HashMap<QualifiedName, List<Index>>();
        while (rs.next()) {
            String nsp = rs.getString(1);
            var view = new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(2));
            Short[] options = (Short[]) rs.getArray(5).getArray();
            String[] names = (String[]) rs.getArray(7).getArray();
            var columns = new ArrayList<IndexColumn>();
            for (int k = 0; k < names.length; k++) {
                columns.add(new IndexColumn(names[k], (options[k] & 1) != 0));
            }
            out.computeIfAbsent(view, v -> new ArrayList<>()).add(new Index(rs.getString(3), columns, rs.getBoolean(4)));
            if (!rs.getBoolean(6)) {
                issues.add(new SchemaIssue.InvalidIndex(view, rs.getString(3), rs.getBoolean(4), false));
            }
        }
        return out;
    }

    /**
     * The next result of a batch of queries sent as one statement (one round trip: the driver sends
     * them together and the server runs them in one implicit transaction, each planned alone).
     */
    private static ResultSet next(Statement st, boolean first) throws SQLException {
        if (!first && !st.getMoreResults()) {
            throw new SQLException("the catalog batch returned fewer results than it has queries");
        }
        ResultSet rs = st.getResultSet();
        if (rs == null) {
            throw new SQLException("a query of the catalog batch returned no rows");
        }
        return rs;
    }

    /** A table found in the catalog: its oid, name and columns by attribute number. */
    private record Found(long oid, QualifiedName name, String comment, Map<Integer, Column> columns) {}

    /**
     * @param schemas the named schemas to read besides the current one
     * @param ignore tables to leave out, such as the history table
     */
    public static SchemaModel read(Connection connection, Set<String> schemas, Set<QualifiedName> ignore)
            throws SQLException {
        return inspect(connection, schemas, ignore).model();
    }

    /**
     * The live schema together with its issues: triggers the model does not describe (neither
     * PostgreSQL's own nor the sync triggers of online renames) and invalid indexes.
     *
     * @param schemas the named schemas to read besides the current one
     * @param ignore tables to leave out, such as the history table
     */
    public static LiveSchema inspect(Connection connection, Set<String> schemas, Set<QualifiedName> ignore)
            throws SQLException {
        // Two round trips: the queries over the schemas' namespaces, then those over the tables' oids.
        Array nspArray = connection.createArrayOf("text", schemas.toArray());
        String current;
        Map<Long, Found> tables = new LinkedHashMap<>();
        var sequences = new ArrayList<Sequence>();
        var enumTypes = new ArrayList<EnumType>();
        var views = new ArrayList<View>();
        var issues = new ArrayList<SchemaIssue>();
        var syncs = new ArrayList<ColumnSync>();
        try (PreparedStatement st = connection.prepareStatement(String.join(";\n", List.of(
                "select current_schema()",
                """
                select c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class')
                from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and n.nspname = %s
                order by n.nspname, c.relname""".formatted(NAMESPACES),
                """
                select n.nspname, c.relname, s.seqstart, s.seqincrement
                from pg_catalog.pg_sequence s
                join pg_catalog.pg_class c on c.oid = s.seqrelid
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where n.nspname = %s
                  and not exists (select 1 from pg_catalog.pg_depend d
                                  where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.deptype in ('i', 'a'))
                order by n.nspname, c.relname""".formatted(NAMESPACES),
                """
                select n.nspname, t.typname, array_agg(e.enumlabel::text order by e.enumsortorder)
                from pg_catalog.pg_type t
                join pg_catalog.pg_namespace n on n.oid = t.typnamespace
                join pg_catalog.pg_enum e on e.enumtypid = t.oid
                where n.nspname = %s
                group by n.nspname, t.typname
                order by n.nspname, t.typname""".formatted(NAMESPACES),
                """
                select n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid)
                from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('v', 'm') and n.nspname = %s
                order by n.nspname, c.relname""".formatted(NAMESPACES),
                MATERIALIZED_VIEW_INDEXES,
                // The triggers that keep the two columns of an online rename equal name the columns in their
                // arguments; only those on the tables read count.
                """
                select t.tgrelid, t.tgargs from pg_catalog.pg_trigger t
                join pg_catalog.pg_class c on c.oid = t.tgrelid
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where n.nspname = %s and not t.tgisinternal and %s
                order by t.tgrelid, t.tgname""".formatted(NAMESPACES, SYNC_TRIGGER),
                // Every other trigger on the tables and views read, but PostgreSQL's own (foreign keys, deferred
                // constraints) and the clones a partitioned table's trigger has on each partition.
                """
                select n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid)
                from pg_catalog.pg_trigger t
                join pg_catalog.pg_class c on c.oid = t.tgrelid
                join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where n.nspname = %s and not t.tgisinternal
                  and not (%s)
                  and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_trigger'::regclass
                                  and d.objid = t.oid and d.deptype = 'P')
                order by n.nspname, c.relname, t.tgname""".formatted(NAMESPACES, SYNC_TRIGGER))))) {
            // Tables, sequences, enum types, views, their indexes: the namespaces; then each trigger query's two.
            for (int p = 1; p <= 5; p++) {
                st.setArray(p, nspArray);
            }
            st.setArray(6, nspArray);
            st.setString(7, SYNC_TRIGGER_NAMES);
            st.setArray(8, nspArray);
            st.setString(9, SYNC_TRIGGER_NAMES);
            st.execute();
            try (ResultSet rs = next(st, true)) {
                rs.next();
                current = rs.getString(1);
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    String nsp = rs.getString(2);
                    var name = new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(3));
                    if (!ignore.contains(name)) {
                        tables.put(rs.getLong(1), new Found(rs.getLong(1), name, rs.getString(4), new LinkedHashMap<>()));
                    }
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    String nsp = rs.getString(1);
                    sequences.add(new Sequence(new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(2)),
                            rs.getLong(3), rs.getLong(4)));
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    String nsp = rs.getString(1);
                    enumTypes.add(new EnumType(new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(2)),
                            List.of((String[]) rs.getArray(3).getArray())));
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    String nsp = rs.getString(1);
                    var name = new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(2));
                    if (!ignore.contains(name)) {
                        views.add(new View(name, rs.getString(4), "m".equals(rs.getString(3))));
                    }
                }
            }
            Map<QualifiedName, List<Index>> viewIndexes;
            try (ResultSet rs = next(st, false)) {
                viewIndexes = materializedViewIndexes(rs, current, issues);
            }
            views.replaceAll(v -> viewIndexes.containsKey(v.name())
                    ? new View(v.name(), v.query(), true, viewIndexes.get(v.name())) : v);
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    Found table = tables.get(rs.getLong(1));
                    String[] args = new String(rs.getBytes(2), StandardCharsets.UTF_8).split("\0");
                    if (table != null && args.length == 2) {
                        syncs.add(new ColumnSync(table.name(), args[0], args[1]));
                    }
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    String nsp = rs.getString(1);
                    var name = new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(2));
                    if (!ignore.contains(name)) {
                        issues.add(new SchemaIssue.UnmanagedTrigger(name, rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        // Compared as oid[] (not the column cast to int8), so that the planner uses the catalogs' indexes and
        // estimates their rows: a cast column made it expect every attribute of the database and, above
        // jit_above_cost, JIT-compile the query (about 0.4 s at 1,000 tables, longer than the query itself).
        // The sequence a column owns is one grouped join for the same reason, not a subquery per column.
        Array oids = connection.createArrayOf("int8", tables.keySet().toArray());

        Map<Long, PrimaryKey> primaryKeys = new HashMap<>();
        Map<Long, List<UniqueConstraint>> uniques = new HashMap<>();
        Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();
        Map<Long, List<CheckConstraint>> checks = new HashMap<>();
        // Invalid indexes are read too: they hold their names, and are issues of their own.
        Map<Long, List<Index>> indexes = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(String.join(";\n", List.of("""
                select a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, col_description(a.attrelid, a.attnum),
                       case when a.attcollation <> 0 and a.attcollation <> t.typcollation then co.collname end,
                       owned.seq::regclass::text
                from pg_catalog.pg_attribute a
                join pg_catalog.pg_type t on t.oid = a.atttypid
                left join pg_catalog.pg_collation co on co.oid = a.attcollation
                left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                left join (select dep.refobjid, dep.refobjsubid, min(s.oid) as seq from pg_catalog.pg_depend dep
                           join pg_catalog.pg_class s on s.oid = dep.objid and s.relkind = 'S'
                           where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
                             and dep.deptype = 'a'
                           group by dep.refobjid, dep.refobjsubid) owned
                  on owned.refobjid = a.attrelid and owned.refobjsubid = a.attnum
                where a.attrelid = any(?::oid[]) and a.attnum > 0 and not a.attisdropped
                order by a.attrelid, a.attnum""", """
                select c.conrelid, c.conname, c.contype, c.conkey, c.confrelid, c.confkey, c.confdeltype,
                       tn.nspname, t.relname, pg_get_constraintdef(c.oid)
                from pg_catalog.pg_constraint c
                left join pg_catalog.pg_class t on t.oid = c.confrelid
                left join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
                where c.conrelid = any(?::oid[]) and c.contype in ('p', 'u', 'f', 'c')
                order by c.conrelid, c.conname""", """
                select i.indrelid, ic.relname, i.indisunique, i.indkey::int2[], i.indoption::int2[], i.indisvalid
                from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
                where i.indrelid = any(?::oid[])
                  and not exists (select 1 from pg_catalog.pg_constraint c where c.conindid = i.indexrelid
                                  and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x'))
                order by i.indrelid, ic.relname""")))) {
            st.setArray(1, oids);
            st.setArray(2, oids);
            st.setArray(3, oids);
            st.execute();
            try (ResultSet rs = next(st, true)) {
                while (rs.next()) {
                    String identity = rs.getString(7);
                    Identity kind = "a".equals(identity) ? Identity.ALWAYS
                            : "d".equals(identity) ? Identity.BY_DEFAULT : Identity.NONE;
                    ColumnType type = new ColumnType(rs.getString(4));
                    String defaultExpression = withoutLiteralCast(rs.getString(6));
                    Optional<ColumnType> serial = kind == Identity.NONE
                            ? serial(type, defaultExpression, rs.getString(10)) : Optional.empty();
                    tables.get(rs.getLong(1)).columns().put(rs.getInt(2), new Column(rs.getString(3),
                            serial.orElse(type), !rs.getBoolean(5), serial.isPresent() ? null : defaultExpression,
                            kind, rs.getString(8), rs.getString(9)));
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    long table = rs.getLong(1);
                    String name = rs.getString(2);
                    List<String> columns = rs.getArray(4) == null ? List.of() : names(tables.get(table), rs.getArray(4));
                    switch (rs.getString(3)) {
                        case "p" -> primaryKeys.put(table, new PrimaryKey(name, columns));
                        case "u" -> uniques.computeIfAbsent(table, k -> new ArrayList<>()).add(new UniqueConstraint(name, columns));
                        case "c" -> checks.computeIfAbsent(table, k -> new ArrayList<>())
                                .add(new CheckConstraint(name, checkExpression(rs.getString(10))));
                        default -> {
                            long target = rs.getLong(5);
                            Found found = tables.get(target);
                            String nsp = rs.getString(8);
                            QualifiedName targetName = found != null ? found.name()
                                    : new QualifiedName(nsp.equals(current) ? "" : nsp, rs.getString(9));
                            // A table outside those read (rare: another schema) has its columns looked up; the
                            // driver has read every result of the batch already.
                            List<String> targetColumns = found != null ? names(found, rs.getArray(6))
                                    : targetColumnNames(connection, target, rs.getArray(6));
                            foreignKeys.computeIfAbsent(table, k -> new ArrayList<>()).add(new ForeignKey(name, columns,
                                    targetName, targetColumns, action(rs.getString(7))));
                        }
                    }
                }
            }
            try (ResultSet rs = next(st, false)) {
                while (rs.next()) {
                    Found table = tables.get(rs.getLong(1));
                    Short[] keys = (Short[]) rs.getArray(4).getArray();
                    Short[] options = (Short[]) rs.getArray(5).getArray();
                    var columns = new ArrayList<IndexColumn>();
                    for (int k = 0; k < keys.length; k++) {
                        Column c = table.columns().get((int) keys[k]);
                        // Expression columns (attnum 0) are not in the model; name them so the diff shows them.
                        String name = c == null ? "(expression)" : c.name();
                        columns.add(new IndexColumn(name, (options[k] & 1) != 0));
                    }
                    indexes.computeIfAbsent(table.oid(), k -> new ArrayList<>())
                            .add(new Index(rs.getString(2), columns, rs.getBoolean(3)));
                    if (!rs.getBoolean(6)) {
                        issues.add(new SchemaIssue.InvalidIndex(table.name(), rs.getString(2), rs.getBoolean(3), false));
                    }
                }
            }
        }
        var model = new ArrayList<Table>();
        for (Found t : tables.values()) {
            model.add(new Table(t.name(), List.copyOf(t.columns().values()), primaryKeys.get(t.oid()),
                    uniques.getOrDefault(t.oid(), List.of()), indexes.getOrDefault(t.oid(), List.of()),
                    foreignKeys.getOrDefault(t.oid(), List.of()), checks.getOrDefault(t.oid(), List.of()),
                    t.comment()));
        }
        return new LiveSchema(new SchemaModel(model, sequences, enumTypes, views, syncs), issues);
    }

    /**
     * PostgreSQL stores {@code DEFAULT 'x'} as {@code 'x'::text}; the model keeps the literal as
     * written, so the cast PostgreSQL added to a plain string literal is taken off again. A negative
     * number is stored the same way ({@code DEFAULT -1} as {@code '-1'::integer}) and comes back as
     * the number.
     */
    static String withoutLiteralCast(String expression) {
        if (expression == null) {
            return null;
        }
        // DEFAULT -1 comes back as '-1'::integer: the number as written, not a string literal.
        var negative = NEGATIVE_NUMBER.matcher(expression);
        if (negative.matches()) {
            return negative.group(1);
        }
        var m = LITERAL_CAST.matcher(expression);
        return m.matches() ? m.group(1) : expression;
    }

    /**
     * A column that {@code serial}, {@code bigserial} or {@code smallserial} made: an integer column
     * whose default is {@code nextval} of a sequence the column owns (as {@code OWNED BY} or the
     * shorthand makes it), read back as the shorthand without the default. The sequence's name does
     * not matter: a renamed table keeps the sequence its column was created with.
     *
     * @param ownedSequence the sequence the column owns, spelled as {@code regclass} prints it, or null
     */
    static Optional<ColumnType> serial(ColumnType type, String defaultExpression, String ownedSequence) {
        if (ownedSequence == null || defaultExpression == null) {
            return Optional.empty();
        }
        String nextval = "nextval('" + ownedSequence.replace("'", "''") + "'::regclass)";
        return defaultExpression.equals(nextval) ? type.asSerial() : Optional.empty();
    }

    /** The expression of {@code CHECK (<expression>) [NOT VALID]} as {@code pg_get_constraintdef} prints it. */
    static String checkExpression(String definition) {
        String d = definition.strip();
        if (d.endsWith(" NOT VALID")) {
            d = d.substring(0, d.length() - " NOT VALID".length());
        }
        if (d.startsWith("CHECK (") && d.endsWith(")")) {
            return d.substring("CHECK (".length(), d.length() - 1);
        }
        return d;
    }

    private static List<String> names(Found table, Array attnums) throws SQLException {
        var out = new ArrayList<String>();
        for (Short n : (Short[]) attnums.getArray()) {
            out.add(table.columns().get((int) n).name());
        }
        return out;
    }

    /** Column names of a referenced table outside the tables read (rare: another schema). */
    private static List<String> targetColumnNames(Connection connection, long table, Array attnums) throws SQLException {
        var out = new ArrayList<String>();
        try (PreparedStatement st = connection.prepareStatement(
                "select attname from pg_catalog.pg_attribute where attrelid = ?::oid and attnum = ?")) {
            for (Short n : (Short[]) attnums.getArray()) {
                st.setLong(1, table);
                st.setShort(2, n);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static ReferentialAction action(String code) {
        return switch (code) {
            case "r" -> ReferentialAction.RESTRICT;
            case "c" -> ReferentialAction.CASCADE;
            case "n" -> ReferentialAction.SET_NULL;
            case "d" -> ReferentialAction.SET_DEFAULT;
            default -> ReferentialAction.NO_ACTION;
        };
    }
}
