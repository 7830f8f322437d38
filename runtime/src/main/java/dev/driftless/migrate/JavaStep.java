package dev.driftless.migrate;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A hand-written step in Java — a data migration, seed data, a {@link Backfill} — named in a
 * version's hand-written steps by the line {@code -- driftless:java <class>}. It runs with the
 * version's connection, inside the version's transaction: it must not commit, roll back or close
 * the connection ({@code commit()}, {@code rollback()} and {@code setAutoCommit(true)} on it throw,
 * failing the version before anything of it is kept). The class needs a public no-argument
 * constructor; the generated version class creates it, so a missing class is a compile error, not
 * a failure at start-up.
 *
 * <p>The version's checksum covers the class name, not its code: like any migration code, keep
 * a step's behaviour unchanged once its version is applied anywhere.
 */
@FunctionalInterface
public interface JavaStep {

    void run(Connection connection) throws SQLException;
}
