package dev.driftless.migrate;

import static dev.driftless.migrate.Text.human;
import static dev.driftless.migrate.Text.oneLine;
import static dev.driftless.migrate.Text.sleep;
import static dev.driftless.sql.Identifiers.quote;
import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history table and the migration lock: what the database knows about its versions, and the
 * PostgreSQL advisory lock that lets one process at a time change them.
 */
final class SchemaHistory {

    private static final Duration LOCK_POLL_INTERVAL = Duration.ofMillis(100);

    private SchemaHistory() {}

    /**
     * The advisory lock key for a history table: the first 8 bytes of the SHA-256 of its qualified
     * name as written in SQL, so every process (and any version of Driftless) derives the same key.
     */
    static long lockKey(String schema, String historyTable) {
        String qualified = quote(schema) + "." + quote(historyTable);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(qualified.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static void insertHistory(
            Connection connection, String table, Migration migration, Duration took, String error)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (version, description, checksum, applied_at, execution_ms, success, error)"
                + " values (?, ?, ?, now(), ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.checksum());
            insert.setLong(4, took.toMillis());
            insert.setBoolean(5, error == null);
            insert.setString(6, error);
            insert.executeUpdate();
        }
    }

    /**
     * The row of a version applied, as one statement: {@link #insertHistory} of a success, sent with
     * the version's last statements and its commit.
     *
     * @param millis an SQL expression of the milliseconds the version took
     */
    static String insertHistorySql(String table, Migration migration, String millis) {
        return "insert into " + table + " (version, description, checksum, applied_at, execution_ms, success, error)"
                + " values (" + migration.version() + ", " + literal(migration.description()) + ", "
                + literal(migration.checksum()) + ", now(), " + millis + ", true, null)";
    }

    /**
     * {@link #updateProgress} of a phase done, as one statement, sent with the phase's last
     * statements and its commit: {@code completed} statements done, or null when the phase was the
     * version's last, which makes the version a success.
     *
     * @param millis an SQL expression of the milliseconds the phase took
     */
    static String updateProgressSql(String table, int version, Integer completed, String millis) {
        return "update " + table + " set completed_steps = " + completed + ", success = " + (completed == null)
                + ", error = null, execution_ms = execution_ms + " + millis + ", applied_at = now() where version = "
                + version;
    }

    /** {@link #delete} as one statement, sent with the down's last statements and its commit. */
    static String deleteSql(String table, int version) {
        return "delete from " + table + " where version = " + version;
    }

    /** Columns added since the first history table, each with its type; tables made before get them. */
    private static final List<String[]> ADDED_COLUMNS = List.of(
            new String[] {"completed_steps", "integer"},
            new String[] {"reverted_statements", "integer"},
            new String[] {"baselined", "boolean not null default false"},
            new String[] {"accepted", "text"});

    static void createHistoryTable(Connection connection, String table) throws SQLException {
        // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
        var sql = new StringBuilder(createHistoryTableSql(table)).append(";\n");
        // Tables made by an earlier Driftless lack the later columns. Checked first, so that an
        // ordinary start takes no ACCESS EXCLUSIVE lock; one round trip for all the statements.
        var body = new StringBuilder(" begin");
        for (String[] column : ADDED_COLUMNS) {
            body.append(" if not exists (select 1 from pg_catalog.pg_attribute where attrelid = ")
                    .append(literal(table)).append("::regclass and attname = '").append(column[0])
                    .append("' and not attisdropped) then alter table ").append(table).append(" add column ")
                    .append(column[0]).append(' ').append(column[1]).append("; end if;");
        }
        sql.append("do ").append(dollarQuoted("driftless", body.append(" end ").toString()));
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    /**
     * Records the rows of a baseline: versions the database had before Driftless managed it.
     *
     * @param accepted what a forced baseline accepted (one {@link AcceptedDifference#line()} each), on
     *     the row of the version baselined; empty otherwise
     */
    static void insertBaselined(Connection connection, String table, Migration migration,
            List<AcceptedDifference> accepted)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (version, description, checksum, applied_at, execution_ms, success, error, baselined, accepted)"
                + " values (?, ?, ?, now(), 0, true, null, true, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.checksum());
            insert.setString(4, accepted.isEmpty() ? null
                    : String.join("\n", accepted.stream().map(AcceptedDifference::line).toList()));
            insert.executeUpdate();
        }
    }

    /**
     * What a forced baseline accepted, of either line form ({@link AcceptedDifference#parse}); empty
     * when there was none or the table is older.
     */
    static List<AcceptedDifference> acceptedAtBaseline(Connection connection, String table) throws SQLException {
        var out = new ArrayList<AcceptedDifference>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from " + table
                        + " where baselined order by version")) {
            boolean has = false;
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                has |= rows.getMetaData().getColumnName(i).equals("accepted");
            }
            while (has && rows.next()) {
                String accepted = rows.getString("accepted");
                if (accepted != null) {
                    out.addAll(AcceptedDifference.parseAll(accepted));
                }
            }
        }
        return out;
    }

    /**
     * How many statements of an applied version's down are done, while a downgrade of it in several
     * phases is under way; null when none is. The row is removed when the last phase is done.
     */
    static void updateReverted(Connection connection, String table, int version, int reverted) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update " + table + " set reverted_statements = ? where version = ? and success")) {
            update.setInt(1, reverted);
            update.setInt(2, version);
            if (update.executeUpdate() != 1) {
                throw new SQLException("version " + version + " is not recorded as applied any more: another"
                        + " process changed the history table");
            }
        }
    }

    /** Records that a version with non-transactional steps has started: a row that is not yet a success. */
    static void insertProgress(Connection connection, String table, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (version, description, checksum, applied_at, execution_ms, success, error, completed_steps)"
                + " values (?, ?, ?, now(), 0, false, null, 0)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.checksum());
            insert.executeUpdate();
        }
    }

    /** The progress of an unfinished version: its completed statements, an error, or success. */
    static void updateProgress(Connection connection, String table, int version, Integer completed, boolean success,
            String error, Duration took) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update " + table
                + " set completed_steps = ?, success = ?, error = ?, execution_ms = execution_ms + ?,"
                + " applied_at = now() where version = ?")) {
            if (completed == null) {
                update.setNull(1, java.sql.Types.INTEGER);
            } else {
                update.setInt(1, completed);
            }
            update.setBoolean(2, success);
            update.setString(3, error);
            update.setLong(4, took.toMillis());
            update.setInt(5, version);
            update.executeUpdate();
        }
    }

    /** Removes a version's row: it was reverted. */
    static void delete(Connection connection, String table, int version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where version = ?")) {
            delete.setInt(1, version);
            delete.executeUpdate();
        }
    }

    /** Removes the row of a failed attempt, and only such a row. */
    static void deleteFailed(Connection connection, String table, int version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + table + " where version = ? and not success")) {
            delete.setInt(1, version);
            delete.executeUpdate();
        }
    }

    /** The history table's definition; the offline script creates the same table. */
    static String createHistoryTableSql(String table) {
        return "create table if not exists " + table + " ("
                + "version integer primary key, "
                + "description text not null, "
                + "checksum text not null, "
                + "applied_at timestamptz not null, "
                + "execution_ms bigint not null, "
                + "success boolean not null, "
                + "error text, "
                + "completed_steps integer, "
                + "reverted_statements integer, "
                + "baselined boolean not null default false, "
                + "accepted text)";
    }

    /**
     * The probe of a start: in one statement and without the lock, the current schema, the schema
     * the history table's name resolves to, the advisory locks held in this database, and every
     * history row. Names every column the locked path would add to an older table, so that such a
     * table fails the probe (as a missing table does) and the locked path upgrades it. Changes
     * nothing: no setting, no lock, no row.
     *
     * <p>The rows are read as of the statement's start and the locks as they are when the server
     * reaches them, a moment later. A migration that commits and unlocks in between is seen neither
     * as holding the lock nor as its version: the probe answers as it would have a moment earlier,
     * before that migration ran, which is what a start just before it gets anyway (an instance of
     * older code then runs against the newer version, whichever way it started).
     *
     * @param schema the schema option, null for the connection's current schema
     */
    static HistoryProbe probe(Connection connection, String schema, String historyTable) throws SQLException {
        String table = (schema == null ? "" : quote(schema) + ".") + quote(historyTable);
        var columns = new StringBuilder();
        for (String[] column : ADDED_COLUMNS) {
            columns.append(", h.").append(column[0]).append(" is not null");
        }
        String sql = "select s.current, s.holder, s.locks, h.version, h.description, h.checksum, h.applied_at,"
                + " h.execution_ms, h.success, h.error, h.completed_steps, h.reverted_statements, h.baselined"
                + columns
                + " from (select pg_catalog.current_schema() as current,"
                + " (select n.nspname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where c.oid = cast(? as pg_catalog.regclass)) as holder,"
                + " (select pg_catalog.string_agg(((l.classid::int8 << 32) | l.objid::int8)::text, ',')"
                + " from pg_catalog.pg_locks l where l.locktype = 'advisory' and l.objsubid = 1 and l.granted"
                + " and l.database = (select d.oid from pg_catalog.pg_database d"
                + " where d.datname = pg_catalog.current_database())) as locks) s"
                + " left join " + table + " h on true order by h.version";
        String current = null;
        String holder = null;
        var locks = new HashSet<Long>();
        List<HistoryEntry> history = new ArrayList<>();
        try (PreparedStatement probe = connection.prepareStatement(sql)) {
            probe.setString(1, table);
            try (ResultSet rows = probe.executeQuery()) {
                boolean first = true;
                while (rows.next()) {
                    if (first) {
                        first = false;
                        current = rows.getString(1);
                        holder = rows.getString(2);
                        String held = rows.getString(3);
                        if (held != null) {
                            for (String key : held.split(",")) {
                                locks.add(Long.parseLong(key));
                            }
                        }
                    }
                    if (rows.getObject(4) == null) {
                        continue;
                    }
                    history.add(new HistoryEntry(rows.getInt(4), rows.getString(5), rows.getString(6),
                            rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getLong(8), rows.getBoolean(9),
                            rows.getString(10), rows.getObject(11, Integer.class), rows.getObject(12, Integer.class),
                            rows.getBoolean(13)));
                }
            }
        }
        return new HistoryProbe(current, holder, locks, history);
    }

    static List<HistoryEntry> readHistory(Connection connection, String table) throws SQLException {
        List<HistoryEntry> history = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                // select *: a table made by an earlier Driftless (read without migrating) lacks the later columns.
                ResultSet rows = statement.executeQuery("select * from " + table + " order by version")) {
            var columns = new HashSet<String>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                columns.add(rows.getMetaData().getColumnName(i));
            }
            while (rows.next()) {
                history.add(new HistoryEntry(
                        rows.getInt("version"),
                        rows.getString("description"),
                        rows.getString("checksum"),
                        rows.getObject("applied_at", OffsetDateTime.class).toInstant(),
                        rows.getLong("execution_ms"),
                        rows.getBoolean("success"),
                        rows.getString("error"),
                        columns.contains("completed_steps") ? rows.getObject("completed_steps", Integer.class) : null,
                        columns.contains("reverted_statements")
                                ? rows.getObject("reverted_statements", Integer.class) : null,
                        columns.contains("baselined") && rows.getBoolean("baselined")));
            }
        }
        return history;
    }

    static void acquireLock(Connection connection, long key, String table, Duration lockTimeout) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + lockTimeout.toNanos();
        boolean waited = false;
        try (PreparedStatement tryLock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet result = tryLock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        if (waited) {
                            Duration wait = Duration.ofNanos(System.nanoTime() - start);
                            Log.get().log(Level.INFO, () -> "got the migration lock after waiting " + human(wait));
                        }
                        return;
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new MigrationException("waited " + human(Duration.ofNanos(System.nanoTime() - start))
                            + " for the migration lock of " + table + " (advisory lock " + key
                            + ") but another process still holds it; giving up after the lock timeout of "
                            + human(lockTimeout) + ". If no migration is running, look for the holder in pg_locks"
                            + " (locktype 'advisory')");
                }
                if (!waited) {
                    Log.get().log(Level.INFO, "waiting for migration lock held by another process");
                    waited = true;
                }
                sleep(Math.min(remaining, LOCK_POLL_INTERVAL.toNanos()));
            }
        }
    }

    static void releaseLock(Connection connection, long key) {
        try {
            if (connection.isClosed()) {
                // The session ended (its backend was terminated, say), and the lock with it.
                Log.get().log(Level.DEBUG, "the migration connection is closed; its session's lock went with it");
                return;
            }
        } catch (SQLException e) {
            return;
        }
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            if (!connection.getAutoCommit()) {
                // An aborted transaction would refuse the unlock.
                connection.rollback();
                connection.setAutoCommit(true);
            }
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // Closing a plain connection ends the session and frees the lock anyway; the version's own
            // failure, if any, is what the caller reports.
            Log.get().log(Level.WARNING, () -> "could not release the migration lock: " + oneLine(e.getMessage())
                    + " (closing the connection ends its session, which releases it)");
        }
    }

    static Set<Integer> successfulVersions(List<HistoryEntry> history) {
        Set<Integer> versions = new HashSet<>();
        history.stream().filter(HistoryEntry::success).forEach(e -> versions.add(e.version()));
        return versions;
    }

    static int currentVersion(List<HistoryEntry> history) {
        return history.stream().filter(HistoryEntry::success).mapToInt(HistoryEntry::version).max().orElse(0);
    }
}
