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
 *
 * <p>Every database one run creates is named {@code driftless_bench_<run>_*}, {@code <run>} being
 * this process's id and four random hex digits, and the run drops only those: two runs against one
 * server leave each other's databases alone. A run that was killed leaves its databases behind;
 * {@code benchmarks/run --drop-leftovers} drops every {@code driftless_bench_*} database (when no
 * run is going on).
 */
record Postgres(String host, String port, String user, String password, String prefix) {

    /** What every benchmark database's name starts with, whichever run made it. */
    static final String FAMILY = "driftless_bench_";

    static Postgres fromEnvironment() {
        Map<String, String> env = System.getenv();
        String run = ProcessHandle.current().pid() + "_"
                + String.format("%04x", new java.security.SecureRandom().nextInt(0x10000));
        return new Postgres(env.getOrDefault("PGHOST", "127.0.0.1"), env.getOrDefault("PGPORT", "5432"),
                env.getOrDefault("PGUSER", "postgres"), env.get("PGPASSWORD"), FAMILY + run + "_");
    }

    /** This run's name for one of its databases. */
    String database(String name) {
        return prefix + name;
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

    /** Drops every database this run made (and has not dropped yet). */
    void dropOwn() {
        databasesStartingWith(prefix).forEach(this::drop);
    }

    /** The benchmark databases of other runs: running now, or killed and left behind. */
    List<String> othersDatabases() {
        return databasesStartingWith(FAMILY).stream().filter(d -> !d.startsWith(prefix)).toList();
    }

    private List<String> databasesStartingWith(String start) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select datname from pg_database where datname like '"
                        + start.replace("_", "\\_") + "%' order by datname")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
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

    private void requireOurs(String database) {
        if (!database.startsWith(prefix) || !database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a benchmark database: " + database);
        }
    }
}
