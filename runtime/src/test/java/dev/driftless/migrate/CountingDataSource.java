package dev.driftless.migrate;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source of the real PostgreSQL that records every call of its connections that goes to the
 * server: each statement executed (its SQL), each commit and rollback, each savepoint, each
 * {@code getSchema}/{@code setSchema}/{@code isValid}, and each metadata call that answers with rows.
 * Opening and closing a connection are not counted.
 */
final class CountingDataSource implements DataSource {

    private static final Set<String> CONNECTION_ROUND_TRIPS = Set.of("commit", "rollback", "setSavepoint",
            "releaseSavepoint", "getSchema", "setSchema", "isValid", "nativeSQL");

    private final DataSource target;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** What went to the server, in order: the SQL of each statement, or the name of the call. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many connections were asked for since the last {@link #reset()}. */
    int connections() {
        return connections.get();
    }

    void reset() {
        calls.clear();
        connections.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        connections.incrementAndGet();
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (CONNECTION_ROUND_TRIPS.contains(method.getName())) {
                        calls.add(method.getName() + "()");
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof CallableStatement s) {
                        return statement(s, CallableStatement.class, (String) args[0]);
                    } else if (result instanceof PreparedStatement s) {
                        return statement(s, PreparedStatement.class, (String) args[0]);
                    } else if (result instanceof Statement s) {
                        return statement(s, Statement.class, null);
                    } else if (result instanceof DatabaseMetaData m) {
                        return metaData(m);
                    }
                    return result;
                });
    }

    private Object statement(Statement statement, Class<?> type, String prepared) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        calls.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                                : method.getName().equals("executeBatch") ? "batch" : prepared);
                    }
                    return invoke(statement, method, args);
                });
    }

    private Object metaData(DatabaseMetaData metaData) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> {
                    if (ResultSet.class.isAssignableFrom(method.getReturnType())) {
                        calls.add("metadata " + method.getName());
                    }
                    return invoke(metaData, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
