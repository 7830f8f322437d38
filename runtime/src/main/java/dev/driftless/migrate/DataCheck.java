package dev.driftless.migrate;

import dev.driftless.diff.TypeChange;
import dev.driftless.migrate.DownDiscards.ChangedType;
import dev.driftless.migrate.DownDiscards.Discard;
import dev.driftless.migrate.DownDiscards.DroppedColumn;
import dev.driftless.migrate.DownDiscards.DroppedSync;
import dev.driftless.migrate.DownDiscards.DroppedTable;
import dev.driftless.model.ColumnType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks the database whether a version's down would discard data that is actually there: rows in a
 * table it drops, values in a column it drops, values in a column whose type it narrows. Each
 * count stops at {@value #LIMIT} rows, so that the check stays cheap on big tables (a column with
 * no value is still read to its end). Only reads; run under the migration lock, before anything.
 */
final class DataCheck {

    static final int LIMIT = 1000;

    private DataCheck() {}

    /** What the down of {@code migration} would discard here, one line per object; empty when nothing. */
    static List<String> findings(Connection connection, Migration migration) throws SQLException {
        return findings(connection, migration.down());
    }

    /** What the statements would discard here, one line per object (such as "drops table t, which has 3 rows"). */
    static List<String> findings(Connection connection, List<String> statements) throws SQLException {
        return findings(connection, statements, true);
    }

    /**
     * Like {@link #findings(Connection, List)}. With {@code missingIsUnknown}, a table or column the
     * statements drop that is not there now is a finding too: a later version's down may bring it
     * back under that name (a rename) with values in it, so what would go cannot be told. Without
     * it, a missing object is one the statements before them are still to create, empty.
     */
    static List<String> findings(Connection connection, List<String> statements, boolean missingIsUnknown)
            throws SQLException {
        DownDiscards down = DownDiscards.of(statements);
        Set<String> synced = new HashSet<>();
        for (DroppedSync sync : down.syncs()) {
            synced.addAll(syncedColumns(connection, sync));
        }
        var findings = new ArrayList<String>();
        for (Discard discard : down.discards()) {
            Long table = oid(connection, discard.table());
            if (table == null) {
                if (missingIsUnknown && !(discard instanceof ChangedType)) {
                    findings.add(unknown(discard));
                }
                continue;
            }
            if (discard instanceof DroppedTable) {
                long rows = count(connection, "select 1 from " + discard.table());
                if (rows > 0) {
                    findings.add("drops table " + discard.table() + ", which has " + rows(rows));
                }
            } else if (discard instanceof DroppedColumn c) {
                if (synced.contains(table + "." + unquote(c.column()))) {
                    continue;
                }
                if (type(connection, table, c.column()) == null) {
                    if (missingIsUnknown) {
                        findings.add(unknown(discard));
                    }
                    continue;
                }
                long rows = count(connection, "select 1 from " + c.table() + " where " + c.column() + " is not null");
                if (rows > 0) {
                    findings.add("drops column " + c.table() + "." + c.column() + ", which has values in " + rows(rows));
                }
            } else if (discard instanceof ChangedType c) {
                String now = type(connection, table, c.column());
                if (now == null || TypeChange.widens(ColumnType.of(now), ColumnType.of(c.type()))) {
                    continue;
                }
                long rows = count(connection, "select 1 from " + c.table() + " where " + c.column() + " is not null");
                if (rows > 0) {
                    findings.add("changes column " + c.table() + "." + c.column() + " from " + now + " to " + c.type()
                            + ", which may not keep every value, and it has values in " + rows(rows));
                }
            }
        }
        return findings;
    }

    private static String unknown(Discard discard) {
        String what = discard instanceof DroppedColumn c ? "column " + c.table() + "." + c.column()
                : "table " + discard.table();
        return "drops " + what + ", which is not there now: a later version's down brings it back (renamed, say),"
                + " perhaps with values, or the schema differs from the history, so what it would discard cannot be told";
    }

    private static String rows(long rows) {
        return rows >= LIMIT ? LIMIT + " or more rows" : rows == 1 ? "1 row" : rows + " rows";
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from (" + query + " limit " + LIMIT + ") s")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Long oid(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select to_regclass(?)::oid")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? null : oid;
            }
        }
    }

    /** The column's type as PostgreSQL prints it, or null when the table has no such column. */
    private static String type(Connection connection, long table, String column) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select format_type(atttypid, atttypmod)"
                + " from pg_catalog.pg_attribute where attrelid = ? and attname = ? and attnum > 0 and not attisdropped")) {
            st.setLong(1, table);
            st.setString(2, unquote(column));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The two columns a sync trigger keeps equal (its arguments), as {@code <table oid>.<column>}. */
    private static List<String> syncedColumns(Connection connection, DroppedSync sync) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select tgrelid::bigint, tgargs from pg_catalog.pg_trigger"
                + " where tgrelid = to_regclass(?) and tgname = ?")) {
            st.setString(1, sync.table());
            st.setString(2, unquote(sync.trigger()));
            try (ResultSet rs = st.executeQuery()) {
                var columns = new ArrayList<String>();
                while (rs.next()) {
                    long table = rs.getLong(1);
                    for (String name : new String(rs.getBytes(2), StandardCharsets.UTF_8).split("\0")) {
                        if (!name.isEmpty()) {
                            columns.add(table + "." + name);
                        }
                    }
                }
                return columns;
            }
        }
    }

    /** An identifier as the catalog has it: without its double quotes, or folded to lower case when bare. */
    static String unquote(String identifier) {
        return identifier.startsWith("\"")
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(java.util.Locale.ROOT);
    }
}
