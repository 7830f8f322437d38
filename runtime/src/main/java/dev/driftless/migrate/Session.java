package dev.driftless.migrate;

import static dev.driftless.migrate.Text.oneLine;
import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;
import static dev.driftless.sql.Identifiers.quote;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The migration connection's session: the schema it works in (the search_path), the advisory lock
 * that lets one process at a time change the history, and the settings it changes and gives back,
 * since a pooled connection outlives the migration.
 */
final class Session {

    /** SQLSTATE read_only_sql_transaction: a hot standby, or default_transaction_read_only. */
    private static final String READ_ONLY_TRANSACTION = "25006";

    private final DataSource dataSource;
    /** Null means the connection's current schema. */
    private final String schema;
    private final String historyTable;
    private final Duration lockTimeout;
    private final boolean createSchema;
    /** Whether a connection has shown that the server's version is supported. */
    private volatile boolean serverChecked;

    Session(DataSource dataSource, String schema, String historyTable, Duration lockTimeout, boolean createSchema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.historyTable = historyTable;
        this.lockTimeout = lockTimeout;
        this.createSchema = createSchema;
    }

    /** Work done on the migration connection while holding the migration lock. */
    interface LockedWork<T> {
        T run(Connection connection, String table) throws SQLException;
    }

    /**
     * What the one unlocked statement of a start read ({@link SchemaHistory#probe}) decides: a
     * result when there is nothing to do (the locked path would run and report nothing either),
     * empty when the locked path must look.
     */
    interface Probe<T> {
        Optional<T> nothingToDo(HistoryProbe probe);
    }

    /**
     * Runs the work on a connection of its own, in the schema, holding the migration lock; gives
     * the connection's settings back and closes it afterwards.
     */
    <T> T locked(LockedWork<T> work) {
        return locked(null, work);
    }

    /**
     * Like {@link #locked(LockedWork)}, but first, on the same connection, without the lock and
     * without changing its session, asks the probe (null: none) whether there is anything to do;
     * when there is not, that one statement is all, and nothing is set or given back.
     */
    <T> T locked(Probe<T> probe, LockedWork<T> work) {
        Connection connection = open();
        ConnectionState original = null;
        try {
            if (probe != null) {
                Optional<T> done = probe(connection, probe);
                if (done.isPresent()) {
                    return done.get();
                }
            }
            original = ConnectionState.of(connection);
            String targetSchema = enterSchema(connection);
            String table = quote(targetSchema) + "." + quote(historyTable);
            long key = SchemaHistory.lockKey(targetSchema, historyTable);
            SchemaHistory.acquireLock(connection, key, table, lockTimeout);
            try {
                return work.run(connection, table);
            } finally {
                SchemaHistory.releaseLock(connection, key);
            }
        } catch (SQLException e) {
            if (READ_ONLY_TRANSACTION.equals(e.getSQLState())) {
                throw new MigrationException("migration failed: the connection may not write (" + oneLine(e.getMessage())
                        + "): connect to the primary server, not a hot standby, with"
                        + " default_transaction_read_only off for its role and database", e);
            }
            throw new MigrationException("migration failed: " + oneLine(e.getMessage()), e);
        } finally {
            if (original != null) {
                original.restore(connection);
            }
            closeQuietly(connection);
        }
    }

    /**
     * The probe on the connection, in autocommit mode as the locked path works (a connection handed
     * out without it gets it back). Any failure of the statement (no history table yet, a table of
     * an earlier Driftless without the later columns, a schema that does not exist) leaves the
     * decision to the locked path, which meets the same state and handles or reports it as always.
     */
    private <T> Optional<T> probe(Connection connection, Probe<T> probe) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return probe.nothingToDo(SchemaHistory.probe(connection, schema, historyTable));
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** A connection of the data source, to a server that {@link ServerVersion} accepts (checked once). */
    Connection open() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new MigrationException("could not connect to the database: " + oneLine(e.getMessage()), e);
        }
        if (!serverChecked) {
            try {
                ServerVersion.require(connection);
                serverChecked = true;
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new MigrationException("could not read the server's version: " + oneLine(e.getMessage()), e);
            }
        }
        return connection;
    }

    /** Sets the search_path to the schema option, and returns the schema that holds the history table. */
    private String enterSchema(Connection connection) throws SQLException {
        if (schema == null) {
            String current = currentSchema(connection);
            if (current == null) {
                throw new MigrationException("the connection has no current schema (no schema on its search_path"
                        + " exists): create one or set the schema option");
            }
            return current;
        }
        // One round trip: whether it exists, and the search_path set to it (to a schema that does not
        // exist yet, it names nothing until it is created; refused, the setting is given back).
        try (PreparedStatement exists = connection.prepareStatement(
                "select exists (select 1 from pg_catalog.pg_namespace where nspname = ?),"
                        + " pg_catalog.set_config('search_path', ?, false)")) {
            exists.setString(1, schema);
            exists.setString(2, quote(schema));
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                if (!result.getBoolean(1) && createSchema) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create schema if not exists " + quote(schema));
                    } catch (SQLException e) {
                        // Another instance created it at the same moment: IF NOT EXISTS does not cover that race.
                        if (!"42P06".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                } else if (!result.getBoolean(1)) {
                    throw new MigrationException("schema " + quote(schema)
                            + " does not exist: create it before migrating, or leave the schema option unset");
                }
            }
        }
        return schema;
    }

    static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select current_schema()")) {
            result.next();
            return result.getString(1);
        }
    }

    static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("select exists (select 1"
                + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p'))")) {
            exists.setString(1, schema);
            exists.setString(2, table);
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /**
     * Lets the versions' commits (and their bookkeeping's) return before their WAL is flushed, and
     * gives the session's setting back. Nothing is lost that matters: PostgreSQL replays its WAL in
     * order, so after a crash the database holds a prefix of the run, each history row with the work
     * it records (a version after it is simply applied again), and {@link #durable(Connection, String, String)} flushes the whole
     * run before the migration returns. This spares one disk flush per commit, which is most of the
     * cost of applying many small versions.
     *
     * @return the session's setting, to restore
     */
    static String asynchronousCommits(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            String previous;
            // One round trip: the subquery (kept apart by its OFFSET 0) reads the setting before it is set.
            try (ResultSet rs = st.executeQuery("select s.previous, pg_catalog.set_config('synchronous_commit', 'off', false)"
                    + " from (select pg_catalog.current_setting('synchronous_commit') as previous offset 0) s")) {
                rs.next();
                previous = rs.getString(1);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return previous;
        }
    }

    /**
     * Returns once every commit made on this connection so far is on disk, under whatever setting it
     * committed, and gives the session its {@code synchronous_commit} back ({@code null}: it was not
     * changed). PostgreSQL flushes its WAL in order, up to a point, so one commit that waits for its
     * flush covers every commit before it. But a commit waits only when its setting is not off and its
     * transaction has an id and wrote WAL before its commit record: one that only took an id (such as
     * {@code txid_current()}), or wrote nothing, returns at once under any setting. So this transaction
     * adds and removes a history row, under {@code synchronous_commit = local} when the session's own
     * setting is off. One round trip, one WAL flush.
     */
    static void durable(Connection connection, String table, String synchronousCommit) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (Statement st = connection.createStatement()) {
                st.execute("do " + dollarQuoted("driftless", " begin "
                        + (synchronousCommit == null ? ""
                                : "perform set_config('synchronous_commit', " + literal(synchronousCommit) + ", false); ")
                        + "if current_setting('synchronous_commit') = 'off' then"
                        + " perform set_config('synchronous_commit', 'local', true); end if; "
                        + "insert into " + table + " (version, description, checksum, applied_at, execution_ms, success)"
                        + " values (0, 'durability marker', '', now(), 0, false); "
                        + "delete from " + table + " where version = 0; "
                        + "end "));
            }
        } catch (SQLException e) {
            throw new MigrationException("the changes were committed, but waiting for them to reach the disk failed ("
                    + oneLine(e.getMessage()) + "): a crash of the server now could undo the latest of them. Check"
                    + " with `driftless status` (Migrator.status()) once the server is up, and run the command again"
                    + " if the database is not where it should be", e);
        }
    }

    /**
     * {@link #durable(Connection, String, String)} after work that may have {@code failed}, so that
     * what a failure reports as done (the versions before it, its own record) survives a crash too.
     * A failure of the flush itself is added to that one.
     */
    static void durable(Connection connection, String table, String synchronousCommit, Throwable failed) {
        try {
            durable(connection, table, synchronousCommit);
        } catch (MigrationException e) {
            // A version's failure (a lost connection, say) says more than this one.
            if (failed == null) {
                throw e;
            }
            failed.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            Log.get().log(Level.WARNING, "could not close the migration connection: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The autocommit mode, search_path, {@code standard_conforming_strings} and {@code
     * synchronous_commit} to give back, since a pooled connection outlives us (the last one also when
     * the final flush, which gives it back itself, failed). While migrating, {@code standard_conforming_strings} is on: the
     * plain literals of frozen versions mean what they say only then (with it off, a backslash in one
     * would end it early and run the rest of it as SQL).
     */
    private record ConnectionState(boolean autoCommit, String searchPath, String standardConformingStrings,
            String synchronousCommit) {

        static ConnectionState of(Connection connection) throws SQLException {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            ConnectionState state;
            try (Statement statement = connection.createStatement()) {
                // One round trip: the subquery (kept apart by its OFFSET 0) reads the settings before one is set.
                try (ResultSet result = statement.executeQuery("select s.*,"
                        + " pg_catalog.set_config('standard_conforming_strings', 'on', false) from (select"
                        + " pg_catalog.current_setting('search_path'), pg_catalog.current_setting('standard_conforming_strings'),"
                        + " pg_catalog.current_setting('synchronous_commit') offset 0) s")) {
                    result.next();
                    state = new ConnectionState(autoCommit, result.getString(1), result.getString(2), result.getString(3));
                }
            }
            return state;
        }

        void restore(Connection connection) {
            try {
                if (connection.isClosed()) {
                    return;
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                try (PreparedStatement set = connection.prepareStatement(
                        "select set_config('search_path', ?, false), set_config('standard_conforming_strings', ?, false),"
                                + " set_config('synchronous_commit', ?, false)")) {
                    set.setString(1, searchPath);
                    set.setString(2, standardConformingStrings);
                    set.setString(3, synchronousCommit);
                    set.execute();
                }
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                Log.get().log(Level.WARNING, "could not restore the connection's settings: " + oneLine(e.getMessage()), e);
            }
        }
    }
}
