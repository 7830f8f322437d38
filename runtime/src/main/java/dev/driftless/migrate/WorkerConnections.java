package dev.driftless.migrate;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of {@link TenantMigration#schemas}: each worker thread keeps the connection its
 * tenant closed and hands it to its next tenant, so that a fan-out over many schemas opens one
 * connection per worker, not one per tenant (a new server process, its catalog caches cold, each
 * time). A tenant gives its connection back as {@link Session} leaves it: in autocommit, its
 * settings restored, the migration lock released. After a failed tenant the worker
 * {@link #discard()}s it, so that nothing a failure left behind (a lock whose release failed, an
 * aborted session) reaches the next tenant. A connection the data source hands out is closed by
 * {@link #closeAll()}, or when a tenant's close finds the worker already holding one.
 */
final class WorkerConnections implements DataSource {

    private final DataSource source;
    /** The connection a worker's last tenant closed, kept for its next tenant. */
    private final ThreadLocal<Connection> idle = new ThreadLocal<>();
    /** Every connection kept idle, to close at the end. */
    private final List<Connection> kept = new ArrayList<>();

    WorkerConnections(DataSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = idle.get();
        idle.remove();
        if (real == null || real.isClosed()) {
            real = source.getConnection();
        } else {
            synchronized (kept) {
                kept.remove(real);
            }
        }
        return lease(real);
    }

    /** Closes the connection the calling worker keeps, if any: its tenant failed. */
    void discard() {
        Connection real = idle.get();
        idle.remove();
        if (real != null) {
            synchronized (kept) {
                kept.remove(real);
            }
            closeQuietly(real);
        }
    }

    /** Closes every connection kept; called once the workers are done. */
    void closeAll() {
        List<Connection> all;
        synchronized (kept) {
            all = List.copyOf(kept);
            kept.clear();
        }
        all.forEach(WorkerConnections::closeQuietly);
    }

    private void giveBack(Connection real) {
        try {
            if (real.isClosed() || !real.getAutoCommit() || idle.get() != null) {
                closeQuietly(real);
                return;
            }
        } catch (SQLException e) {
            closeQuietly(real);
            return;
        }
        idle.set(real);
        synchronized (kept) {
            kept.add(real);
        }
    }

    /** The connection as the tenant sees it: its close gives it back to the worker. */
    private Connection lease(Connection real) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                giveBack(real);
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
