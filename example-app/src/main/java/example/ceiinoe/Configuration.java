package example.ceiinoe;

import java.nio.file.Path;
import java.util.Map;

/** The bootstrap's settings, from the command line first and the environment second. */
record Configuration(String jdbcUrl, String user, String password, Path dataDir, boolean help) {

    static final String USAGE = """
            usage: java -jar example-app.jar [--jdbc-url=URL] [--data-dir=DIR]
              --jdbc-url=URL  the database to migrate (else $DRIFTLESS_JDBC_URL, else an embedded PostgreSQL)
              --data-dir=DIR  where the embedded PostgreSQL keeps its data (default: beside the jar)
            environment: DRIFTLESS_JDBC_URL, DRIFTLESS_JDBC_USER, DRIFTLESS_JDBC_PASSWORD""";

    static Configuration from(String[] args, Map<String, String> env) {
        String url = null;
        Path dataDir = null;
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--jdbc-url=")) {
                url = arg.substring("--jdbc-url=".length());
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
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
        return new Configuration(url, blankToNull(env.get("DRIFTLESS_JDBC_USER")),
                blankToNull(env.get("DRIFTLESS_JDBC_PASSWORD")), dataDir, help);
    }

    /** The URL without its password, for printing. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
