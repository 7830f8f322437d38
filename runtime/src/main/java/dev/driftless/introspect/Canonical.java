package dev.driftless.introspect;

import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.diff.ViewDependencies;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A model with its SQL expressions — column defaults, check constraints, view queries — spelled
 * the way PostgreSQL prints them back from its catalog, so that a model read from entities (or a
 * snapshot) compares equal to the same schema read by {@link PostgresIntrospector}.
 *
 * <p>PostgreSQL is the only reliable parser of its own expressions, so each one is given to it:
 * inside a transaction that is always rolled back, the defaults and checks are created on as few
 * temporary tables as can hold them (each expression once, however many tables share it, over
 * columns of the types its own table gives them), each view's query as a temporary view, and the
 * catalog's text is read back in one query. An expression PostgreSQL refuses (a view over a table
 * that is missing, say) is kept as written, and then shows up as a difference, which it is.
 *
 * <p>Before asking, a check the processor writes in one of its usual forms (an enum's
 * {@code status in ('A', 'B')}, an ordinal's {@code between 0 and n}) is compared with the live
 * text {@link ServerSpelling} predicts PostgreSQL prints for it; when they are equal the check takes
 * that text and is not sent. Any other text still goes to the server, so a prediction can only save
 * the round trip, never make a change look like none.
 */
public final class Canonical {

    private Canonical() {}

    public static SchemaModel of(Connection connection, SchemaModel model) throws SQLException {
        return of(connection, model, null);
    }

    /**
     * The model spelled like {@code live} where it may differ only in spelling: only the tables
     * whose defaults or checks, and the views whose queries, are written differently from the same
     * table's or view's in {@code live} are given to PostgreSQL (a drift check of an unchanged
     * database then creates no temporary object). Everything else is returned as it is: equal text
     * needs no spelling, and what {@code live} lacks is a difference whatever its spelling.
     *
     * @param live the schema the model is compared with, or null to spell every expression
     */
    public static SchemaModel of(Connection connection, SchemaModel model, SchemaModel live) throws SQLException {
        Map<QualifiedName, Table> liveTables = new HashMap<>();
        if (live != null) {
            live.tables().forEach(t -> liveTables.put(t.name(), t));
        }
        // Per table of the model, the column (d) or check (c) name to what it needs spelled.
        Map<QualifiedName, Map<String, Spelling>> needs = new HashMap<>();
        // Per table, the defaults (d) and checks (c) whose catalog text is PostgreSQL's predicted spelling of the model's.
        Map<QualifiedName, Map<String, Predicted>> known = new HashMap<>();
        Map<Spelling, List<Column>> wanted = expressions(new Settings(connection), model,
                live == null ? null : liveTables, needs, known);
        if (wanted.isEmpty() && model.views().stream().noneMatch(v -> spells(v, live))) {
            if (known.isEmpty()) {
                return model;
            }
            return model.withTables(model.tables().stream().map(t -> needs.containsKey(t.name())
                    || known.containsKey(t.name()) ? spelled(t, needs, Map.of(), known) : t).toList());
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Savepoint outer = autoCommit ? null : connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            Map<Spelling, String> spelled = spell(connection, st, wanted);
            var tables = new ArrayList<Table>();
            for (Table t : model.tables()) {
                boolean spells = !spelled.isEmpty() && needs.containsKey(t.name());
                tables.add(spells || known.containsKey(t.name()) ? spelled(t, needs, spelled, known) : t);
            }
            var views = new ArrayList<View>();
            int n = 0;
            for (View v : model.views()) {
                views.add(spells(v, live) ? view(connection, st, v, "driftless_canonical_v" + n++) : v);
            }
            return new SchemaModel(tables, model.sequences(), model.enumTypes(), views, model.columnSyncs());
        } finally {
            if (outer == null) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(outer);
            }
        }
    }

    /**
     * One expression to spell, with what its spelling depends on: a column default depends on its
     * text and the column's type only; a check on its text, the types of the columns of its table it
     * names, and which names in it are not columns (a function, a keyword, a name that is missing).
     * Equal expressions over equal columns are spelled once, however many tables hold them.
     *
     * @param type the column type of a default, null for a check
     * @param columns for a check, the columns of its table it names, name to type
     * @param others for a check, the other names in it
     */
    private record Spelling(String text, String type, Map<String, String> columns, Set<String> others) {}

    /** A check's model text and PostgreSQL's spelling of it, which the live check has. */
    private record Predicted(String expression, String text) {}

    /** The session's {@code standard_conforming_strings}, read once and only when a prediction depends on it. */
    private static final class Settings {
        private final Connection connection;
        private Boolean standardStrings;

        Settings(Connection connection) {
            this.connection = connection;
        }

        boolean standardStrings() throws SQLException {
            if (standardStrings == null) {
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("select current_setting('standard_conforming_strings')")) {
                    rs.next();
                    standardStrings = "on".equals(rs.getString(1));
                }
            }
            return standardStrings;
        }

        /** {@link ServerSpelling#check} under the session's setting, read only for a literal with a backslash. */
        Optional<String> check(Table t, CheckConstraint k) throws SQLException {
            Optional<String> either = ServerSpelling.check(t, k.expression(), false);
            if (either.isPresent() || ServerSpelling.check(t, k.expression(), true).isEmpty()) {
                return either;
            }
            return ServerSpelling.check(t, k.expression(), standardStrings());
        }
    }

    /**
     * The defaults and checks of {@code model} whose text differs from the one of the same name in
     * {@code live} (every one when {@code live} is null), each with the columns of the table it was
     * found in for a retry with all of them (empty when tables holding it differ in their columns).
     * A default or check whose live text is PostgreSQL's spelling of the model's as
     * {@link ServerSpelling} predicts it goes to {@code known} instead ({@code d} or {@code c} and
     * its name to it), with that text: it needs no spelling.
     */
    private static Map<Spelling, List<Column>> expressions(Settings settings, SchemaModel model,
            Map<QualifiedName, Table> live, Map<QualifiedName, Map<String, Spelling>> needs,
            Map<QualifiedName, Map<String, Predicted>> known) throws SQLException {
        var out = new LinkedHashMap<Spelling, List<Column>>();
        for (Table t : model.tables()) {
            Table other = live == null ? null : live.get(t.name());
            if (live != null && other == null) {
                continue;
            }
            Map<String, Column> otherColumns = new HashMap<>();
            Map<String, CheckConstraint> otherChecks = new HashMap<>();
            if (other != null) {
                other.columns().forEach(c -> otherColumns.putIfAbsent(c.name(), c));
                other.checks().forEach(k -> otherChecks.putIfAbsent(k.name(), k));
            }
            for (Column c : t.columns()) {
                if (differs(c, other == null, otherColumns.get(c.name()))) {
                    String printed = other == null ? null : otherColumns.get(c.name()).defaultExpression();
                    if (printed != null && printed.equals(ServerSpelling.defaultValue(c.type().plain().sql(),
                            c.defaultExpression()).orElse(null))) {
                        known.computeIfAbsent(t.name(), x -> new HashMap<>())
                                .putIfAbsent("d" + c.name(), new Predicted(c.defaultExpression(), printed));
                        continue;
                    }
                    Spelling s = defaultOf(c);
                    out.putIfAbsent(s, List.of());
                    needs.computeIfAbsent(t.name(), k -> new HashMap<>()).put("d" + c.name(), s);
                }
            }
            for (CheckConstraint k : t.checks()) {
                CheckConstraint o = otherChecks.get(k.name());
                if (other == null || (o != null && !o.expression().equals(k.expression()))) {
                    if (o != null && o.expression().equals(settings.check(t, k).orElse(null))) {
                        known.computeIfAbsent(t.name(), x -> new HashMap<>())
                                .putIfAbsent("c" + k.name(), new Predicted(k.expression(), o.expression()));
                        continue;
                    }
                    Spelling s = checkOf(t, k);
                    out.merge(s, t.columns(), (a, b) -> a.equals(b) ? a : List.of());
                    needs.computeIfAbsent(t.name(), x -> new HashMap<>()).putIfAbsent("c" + k.name(), s);
                }
            }
        }
        return out;
    }

    /**
     * Whether a column's default needs spelling: it has one, and the live column of that name a
     * different one (or every default, with nothing to compare with).
     */
    private static boolean differs(Column c, boolean all, Column other) {
        if (c.defaultExpression() == null) {
            return false;
        }
        // What live lacks (no such column, no default) is a difference whatever the spelling.
        return all || (other != null && other.defaultExpression() != null
                && !c.defaultExpression().equals(other.defaultExpression()));
    }

    private static Spelling defaultOf(Column c) {
        return new Spelling(c.defaultExpression(), c.type().plain().sql(), Map.of(), Set.of());
    }

    private static Spelling checkOf(Table t, CheckConstraint k) {
        var columns = new TreeMap<String, String>();
        var others = new TreeSet<String>();
        for (String name : ViewDependencies.identifiers(k.expression())) {
            t.column(name).ifPresentOrElse(c -> columns.put(name, c.type().plain().sql()), () -> others.add(name));
        }
        return new Spelling(k.expression(), null, columns, others);
    }

    /**
     * PostgreSQL's spelling of each expression, from as few temporary tables as can hold them all:
     * checks share a table when the columns they name agree in type and no name one of them leaves
     * unresolved is a column for another, so each is parsed exactly as on its own table; each
     * default gets a column of its type. A table PostgreSQL refuses is split into one per
     * expression; an expression refused alone keeps its text (and then shows as a difference).
     */
    private static Map<Spelling, String> spell(Connection connection, Statement st, Map<Spelling, List<Column>> wanted)
            throws SQLException {
        var out = new HashMap<Spelling, String>();
        if (wanted.isEmpty()) {
            return out;
        }
        var packs = new ArrayList<Pack>();
        for (Spelling s : wanted.keySet()) {
            Pack into = packs.stream().filter(p -> p.fits(s)).findFirst().orElse(null);
            if (into == null) {
                into = new Pack();
                packs.add(into);
            }
            into.add(s);
        }
        // Temporary table and column or constraint name to the expression it spells.
        var made = new HashMap<String, Spelling>();
        int n = 0;
        for (Pack p : packs) {
            if (create(connection, st, TEMP + n++, p, made)) {
                continue;
            }
            for (Spelling s : p.items) {
                Pack alone = new Pack();
                alone.add(s);
                if (!create(connection, st, TEMP + n++, alone, made) && s.type() == null && !wanted.get(s).isEmpty()) {
                    // A check naming a column the scan missed: with every column of its table.
                    Pack all = new Pack();
                    wanted.get(s).forEach(c -> all.columns.put(c.name(), c.type().plain().sql()));
                    all.items.add(s);
                    create(connection, st, TEMP + n++, all, made);
                }
            }
        }
        if (made.isEmpty()) {
            return out;
        }
        try (ResultSet rs = st.executeQuery("""
                select c.relname, 'd', a.attname, pg_get_expr(d.adbin, d.adrelid)
                from pg_catalog.pg_attrdef d
                join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                join pg_catalog.pg_class c on c.oid = d.adrelid
                where c.relnamespace = pg_my_temp_schema() and c.relname like 'driftless\\_canonical\\_t%'
                union all
                select c.relname, 'c', k.conname, pg_get_constraintdef(k.oid)
                from pg_catalog.pg_constraint k join pg_catalog.pg_class c on c.oid = k.conrelid
                where k.contype = 'c' and c.relnamespace = pg_my_temp_schema()
                  and c.relname like 'driftless\\_canonical\\_t%'""")) {
            while (rs.next()) {
                boolean isDefault = "d".equals(rs.getString(2));
                Spelling s = made.get(rs.getString(1) + '\0' + rs.getString(2) + '\0' + rs.getString(3));
                if (s != null) {
                    out.put(s, isDefault ? PostgresIntrospector.withoutLiteralCast(rs.getString(4))
                            : PostgresIntrospector.checkExpression(rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static final String TEMP = "driftless_canonical_t";

    /** The expressions one temporary table spells, and the columns they need. */
    private static final class Pack {
        /** Items (and so constraints and default columns) per table: far below PostgreSQL's 1,600 columns. */
        private static final int MAX = 500;
        final Map<String, String> columns = new LinkedHashMap<>();
        final Set<String> others = new HashSet<>();
        final List<Spelling> items = new ArrayList<>();

        boolean fits(Spelling s) {
            if (items.size() >= MAX || columns.size() >= MAX) {
                return false;
            }
            if (s.type() != null) {
                return true;
            }
            for (var e : s.columns().entrySet()) {
                String had = columns.get(e.getKey());
                if ((had != null && !had.equals(e.getValue())) || others.contains(e.getKey())) {
                    return false;
                }
            }
            return s.others().stream().noneMatch(o -> columns.containsKey(o) || o.startsWith(DEFAULT_COLUMN));
        }

        void add(Spelling s) {
            items.add(s);
            if (s.type() == null) {
                columns.putAll(s.columns());
                others.addAll(s.others());
            }
        }
    }

    private static final String DEFAULT_COLUMN = "driftless_canonical_d";

    /**
     * The temporary table of {@code p}; true and its names entered in {@code made}, or false (and
     * nothing left behind) when PostgreSQL refuses one of its expressions.
     */
    private static boolean create(Connection connection, Statement st, String temp, Pack p, Map<String, Spelling> made)
            throws SQLException {
        var parts = new ArrayList<String>();
        p.columns.forEach((name, type) -> parts.add(quote(name) + " " + type));
        var names = new HashMap<String, Spelling>();
        int k = 0;
        for (Spelling s : p.items) {
            if (s.type() != null) {
                String column;
                do {
                    column = DEFAULT_COLUMN + k++;
                } while (p.columns.containsKey(column) || p.others.contains(column));
                parts.add(quote(column) + " " + s.type() + " DEFAULT " + s.text());
                names.put(temp + "\0d\0" + column, s);
            } else {
                String constraint = "driftless_canonical_c" + k++;
                parts.add("CONSTRAINT " + quote(constraint) + " CHECK (" + s.text() + ")");
                names.put(temp + "\0c\0" + constraint, s);
            }
        }
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY TABLE " + quote(temp) + " (" + String.join(", ", parts) + ")");
        } catch (SQLException e) {
            connection.rollback(sp);
            return false;
        }
        made.putAll(names);
        return true;
    }

    private static boolean spells(View v, SchemaModel live) {
        return live == null || live.view(v.name()).filter(o -> !o.query().equals(v.query())).isPresent();
    }

    /**
     * {@code t} with the defaults and checks that needed spelling ({@code needs}) spelled, where
     * PostgreSQL spelled them, and the checks whose spelling was predicted ({@code known}) in it.
     */
    private static Table spelled(Table t, Map<QualifiedName, Map<String, Spelling>> allNeeds,
            Map<Spelling, String> spelled, Map<QualifiedName, Map<String, Predicted>> allKnown) {
        Map<String, Spelling> needs = allNeeds.getOrDefault(t.name(), Map.of());
        Map<String, Predicted> known = allKnown.getOrDefault(t.name(), Map.of());
        var columns = new ArrayList<Column>();
        for (Column c : t.columns()) {
            Spelling s = c.defaultExpression() == null ? null : needs.get("d" + c.name());
            Predicted p = c.defaultExpression() == null ? null : known.get("d" + c.name());
            String canonical = s != null ? spelled.get(s)
                    : p != null && p.expression().equals(c.defaultExpression()) ? p.text() : null;
            columns.add(canonical == null ? c : c.withDefault(canonical));
        }
        var checks = new ArrayList<CheckConstraint>();
        for (CheckConstraint c : t.checks()) {
            Spelling s = needs.get("c" + c.name());
            Predicted p = known.get("c" + c.name());
            String canonical = s != null && s.text().equals(c.expression()) ? spelled.get(s)
                    : p != null && p.expression().equals(c.expression()) ? p.text() : null;
            checks.add(canonical == null ? c : new CheckConstraint(c.name(), canonical));
        }
        return new Table(t.name(), columns, t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                checks, t.comment());
    }

    private static View view(Connection connection, Statement st, View v, String temp) throws SQLException {
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY VIEW " + quote(temp) + " AS " + v.query());
            try (ResultSet rs = st.executeQuery("select pg_get_viewdef('pg_temp." + temp + "'::regclass)")) {
                rs.next();
                return v.withQuery(rs.getString(1));
            }
        } catch (SQLException e) {
            connection.rollback(sp);
            return v;
        }
    }
}
