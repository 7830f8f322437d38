package dev.driftless.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL server the benchmarks use, from libpq's environment variables (PGHOST, PGPORT,
 * PGUSER, PGPASSWORD; default 127.0.0.1:5432, user postgres), so psql and JDBC reach the same one.
 * Every database the benchmarks create is named {@code driftless_bench_*} and dropped afterwards.
 */
record Postgres(String host, String port, String user, String password) {

    static final String PREFIX = "driftless_bench_";

    static Postgres fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new Postgres(env.getOrDefault("PGHOST", "127.0.0.1"), env.getOrDefault("PGPORT", "5432"),
                env.getOrDefault("PGUSER", "postgres"), env.get("PGPASSWORD"));
    }

    String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user
                + (password == null ? "" : "&password=" + password);
    }

    /** The libpq environment for psql. */
    Map<String, String> libpqEnvironment(String database) {
        var env = new HashMap<String, String>();
        env.put("PGHOST", host);
        env.put("PGPORT", port);
        env.put("PGUSER", user);
        env.put("PGDATABASE", database);
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    void create(String database) {
        create(database, null);
    }

    /** Creates a database afresh, optionally as a copy of {@code template}. */
    void create(String database, String template) {
        requireOurs(database);
        admin("drop database if exists " + database, "create database " + database
                + (template == null ? " template template0" : " template " + template));
    }

    void drop(String database) {
        requireOurs(database);
        admin("drop database if exists " + database);
    }

    /** Drops every database a previous (interrupted) run left behind. */
    void dropLeftovers() {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select datname from pg_database where datname like '"
                        + PREFIX.replace("_", "\\_") + "%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            names.forEach(this::drop);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    void execute(String database, List<String> statements) {
        try (Connection c = DriverManager.getConnection(url(database)); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String version() {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void admin(String... statements) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void requireOurs(String database) {
        if (!database.startsWith(PREFIX) || !database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a benchmark database: " + database);
        }
    }
}
