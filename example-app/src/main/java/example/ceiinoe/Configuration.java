package example.ceiinoe;

import java.nio.file.Path;
import java.util.Map;

/** The bootstrap's settings, from the command line first and the environment second. */
record Configuration(String jdbcUrl, String user, String password, Path dataDir, Integer port, boolean keepRunning,
        boolean help) {

    static final String USAGE = """
            usage: java -jar example-app.jar [--jdbc-url=URL] [--data-dir=DIR] [--port=N] [--keep-running]
              --jdbc-url=URL    the database to migrate (else $DRIFTLESS_JDBC_URL, else an embedded PostgreSQL)
              --data-dir=DIR    where the embedded PostgreSQL keeps its data (default: embedded-postgres in the
                                module directory, beside target/, so that a clean build keeps it)
              --port=N          the port of the embedded PostgreSQL (default: a free one)
              --keep-running    keep the embedded PostgreSQL running after the migration, to look inside with
                                psql; Ctrl-C stops it
            environment: DRIFTLESS_JDBC_URL, DRIFTLESS_JDBC_USER, DRIFTLESS_JDBC_PASSWORD""";

    static Configuration from(String[] args, Map<String, String> env) {
        String url = null;
        Path dataDir = null;
        Integer port = null;
        boolean keepRunning = false;
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--jdbc-url=")) {
                url = arg.substring("--jdbc-url=".length());
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.startsWith("--port=")) {
                port = port(arg.substring("--port=".length()));
            } else if (arg.equals("--keep-running")) {
                keepRunning = true;
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (url == null) {
            url = blankToNull(env.get("DRIFTLESS_JDBC_URL"));
        }
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(url));
        }
        if (url != null && (keepRunning || port != null || dataDir != null)) {
            throw new IllegalArgumentException("--keep-running, --port and --data-dir are for the embedded PostgreSQL;"
                    + " with a JDBC URL the database is yours to look inside");
        }
        return new Configuration(url, blankToNull(env.get("DRIFTLESS_JDBC_USER")),
                blankToNull(env.get("DRIFTLESS_JDBC_PASSWORD")), dataDir, port, keepRunning, help);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--port takes a port number from 1 to 65535, not " + text);
    }

    /** The URL without its password, for printing. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
