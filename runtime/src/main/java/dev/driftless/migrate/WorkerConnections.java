package dev.driftless.migrate;

import static dev.driftless.sql.Literals.dollarQuoted;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of {@link TenantMigration#schemas}: each worker thread keeps the connection its
 * tenant closed and hands it to its next tenant, so that a fan-out over many schemas opens one
 * connection per worker, not one per tenant (a new server process, its catalog caches cold, each
 * time). Only the driver's own connections are kept, not a pool's ({@link #driversOwn}). A tenant
 * gives its connection back as {@link Session} leaves it: in autocommit, its settings restored, the
 * migration lock released. A version's hand-written SQL or Java step may set what it needs for the
 * session (a timeout, {@code session_replication_role}, a setting of its own, a role), make a
 * temporary table, take an advisory lock or prepare a statement, and leave them to the connection's
 * end, as it could when every tenant had a connection of its own. So the settings are given back as
 * the data source handed the connection out ({@code RESET ALL}, and those it had set in the session
 * set again; a setting of a prefix no library defines that the data source itself set with SQL is
 * not seen, and not set again), and the connection is kept only when its session is then as it was
 * ({@link #SESSION}); else it is closed, and the next tenant gets a new one. After a failed tenant
 * the worker {@link #discard()}s it, so that nothing a failure left behind (a lock whose release
 * failed, an aborted session) reaches the next tenant. A connection
 * the data source hands out is closed by {@link #closeAll()}, or when a tenant's close finds the
 * worker already holding one, or the fan-out over.
 */
final class WorkerConnections implements DataSource {

    /**
     * What a session shows of what its earlier users left in it, as one text: the roles, the
     * settings set in the session to another value than {@code RESET} gives (one given back to that
     * value counts as unchanged), its temporary tables, advisory locks, prepared statements (of
     * SQL's PREPARE; the driver's own are planned again for a new search_path), holdable cursors and
     * LISTENs. The settings of a prefix no library defines ({@code SET myapp.tenant = ...}) are
     * listed nowhere: {@link #giveBack} resets them.
     */
    static final String SESSION = "select pg_catalog.concat_ws(' ', current_user, session_user,"
            + " (select pg_catalog.md5(pg_catalog.string_agg(name || '=' || coalesce(setting, ''), ',' order by name))"
            + " from pg_catalog.pg_settings where source = 'session' and setting is distinct from reset_val),"
            + " (select count(*) from pg_catalog.pg_class where relnamespace = pg_catalog.pg_my_temp_schema()),"
            + " (select count(*) from pg_catalog.pg_locks where pid = pg_catalog.pg_backend_pid()"
            + " and locktype = 'advisory'),"
            + " (select count(*) from pg_catalog.pg_prepared_statements where from_sql),"
            + " (select count(*) from pg_catalog.pg_cursors where is_holdable),"
            + " (select count(*) from pg_catalog.pg_listening_channels()))";

    /** The settings set in a session (the driver's application_name, say), as {@code RESET ALL} would not give them back. */
    private static final String SET_IN_SESSION = "select name, setting from pg_catalog.pg_settings"
            + " where source = 'session' and setting is distinct from reset_val order by name";

    private final DataSource source;
    /** The connection a worker's last tenant closed, kept for its next tenant. */
    private final ThreadLocal<Kept> idle = new ThreadLocal<>();
    /** Every connection kept idle, to close at the end. */
    private final List<Connection> kept = new ArrayList<>();
    /** Set by {@link #closeAll()}: no connection is handed out or kept any more. */
    private boolean closed;

    /**
     * A connection, its session ({@link #SESSION}) as the data source handed it out (null: not to
     * be kept), and the statement that gives a session its settings back as they were then:
     * {@code RESET ALL}, and those set in the session then ({@link #SET_IN_SESSION}) set again.
     */
    private record Kept(Connection real, String session, String settingsBack) {}

    WorkerConnections(DataSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        synchronized (kept) {
            if (closed) {
                throw new SQLException("the tenants' migration is over: no tenant starts after it returned", "08003");
            }
        }
        Kept idle = this.idle.get();
        this.idle.remove();
        if (idle != null && !idle.real().isClosed()) {
            synchronized (kept) {
                kept.remove(idle.real());
            }
            return lease(idle);
        }
        Connection real = source.getConnection();
        if (driversOwn(real)) {
            try {
                return lease(new Kept(real, session(real, null), settingsBack(real)));
            } catch (SQLException e) {
                // Not to be compared: handed to this tenant, and closed after it.
            }
        }
        return lease(new Kept(real, null, null));
    }

    /**
     * Whether the connection is the driver's own, a session of its own that its close ends: the
     * one worth keeping. A pool's (a wrapper) goes back to the pool when the tenant closes it, as
     * before: the pool keeps the session anyway, and may have fewer connections than there are
     * workers, which then take turns with them.
     */
    private static boolean driversOwn(Connection connection) {
        return connection.getClass().getName().startsWith("org.postgresql.");
    }

    /** Closes the connection the calling worker keeps, if any: its tenant failed. */
    void discard() {
        Kept idle = this.idle.get();
        this.idle.remove();
        if (idle != null) {
            synchronized (kept) {
                kept.remove(idle.real());
            }
            closeQuietly(idle.real());
        }
    }

    /** Closes every connection kept, and every one given back from now on; called once the workers are done. */
    void closeAll() {
        List<Connection> all;
        synchronized (kept) {
            closed = true;
            all = List.copyOf(kept);
            kept.clear();
        }
        all.forEach(WorkerConnections::closeQuietly);
    }

    private void giveBack(Kept lease) {
        Connection real = lease.real();
        try {
            if (lease.session() == null || real.isClosed() || !real.getAutoCommit() || idle.get() != null
                    || !lease.session().equals(session(real, lease.settingsBack()))) {
                closeQuietly(real);
                return;
            }
        } catch (SQLException e) {
            closeQuietly(real);
            return;
        }
        synchronized (kept) {
            if (closed) {
                closeQuietly(real);
                return;
            }
            kept.add(real);
        }
        idle.set(lease);
    }

    /** The session ({@link #SESSION}), after the statement {@code first} (null: none), in one round trip. */
    private static String session(Connection connection, String first) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String session = null;
            // The last result is the session's.
            for (boolean rows = statement.execute(first == null ? SESSION : first + "; " + SESSION);
                    rows || statement.getUpdateCount() != -1; rows = statement.getMoreResults()) {
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        result.next();
                        session = result.getString(1);
                    }
                }
            }
            return session;
        }
    }

    /**
     * {@code RESET ALL}, then the settings set in the session now set again (dollar-quoted: the
     * statements are parsed together, before the reset, whatever standard_conforming_strings is).
     */
    private static String settingsBack(Connection connection) throws SQLException {
        var values = new ArrayList<String>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(SET_IN_SESSION)) {
            while (result.next()) {
                values.add("(" + dollarQuoted("n", result.getString(1)) + ", " + dollarQuoted("v", result.getString(2))
                        + ")");
            }
        }
        return "reset all" + (values.isEmpty() ? "" : "; select pg_catalog.set_config(n, v, false) from (values "
                + String.join(", ", values) + ") s(n, v)");
    }

    /** The connection as the tenant sees it: its close gives it back to the worker. */
    private Connection lease(Kept lease) {
        Connection real = lease.real();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                giveBack(lease);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return closed[0] || real.isClosed();
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "tenant connection " + real;
                        }
                        default -> {
                            if (closed[0]) {
                                throw new SQLException("this connection is closed", "08003");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing to give back: the server ends the session, and its locks with it.
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the tenants' connections come from the data source given");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return source.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return source.isWrapperFor(type);
    }
}
