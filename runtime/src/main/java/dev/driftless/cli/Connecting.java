package dev.driftless.cli;

import java.sql.SQLException;

/**
 * Failures to connect or to log in, told apart by their SQLState: class 08 (connection exception:
 * no server at that address, a connection lost), class 28 (invalid authorization: a wrong password,
 * a role that does not exist, no {@code pg_hba.conf} entry) and 3D000 (the database does not exist).
 */
final class Connecting {

    private Connecting() {}

    /** What to check for such a failure anywhere in {@code failure}'s causes, or null when it is not one. */
    static String hint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08")) {
                    return "the connection to the database server could not be made or was lost (SQLState " + state
                            + "): check the host and port in the URL (--url or DRIFTLESS_JDBC_URL) and that the server"
                            + " is running and accepts connections from here, then run the command again";
                }
                if (state.startsWith("28")) {
                    return "the server refused the login (SQLState " + state + "): check the user and"
                            + " DRIFTLESS_JDBC_PASSWORD (--user or DRIFTLESS_JDBC_USER, or the URL), and that"
                            + " pg_hba.conf lets that user connect to that database from here";
                }
                if (state.equals("3D000")) {
                    return "the database does not exist (SQLState 3D000): check the database name in the URL (--url or"
                            + " DRIFTLESS_JDBC_URL), or create the database first";
                }
            }
        }
        return null;
    }
}
