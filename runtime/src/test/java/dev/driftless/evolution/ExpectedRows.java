package dev.driftless.evolution;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.evolution.TrackedModel.TrackedColumn;
import dev.driftless.evolution.TrackedModel.TrackedTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows a database should hold, followed through every version by table and column id. A
 * column that appears (added, or brought back by a down) has no expected value in the rows that
 * were already there: it is not compared until {@link #fill} has given it one.
 */
final class ExpectedRows {

    /** Table id → row id → column id → value in {@link ValueKind} normal form. */
    private final Map<Integer, Map<Long, Map<Integer, String>>> tables = new HashMap<>();
    /** The expected value of a column a test follows by other means: neither compared nor filled. */
    private static final String UNFOLLOWED = new String("unfollowed");
    private long lastRow;
    private long compared;

    /** Rows keep their surviving columns; new tables start empty, dropped ones are forgotten. */
    void follow(TrackedModel before, TrackedModel after) {
        tables.keySet().removeIf(id -> after.table(id).isEmpty());
        for (TrackedTable table : after.tables()) {
            if (before.table(table.id()).isEmpty()) {
                tables.put(table.id(), new TreeMap<>());
                continue;
            }
            TrackedTable old = before.table(table.id()).orElseThrow();
            tables.get(table.id()).values().forEach(row -> row.keySet()
                    .removeIf(column -> table.column(column).isEmpty() || old.column(column).isEmpty()));
        }
    }

    /** Inserts one row into every table, each value new, each join column pointing at an existing row. */
    void insertEverywhere(Connection c, TrackedModel model) throws SQLException {
        for (TrackedTable table : model.tables()) {
            insert(c, model, table);
        }
    }

    /** Gives every value not known yet (NULL, or a default) a new, known value. */
    void fill(Connection c, TrackedModel model) throws SQLException {
        for (TrackedTable table : model.tables()) {
            Map<Long, Map<Integer, String>> rows = tables.get(table.id());
            for (var row : new ArrayList<>(rows.entrySet())) {
                var sets = new ArrayList<String>();
                for (TrackedColumn column : table.columns()) {
                    if (!row.getValue().containsKey(column.id())) {
                        String value = value(c, model, table, column, ++lastRow, row.getKey());
                        row.getValue().put(column.id(), value);
                        sets.add(quote(column.name()) + " = " + literal(value));
                    }
                }
                if (!sets.isEmpty()) {
                    execute(c, "update " + quote(table.qualifiedName()) + " set " + String.join(", ", sets) + " where "
                            + quote(table.idColumnOf().name()) + " = " + row.getKey());
                }
            }
        }
    }

    /** What differs between the expected rows and the database; empty when they agree. */
    List<String> differences(Connection c, TrackedModel model) throws SQLException {
        var problems = new ArrayList<String>();
        for (TrackedTable table : model.tables()) {
            Map<Long, Map<Integer, String>> expected = tables.get(table.id());
            var seen = new ArrayList<Long>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from "
                    + quote(table.qualifiedName()))) {
                while (rs.next()) {
                    long id = Long.parseLong(ValueKind.INTEGER.read(rs, table.idColumnOf().name()));
                    seen.add(id);
                    Map<Integer, String> row = expected.get(id);
                    if (row == null) {
                        problems.add(table.name() + ": unexpected row " + id);
                        continue;
                    }
                    for (TrackedColumn column : table.columns()) {
                        String want = row.get(column.id());
                        String got = column.kind().read(rs, column.name());
                        if (want == UNFOLLOWED) {
                            continue;
                        }
                        if (want != null) {
                            compared++;
                        }
                        if (want != null && !want.equals(got)) {
                            problems.add(table.name() + "." + column.name() + " of row " + id + ": expected " + want
                                    + ", found " + got);
                        }
                    }
                }
            }
            if (!seen.containsAll(expected.keySet())) {
                problems.add(table.name() + ": rows " + expected.keySet().stream().filter(id -> !seen.contains(id))
                        .map(String::valueOf).collect(Collectors.joining(", ")) + " are gone");
            }
        }
        return problems;
    }

    /**
     * What differs between the expected values of a column and another column of its table that
     * should hold the same values: the old column of an online rename, read as the column's kind.
     */
    List<String> sameAs(Connection c, TrackedTable table, TrackedColumn column, String other) throws SQLException {
        var problems = new ArrayList<String>();
        Map<Long, Map<Integer, String>> expected = tables.get(table.id());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from "
                + quote(table.qualifiedName()))) {
            while (rs.next()) {
                long id = Long.parseLong(ValueKind.INTEGER.read(rs, table.idColumnOf().name()));
                Map<Integer, String> row = expected.get(id);
                String want = row == null ? null : row.get(column.id());
                if (want == null || want == UNFOLLOWED) {
                    continue;
                }
                compared++;
                String got = column.kind().read(rs, other);
                if (!want.equals(got)) {
                    problems.add(table.name() + "." + other + " (the old column of " + column.name() + ") of row " + id
                            + ": expected " + want + ", found " + got);
                }
            }
        }
        return problems;
    }

    /**
     * Stops following a column in the rows of the table there are now, whose ids are returned. The
     * caller writes values there that this class does not know; they are never compared nor filled
     * again.
     */
    List<Long> unfollow(int tableId, int columnId) {
        var ids = new ArrayList<Long>();
        tables.getOrDefault(tableId, Map.of()).forEach((id, row) -> {
            row.put(columnId, UNFOLLOWED);
            ids.add(id);
        });
        return ids;
    }

    /** How many values were compared with the database so far. */
    long compared() {
        return compared;
    }

    private long insert(Connection c, TrackedModel model, TrackedTable table) throws SQLException {
        long id = ++lastRow;
        var row = new HashMap<Integer, String>();
        var names = new ArrayList<String>();
        var literals = new ArrayList<String>();
        for (TrackedColumn column : table.columns()) {
            String value = value(c, model, table, column, id, id);
            row.put(column.id(), value);
            names.add(quote(column.name()));
            literals.add(literal(value));
        }
        execute(c, "insert into " + quote(table.qualifiedName()) + " (" + String.join(", ", names) + ") values ("
                + String.join(", ", literals) + ")");
        tables.get(table.id()).put(id, row);
        return id;
    }

    /**
     * The value of {@code column} in row {@code rowId}: for a join column the id of a row of the
     * table it refers to (the row itself when it refers to its own table), else the kind's value
     * for {@code n}.
     */
    private String value(Connection c, TrackedModel model, TrackedTable table, TrackedColumn column, long n, long rowId)
            throws SQLException {
        if (column.id() == table.idColumn()) {
            return Long.toString(rowId);
        }
        Integer target = table.references().get(column.id());
        if (target == null) {
            return column.kind().text(n);
        }
        if (target == table.id()) {
            return Long.toString(rowId);
        }
        Map<Long, Map<Integer, String>> targetRows = tables.get(target);
        long referenced = targetRows.isEmpty()
                ? insert(c, model, model.table(target).orElseThrow())
                : targetRows.keySet().iterator().next();
        return Long.toString(referenced);
    }

    /** A value in normal form is also a literal every type of its kind accepts. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
