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
import java.util.List;
import java.util.Map;

/**
 * A model with its SQL expressions — column defaults, check constraints, view queries — spelled
 * the way PostgreSQL prints them back from its catalog, so that a model read from entities (or a
 * snapshot) compares equal to the same schema read by {@link PostgresIntrospector}.
 *
 * <p>PostgreSQL is the only reliable parser of its own expressions, so each one is given to it:
 * inside a transaction that is always rolled back, the columns of each table are created as a
 * temporary table with the model's defaults and checks, each view's query as a temporary view, and
 * the catalog's text is read back. An expression PostgreSQL refuses (a view over a table that is
 * missing, say) is kept as written, and then shows up as a difference, which it is.
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
        boolean needed = model.views().stream().anyMatch(v -> spells(v, live))
                || model.tables().stream().anyMatch(t -> spells(t, live));
        if (!needed) {
            return model;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Savepoint outer = autoCommit ? null : connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            // Each table to spell becomes a temporary table of the columns its defaults and checks
            // name, with those defaults and checks; one query then reads every spelling back.
            // Table name to the temporary table that spells it.
            var temps = new HashMap<QualifiedName, String>();
            int n = 0;
            for (Table t : model.tables()) {
                if (spells(t, live)) {
                    String temp = "driftless_canonical_t" + n++;
                    if (createTemporary(connection, st, t, temp)) {
                        temps.put(t.name(), temp);
                    }
                }
            }
            Map<String, Map<String, String>> defaults = new HashMap<>();
            Map<String, Map<String, String>> checks = new HashMap<>();
            if (!temps.isEmpty()) {
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
                        (isDefault ? defaults : checks).computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(3), isDefault ? PostgresIntrospector.withoutLiteralCast(rs.getString(4))
                                        : PostgresIntrospector.checkExpression(rs.getString(4)));
                    }
                }
            }
            var tables = new ArrayList<Table>();
            for (Table t : model.tables()) {
                String temp = temps.get(t.name());
                tables.add(temp == null ? t : spelled(t, defaults.getOrDefault(temp, Map.of()),
                        checks.getOrDefault(temp, Map.of())));
            }
            var views = new ArrayList<View>();
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

    /** Whether a table has a default or check whose text differs from the one of the same name in {@code live}. */
    private static boolean spells(Table t, SchemaModel live) {
        if (live == null) {
            return !t.checks().isEmpty() || t.columns().stream().anyMatch(c -> c.defaultExpression() != null);
        }
        Table other = live.table(t.name()).orElse(null);
        if (other == null) {
            return false;
        }
        for (Column c : t.columns()) {
            if (c.defaultExpression() != null && other.column(c.name())
                    .filter(o -> !c.defaultExpression().equals(o.defaultExpression())).isPresent()) {
                return true;
            }
        }
        return t.checks().stream().anyMatch(c -> other.checks().stream()
                .anyMatch(o -> o.name().equals(c.name()) && !o.expression().equals(c.expression())));
    }

    private static boolean spells(View v, SchemaModel live) {
        return live == null || live.view(v.name()).filter(o -> !o.query().equals(v.query())).isPresent();
    }

    /**
     * A temporary table of the columns {@code t}'s defaults and checks need, with them; false (and
     * nothing left behind) when PostgreSQL refuses one of them, which then stays as written.
     */
    private static boolean createTemporary(Connection connection, Statement st, Table t, String temp)
            throws SQLException {
        var named = new java.util.HashSet<String>();
        t.checks().forEach(c -> named.addAll(ViewDependencies.identifiers(c.expression())));
        // Fewer columns make a cheaper table; when a check names a column the scan missed, all of them.
        return createTemporary(connection, st, t, temp, c -> c.defaultExpression() != null || named.contains(c.name()))
                || createTemporary(connection, st, t, temp, c -> true);
    }

    private static boolean createTemporary(Connection connection, Statement st, Table t, String temp,
            java.util.function.Predicate<Column> needed) throws SQLException {
        var parts = new ArrayList<String>();
        for (Column c : t.columns()) {
            if (needed.test(c)) {
                parts.add(quote(c.name()) + " " + c.type().plain().sql()
                        + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression()));
            }
        }
        t.checks().forEach(c -> parts.add("CONSTRAINT " + quote(c.name()) + " CHECK (" + c.expression() + ")"));
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY TABLE " + quote(temp) + " (" + String.join(", ", parts) + ")");
            return true;
        } catch (SQLException e) {
            connection.rollback(sp);
            return false;
        }
    }

    private static Table spelled(Table t, Map<String, String> defaults, Map<String, String> checks) {
        var columns = new ArrayList<Column>();
        for (Column c : t.columns()) {
            columns.add(c.defaultExpression() == null || !defaults.containsKey(c.name()) ? c
                    : c.withDefault(defaults.get(c.name())));
        }
        var spelledChecks = new ArrayList<CheckConstraint>();
        for (CheckConstraint c : t.checks()) {
            String canonical = checks.get(c.name());
            spelledChecks.add(canonical == null ? c : new CheckConstraint(c.name(), canonical));
        }
        return new Table(t.name(), columns, t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                spelledChecks, t.comment());
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
