package dev.driftless.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.sql.Identifiers;
import dev.driftless.sql.Literals;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The property for names and texts: tables, columns and constraints with random names (any
 * character PostgreSQL takes in a quoted identifier, up to 63 bytes: quotes, backslashes,
 * semicolons, comment openers, dollar tags, line feeds, any code point but NUL and carriage return)
 * and comments,
 * defaults and check constants with random text (any character but NUL). Each version, planned as
 * the processor plans it, is written and read back to the same statements and checksum; it applies
 * on PostgreSQL with {@code standard_conforming_strings} on and off and a non-default
 * {@code search_path}; the catalog then equals the model, and every comment and default is stored
 * exactly as written.
 *
 * <p>{@code -Ddriftless.sqltext.cases=N} runs N cases (default 6), {@code -Ddriftless.sqltext.seed=S}
 * starts from another seed.
 */
class RandomNamesAndTextsOnPostgresTest {

    private static final int CASES = Integer.getInteger("driftless.sqltext.cases", 6);
    private static final long SEED = Long.getLong("driftless.sqltext.seed", 1L);

    private static final String[] PIECES = {"$", "\"", "'", "''", "\\", "\\'", ";", "--", "/*", "*/", "$usd$",
        "$driftless_sync$", "$driftless_batches$", "$$", " ", "\n", "\r\n", "\r", "E'", "U&", "\t", "\n-- driftless:down\n",
        "\n-- driftless:java x.Y\n"};

    @Test
    void randomNamesAndTextsRoundTripAndApplyExactly() throws SQLException {
        for (int n = 0; n < CASES; n++) {
            long seed = SEED + n;
            boolean standard = n % 2 == 0;
            try {
                roundTrip(new Random(seed), standard);
            } catch (AssertionError | SQLException | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay with -Ddriftless.sqltext.seed=" + seed
                        + " -Ddriftless.sqltext.cases=1), standard_conforming_strings "
                        + (standard ? "on" : "off") + ": " + e, e);
            }
        }
    }

    private static void roundTrip(Random random, boolean standard) throws SQLException {
        var names = new Names(random);
        QualifiedName table = QualifiedName.of(names.next());
        String id = names.next();
        String text = names.next();
        String number = names.next();
        String renamed = names.next();
        String added = names.next();
        String textDefault = text(random);
        Table before = new Table(table, List.of(Column.of(id, "bigint", false),
                new Column(text, ColumnType.of("text"), true, Literals.literal(textDefault), Identity.NONE, comment(random)),
                new Column(number, ColumnType.of("integer"), true, null, Identity.NONE, comment(random))),
                new PrimaryKey(names.next(), List.of(id)), List.of(), List.of(), List.of(),
                List.of(new CheckConstraint(names.next(), Identifiers.quote(text) + " <> " + Literals.literal(text(random)))),
                comment(random));
        Table after = new Table(table, List.of(before.columns().get(0), before.columns().get(1),
                new Column(renamed, ColumnType.of("integer"), true, null, Identity.NONE, comment(random)),
                new Column(added, ColumnType.of("uuid"), false, "gen_random_uuid()", Identity.NONE, comment(random))),
                before.primaryKey(), List.of(), List.of(), List.of(), before.checks(), comment(random));
        SchemaModel v1 = new SchemaModel(List.of(before), List.of());
        SchemaModel v2 = new SchemaModel(List.of(after), List.of());

        VersionPlan.Planned first = VersionPlan.plan(History.EMPTY, v1, "create", Renames.NONE, HandWrittenSteps.NONE)
                .orElseThrow();
        History history = freeze(History.EMPTY, first);
        Renames online = new Renames(Map.of(), Map.of(table, Map.of(renamed, number)), Set.of(),
                Map.of(table, Set.of(renamed)));
        VersionPlan.Planned second = VersionPlan.plan(history, v2, "change", online, HandWrittenSteps.NONE).orElseThrow();
        history = freeze(history, second);
        List<Migration> versions = new ArrayList<>();
        history.versions().forEach(v -> versions.add(new FrozenMigration(v)));

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            String schema = names.next();
            db.execute("create schema " + Identifiers.quote(schema),
                    "alter database " + db.name() + " set search_path = " + Identifiers.quote(schema) + ", public",
                    "alter database " + db.name() + " set standard_conforming_strings = " + (standard ? "on" : "off"));
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(versions).build();
            migrator.migrateTo(1);
            try (Connection c = db.connect()) {
                assertEquals(standard ? "on" : "off", one(c, "select current_setting('standard_conforming_strings')"));
                assertEquals(schema, one(c, "select current_schema()"));
                assertCatalog(c, first.reached(), before);
                try (PreparedStatement insert = c.prepareStatement("insert into " + QualifiedName.quote(table) + " ("
                        + Identifiers.quote(id) + ", " + Identifiers.quote(number) + ") select g, g from generate_series(1, 3) g")) {
                    insert.execute();
                }
                assertEquals(textDefault, one(c, "select " + Identifiers.quote(text) + " from " + QualifiedName.quote(table)
                        + " where " + Identifiers.quote(id) + " = 1"), "the default is stored as written");
            }
            migrator.migrate();
            try (Connection c = db.connect()) {
                assertCatalog(c, second.reached(), after);
                assertEquals("3", one(c, "select count(*) from " + QualifiedName.quote(table) + " where "
                        + Identifiers.quote(renamed) + " = " + Identifiers.quote(number) + " and " + Identifiers.quote(added)
                        + " is not null"), "the online rename copied every value and the fill gave every row a value");
            }
        }
    }

    /** What the processor does: writes the version and the snapshot, and the next build reads them back. */
    private static History freeze(History history, VersionPlan.Planned planned) {
        FrozenVersion version = planned.version();
        FrozenVersion read = VersionFormat.read(VersionFormat.write(version), version.fileName());
        for (int i = 0; i < Math.max(version.up().size(), read.up().size()); i++) {
            assertEquals(i < version.up().size() ? version.up().get(i) : null, i < read.up().size() ? read.up().get(i) : null,
                    "statement " + (i + 1) + " up reads back as written");
        }
        assertEquals(version.down(), read.down(), "the down statements read back as written");
        // The operations are commentary, one header line each: a line break in a name is a space there.
        assertEquals(version.operations().stream().map(o -> o.replace('\n', ' ').replace('\r', ' ')).toList(),
                read.operations(), "the operations read back as written");
        assertEquals(version.handWritten(), read.handWritten());
        assertEquals(version.irreversible(), read.irreversible());
        assertEquals(version.checksum(), read.checksum(), "the checksum the next build computes is the frozen one");
        Snapshot snapshot = new Snapshot(version.version(), planned.reached());
        assertEquals(snapshot, SnapshotFormat.read(SnapshotFormat.write(snapshot), SnapshotFormat.FILE_NAME));
        return history.plus(read, snapshot);
    }

    private static void assertCatalog(Connection c, SchemaModel reached, Table table) throws SQLException {
        SchemaModel live = PostgresIntrospector.read(c, Set.of(), Set.of(QualifiedName.of("driftless_history")));
        assertEquals(List.of(), SchemaDiff.between(Canonical.of(c, reached), live).stream().map(Operation::describe).toList(),
                "the catalog equals the model");
        assertEquals(table.comment(), comment(c, table.name().name(), null), "the table's comment");
        for (Column column : table.columns()) {
            assertEquals(column.comment(), comment(c, table.name().name(), column.name()), "the comment of " + column.name());
        }
    }

    private static String comment(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select d.description from pg_class r join pg_description d"
                + " on d.objoid = r.oid and d.classoid = 'pg_class'::regclass where r.relnamespace = (select oid from pg_namespace where nspname = current_schema())"
                + " and r.relname = ? and d.objsubid = coalesce((select attnum from pg_attribute where attrelid = r.oid"
                + " and attname = ?), 0)")) {
            st.setString(1, table);
            st.setString(2, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String one(Connection c, String query) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(query); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Distinct random names of 1 to 63 bytes. */
    private static final class Names {
        private final Random random;
        private final Set<String> taken = new HashSet<>();

        Names(Random random) {
            this.random = random;
        }

        String next() {
            while (true) {
                var name = new StringBuilder();
                int pieces = 1 + random.nextInt(12);
                for (int i = 0; i < pieces; i++) {
                    // A carriage return is the one character left out: the history files are read with
                    // either line end, so a name holding "\r\n" would come back with "\n".
                    String piece = piece(random).replace("\r", "");
                    if ((name + piece).getBytes(StandardCharsets.UTF_8).length > 63) {
                        break;
                    }
                    name.append(piece);
                }
                if (!name.isEmpty() && taken.add(name.toString())) {
                    return name.toString();
                }
            }
        }
    }

    /** A random text of any character but NUL, with the pieces that matter to SQL often in it. */
    private static String text(Random random) {
        var out = new StringBuilder();
        int pieces = random.nextInt(16);
        for (int i = 0; i < pieces; i++) {
            out.append(piece(random));
        }
        return out.toString();
    }

    /** A comment: PostgreSQL takes an empty one for none. */
    private static String comment(Random random) {
        String text = text(random);
        return text.isEmpty() ? piece(random) : text;
    }

    private static String piece(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> PIECES[random.nextInt(PIECES.length)];
            case 2 -> Character.toString(codePoint(random, 0x10FFFF));
            case 3 -> Character.toString(codePoint(random, 0xFFFF));
            default -> Character.toString(0x20 + random.nextInt(0x5F));
        };
    }

    /** A code point from 1 to {@code max}, not a surrogate (which UTF-8 cannot carry). */
    private static int codePoint(Random random, int max) {
        while (true) {
            int cp = 1 + random.nextInt(max);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }
}
