package dev.driftless.migrate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The PostgreSQL versions Driftless works with: 13 and later. Its plans rely on what 13 brought
 * (a column added with a constant default is no rewrite since 11, {@code gen_random_uuid()} in
 * core, the catalog columns the introspection reads), and each supported major version is tested.
 */
public final class ServerVersion {

    /** The major version of the oldest server Driftless works with. */
    public static final int OLDEST_SUPPORTED = 13;

    private ServerVersion() {}

    /**
     * Refuses a connection to a server older than {@link #OLDEST_SUPPORTED}, before anything is read
     * or written. The version is the one the server announced when the connection was made (its
     * {@code server_version}), so the check runs no statement and leaves the connection as it was.
     */
    static void require(Connection connection) throws SQLException {
        DatabaseMetaData server = connection.getMetaData();
        int major = server.getDatabaseMajorVersion();
        if (major < OLDEST_SUPPORTED) {
            throw new UnsupportedServerException("the server is PostgreSQL " + server.getDatabaseProductVersion()
                    + ", older than the oldest version Driftless supports, PostgreSQL " + OLDEST_SUPPORTED
                    + "; nothing was read or changed: upgrade the server to PostgreSQL " + OLDEST_SUPPORTED
                    + " or later (13 to 18 are tested)");
        }
    }
}
