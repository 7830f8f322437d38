package dev.driftless.introspect;

import static dev.driftless.plan.Identifiers.quote;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
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
import java.util.stream.Collectors;

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
        boolean needed = !model.views().isEmpty() || model.tables().stream().anyMatch(t -> !t.checks().isEmpty()
                || t.columns().stream().anyMatch(c -> c.defaultExpression() != null));
        if (!needed) {
            return model;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Savepoint outer = autoCommit ? null : connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            var tables = new ArrayList<Table>();
            int n = 0;
            for (Table t : model.tables()) {
                tables.add(table(connection, st, t, "driftless_canonical_t" + n++));
            }
            var views = new ArrayList<View>();
            for (View v : model.views()) {
                views.add(view(connection, st, v, "driftless_canonical_v" + n++));
            }
            return new SchemaModel(tables, model.sequences(), model.enumTypes(), views);
        } finally {
            if (outer == null) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(outer);
            }
        }
    }

    private static Table table(Connection connection, Statement st, Table t, String temp) throws SQLException {
        boolean hasDefaults = t.columns().stream().anyMatch(c -> c.defaultExpression() != null);
        if (t.checks().isEmpty() && !hasDefaults) {
            return t;
        }
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY TABLE " + quote(temp) + " (" + t.columns().stream()
                    .map(c -> quote(c.name()) + " " + c.type().sql()
                            + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression()))
                    .collect(Collectors.joining(", ")) + ")");
        } catch (SQLException e) {
            connection.rollback(sp);
            return t;
        }
        var defaults = new HashMap<String, String>();
        try (ResultSet rs = st.executeQuery("select a.attname, pg_get_expr(d.adbin, d.adrelid)"
                + " from pg_catalog.pg_attrdef d join pg_catalog.pg_attribute a"
                + " on a.attrelid = d.adrelid and a.attnum = d.adnum where d.adrelid = 'pg_temp." + temp + "'::regclass")) {
            while (rs.next()) {
                defaults.put(rs.getString(1), PostgresIntrospector.withoutLiteralCast(rs.getString(2)));
            }
        }
        var checks = new ArrayList<CheckConstraint>();
        for (CheckConstraint c : t.checks()) {
            checks.add(check(connection, st, temp, c));
        }
        var columns = new ArrayList<Column>();
        for (Column c : t.columns()) {
            columns.add(c.defaultExpression() == null ? c : c.withDefault(defaults.get(c.name())));
        }
        return new Table(t.name(), columns, t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                checks, t.comment());
    }

    private static CheckConstraint check(Connection connection, Statement st, String temp, CheckConstraint c)
            throws SQLException {
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("ALTER TABLE " + quote(temp) + " ADD CONSTRAINT " + quote(c.name()) + " CHECK ("
                    + c.expression() + ")");
        } catch (SQLException e) {
            connection.rollback(sp);
            return c;
        }
        Map<String, String> found = new HashMap<>();
        try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_catalog.pg_constraint"
                + " where contype = 'c' and conrelid = 'pg_temp." + temp + "'::regclass")) {
            while (rs.next()) {
                found.put(rs.getString(1), PostgresIntrospector.checkExpression(rs.getString(2)));
            }
        }
        String canonical = found.get(c.name());
        return canonical == null ? c : new CheckConstraint(c.name(), canonical);
    }

    private static View view(Connection connection, Statement st, View v, String temp) throws SQLException {
        Savepoint sp = connection.setSavepoint();
        try {
            st.execute("CREATE TEMPORARY VIEW " + quote(temp) + " AS " + v.query());
            try (ResultSet rs = st.executeQuery("select pg_get_viewdef('pg_temp." + temp + "'::regclass)")) {
                rs.next();
                return new View(v.name(), rs.getString(1), v.materialized());
            }
        } catch (SQLException e) {
            connection.rollback(sp);
            return v;
        }
    }
}
