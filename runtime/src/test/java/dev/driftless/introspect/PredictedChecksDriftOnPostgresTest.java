package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The checks whose spelling {@link ServerSpelling} predicts still show every change made to them by
 * hand — a value added, removed, changed or moved, another cast, another column type, another bound
 * — and an unchanged one shows nothing, also where the server could not be asked to spell them (a
 * read-only session, such as one on a standby, may create no temporary table).
 */
class PredictedChecksDriftOnPostgresTest {

    /** Table to: the column, the check in the snapshot (the processor's form), the check in the database. */
    private static final Map<String, String[]> CASES = new LinkedHashMap<>();

    static {
        CASES.put("same", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status in ('DRAFT','SENT')"});
        CASES.put("same_one", new String[] {"status character varying(20)", "status in ('DRAFT')", "status in ('DRAFT')"});
        CASES.put("same_text", new String[] {"status text", "status in ('it''s','')", "status in ('it''s','')"});
        CASES.put("same_char", new String[] {"\"Kind\" character(1)", "\"Kind\" in ('A','B')", "\"Kind\" in ('A','B')"});
        CASES.put("same_range", new String[] {"status smallint", "status between 0 and 3", "status between 0 and 3"});
        CASES.put("same_backslash", new String[] {"status text", "status in ('a\\b','c')", "status in ('a\\b','c')"});
        CASES.put("added", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status in ('DRAFT','SENT','PAID')"});
        CASES.put("removed", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status in ('DRAFT')"});
        CASES.put("changed", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status in ('DRAFT','Sent')"});
        CASES.put("moved", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status in ('SENT','DRAFT')"});
        CASES.put("space", new String[] {"status text", "status in ('DRAFT','SENT')", "status in ('DRAFT','SENT ')"});
        CASES.put("backslash", new String[] {"status text", "status in ('a\\b','c')", "status in ('a\\\\b','c')"});
        CASES.put("recast", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status::text in ('DRAFT','SENT')"});
        CASES.put("recast_one", new String[] {"status character varying(20)", "status in ('DRAFT')", "status::character varying(5) in ('DRAFT')"});
        CASES.put("operator", new String[] {"status character varying(20)", "status in ('DRAFT','SENT')", "status not in ('DRAFT','SENT')"});
        CASES.put("range", new String[] {"status smallint", "status between 0 and 3", "status between 0 and 4"});
        CASES.put("range_strict", new String[] {"status integer", "status between 0 and 3", "status > 0 and status <= 3"});
    }

    @Test
    void everyChangeToAPredictedCheckIsReported() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            SchemaModel[] both = create(c);
            assertEquals(expected(), drift(c, both[0], both[1]));
            assertEquals(Map.of(), leftovers(c));
        }
    }

    @Test
    void aReadOnlySessionSeesTheSameDrift() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            SchemaModel[] both = create(c);
            try (Statement st = c.createStatement()) {
                st.execute("set default_transaction_read_only = on");
            }
            // The changed ones are still reported (what PostgreSQL cannot spell stays as written, and differs).
            assertEquals(expected(), drift(c, both[0], both[1]));
        }
    }

    @Test
    void aChangedDefaultIsReportedAndAnotherCaseIsNone() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("create table stamped (id bigint primary key, created timestamp default current_timestamp,"
                        + " day date default current_date, at time default localtime, flag boolean default true,"
                        + " other boolean default false)");
            }
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
            Table t = live.tables().get(0);
            Map<String, String> written = Map.of("created", "Current_Timestamp", "day", "current_timestamp",
                    "at", "LOCALTIME", "flag", "FALSE", "other", "False");
            var columns = t.columns().stream().map(col -> written.containsKey(col.name())
                    ? col.withDefault(written.get(col.name())) : col).toList();
            SchemaModel snapshot = live.withTables(List.of(new Table(t.name(), columns, t.primaryKey(),
                    t.uniqueConstraints(), t.indexes(), t.foreignKeys(), t.checks(), t.comment())));
            assertEquals(new TreeSet<>(List.of("set default of stamped.day to CURRENT_DATE",
                    "set default of stamped.flag to true")), describe(c, snapshot, live));
        }
    }

    private static Set<String> describe(Connection c, SchemaModel snapshot, SchemaModel live) throws SQLException {
        var out = new TreeSet<String>();
        SchemaDiff.between(Canonical.of(c, snapshot, live), live).forEach(o -> out.add(o.describe()));
        return out;
    }

    /** The database of {@link #CASES}, read back, and the snapshot: that model with the snapshot's checks. */
    private static SchemaModel[] create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // As a migration runs.
            st.execute("set standard_conforming_strings = on");
            for (var e : CASES.entrySet()) {
                st.execute("create table " + e.getKey() + " (id bigint primary key, " + e.getValue()[0]
                        + ", constraint " + e.getKey() + "_check check (" + e.getValue()[2] + "))");
            }
        }
        SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());
        var tables = new ArrayList<Table>();
        for (Table t : live.tables()) {
            tables.add(new Table(t.name(), t.columns(), t.primaryKey(), t.uniqueConstraints(), t.indexes(),
                    t.foreignKeys(), List.of(new CheckConstraint(t.checks().get(0).name(),
                            CASES.get(t.name().name())[1])), t.comment()));
        }
        return new SchemaModel[] {live.withTables(tables), live};
    }

    private static Set<String> drift(Connection c, SchemaModel snapshot, SchemaModel live) throws SQLException {
        var out = new TreeSet<String>();
        for (Operation o : SchemaDiff.between(Canonical.of(c, snapshot, live), live)) {
            out.add(o.describe().replaceFirst(":.*", ""));
        }
        return out;
    }

    /** A drop and an add of the check of every table but the unchanged ones. */
    private static Set<String> expected() {
        var out = new TreeSet<String>();
        for (String table : CASES.keySet()) {
            if (!table.startsWith("same")) {
                out.add("add check constraint " + table + "_check on " + table);
                out.add("drop check constraint " + table + "_check on " + table);
            }
        }
        return out;
    }

    private static Map<String, String> leftovers(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("select relname from pg_class where relname like 'driftless_canonical%'")) {
            return rs.next() ? Map.of(rs.getString(1), "left behind") : Map.of();
        }
    }
}
