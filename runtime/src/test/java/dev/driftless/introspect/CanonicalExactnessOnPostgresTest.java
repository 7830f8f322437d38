package dev.driftless.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A snapshot written the way the processor writes it against a database PostgreSQL printed: the
 * expressions that only look different compare equal, and every real difference in a check or a
 * default — a literal, an operator, a cast, the same text over a column of another type — is
 * reported, also when many tables share their expressions and PostgreSQL is asked about all of
 * them at once.
 */
class CanonicalExactnessOnPostgresTest {

    /** Tables of the same shape, so that their expressions are spelled together. */
    private static final int SAME = 40;

    @Test
    void equalSpellingsPassAndEverySubtleDifferenceIsReported() throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase(); Connection c = db.connect()) {
            var ddl = new ArrayList<String>();
            for (int k = 0; k < SAME; k++) {
                ddl.add(table("same_" + k, "status character varying(20) default 'DRAFT'",
                        "status in ('DRAFT', 'SENT')"));
            }
            // The same check text over a text column prints differently from the varchar one.
            ddl.add(table("as_text", "status text default 'DRAFT'", "status in ('DRAFT', 'SENT')"));
            ddl.add(table("literal", "status character varying(20)", "status in ('DRAFT', 'SENT')"));
            ddl.add(table("operator", "amount integer", "amount >= 0"));
            ddl.add(table("casted", "amount numeric(10,2)", "amount > 5"));
            ddl.add(table("changed_default", "priority integer default 7", "priority between 1 and 9"));
            ddl.add(table("refused", "amount integer", "amount > 0"));
            ddl.add(table("spelled_default", "priority integer default 7", "priority > 0"));
            ddl.add(table("cast_default", "created timestamp(6) without time zone default (now())::date",
                    "created is not null"));
            run(c, ddl);
            SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of());

            // The snapshot: every expression as the processor writes it, a few changed.
            var tables = new ArrayList<Table>();
            for (Table t : live.tables()) {
                String name = t.name().name();
                tables.add(switch (name) {
                    case "literal" -> written(t, null, "status in ('DRAFT', 'PAID')");
                    case "operator" -> written(t, null, "amount > 0");
                    case "casted" -> written(t, null, "amount::integer > 5");
                    case "changed_default" -> written(t, "8", "priority between 1 and 9");
                    case "refused" -> written(t, null, "no_such_function(amount) > 0");
                    case "as_text" -> written(t, "'DRAFT'", "status in ('DRAFT', 'SENT')");
                    case "spelled_default" -> written(t, "'7'", "priority > 0");
                    case "cast_default" -> written(t, "now()", "created is not null");
                    default -> written(t, "'DRAFT'", "status in ('DRAFT', 'SENT')");
                });
            }
            SchemaModel snapshot = live.withTables(tables);
            for (Table t : snapshot.tables()) {
                Table l = live.table(t.name()).orElseThrow();
                if (!t.name().name().matches("changed_default|spelled_default|cast_default")) {
                    // Each check is written differently from PostgreSQL's text: the test compares spellings.
                    assertEquals(false, t.checks().equals(l.checks()), t.name().name());
                }
            }

            SchemaModel wanted = Canonical.of(c, snapshot, live);
            var drift = new TreeSet<String>();
            SchemaDiff.between(wanted, live).stream().map(Operation::describe).forEach(drift::add);
            // From the snapshot to the database: what was changed by hand, and nothing else.
            assertEquals(new TreeSet<>(List.of(
                    "add check constraint casted_check on casted: (amount > (5)::numeric)",
                    "add check constraint literal_check on literal: ((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'SENT'::character varying])::text[]))",
                    "add check constraint operator_check on operator: (amount >= 0)",
                    "add check constraint refused_check on refused: (amount > 0)",
                    "drop check constraint casted_check on casted",
                    "drop check constraint literal_check on literal",
                    "drop check constraint operator_check on operator",
                    "drop check constraint refused_check on refused",
                    "set default of cast_default.created to " + live.table(QualifiedName.of("cast_default"))
                            .orElseThrow().column("created").orElseThrow().defaultExpression(),
                    "set default of changed_default.priority to 7")), drift);
            assertEquals("7", wanted.table(QualifiedName.of("spelled_default")).orElseThrow()
                    .column("priority").orElseThrow().defaultExpression());
            // The snapshot's side, spelled by PostgreSQL where it could be.
            assertEquals("((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'PAID'::character varying])::text[]))",
                    check(wanted, "literal"));
            assertEquals("(amount > 0)", check(wanted, "operator"));
            assertEquals("((amount)::integer > 5)", check(wanted, "casted"));
            assertEquals("no_such_function(amount) > 0", check(wanted, "refused"), "what PostgreSQL refuses stays as written");
            assertEquals("(status = ANY (ARRAY['DRAFT'::text, 'SENT'::text]))", check(wanted, "as_text"));
            assertEquals("((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'SENT'::character varying])::text[]))",
                    check(wanted, "same_7"));

            // And the check of an unchanged database is clean.
            SchemaModel same = Canonical.of(c, live.withTables(tables.stream()
                    .map(t -> t.name().name().matches("same_\\d+|as_text") ? t
                            : live.table(t.name()).orElseThrow()).toList()), live);
            assertEquals(List.of(), SchemaDiff.between(same, live).stream().map(Operation::describe).toList());
            assertEquals(Map.of(), leftovers(c));
        }
    }

    private static String table(String name, String column, String check) {
        return "create table " + name + " (id bigint primary key, " + column + ", constraint " + name
                + "_check check (" + check + "))";
    }

    /** {@code t} with its one check, and the default of its second column when given, written as stated. */
    private static Table written(Table t, String defaultExpression, String check) {
        var columns = new ArrayList<Column>();
        for (Column col : t.columns()) {
            columns.add(defaultExpression != null && col.name().equals(t.columns().get(1).name())
                    ? col.withDefault(defaultExpression) : col);
        }
        return new Table(t.name(), columns, t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(),
                List.of(new CheckConstraint(t.checks().get(0).name(), check)), t.comment());
    }

    private static String check(SchemaModel model, String table) {
        return model.tables().stream().filter(t -> t.name().name().equals(table)).findFirst().orElseThrow()
                .checks().get(0).expression();
    }

    private static Map<String, String> leftovers(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("select relname from pg_class where relname like 'driftless_canonical%'")) {
            return rs.next() ? Map.of(rs.getString(1), "left behind") : Map.of();
        }
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

}
