package dev.driftless.migrate;

/** The database server is a PostgreSQL older than the ones Driftless supports ({@link ServerVersion}). */
public final class UnsupportedServerException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public UnsupportedServerException(String message) {
        super(message);
    }
}
