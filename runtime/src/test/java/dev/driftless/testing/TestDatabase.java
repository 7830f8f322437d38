package dev.driftless.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A throwaway database on the {@link PostgresFixture}'s server, dropped (even if still in use) by {@link #close()}. */
public final class TestDatabase implements AutoCloseable {

    private final PostgresFixture fixture;
    private final String name;
    private final String jdbcUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(PostgresFixture fixture, String name, String jdbcUrl) {
        this.fixture = fixture;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** A new, unpooled data source: every {@code getConnection()} opens a connection. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        return dataSource;
    }

    /** The full URL, user included, so it can be handed to another process. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Runs statements in autocommit, each on its own. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The first column of every row of a query, as text (null as null). */
    public List<String> strings(String query) throws SQLException {
        var out = new ArrayList<String>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Drops the database, ending connections still open on it; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            fixture.drop(name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
