package dev.driftless.processor.jpa;

import static dev.driftless.processor.jpa.EntitySources.jakarta;
import static dev.driftless.processor.jpa.EntitySources.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.NameLimit;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.sql.Identifiers;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Derived names that collide across tables are numbered as the real server numbers them: the model
 * read from entities, created on PostgreSQL with every derived name left out (in the order
 * {@link ServerNames} assumes), gets from the server exactly the names the model holds.
 */
class SchemaWideNamesTest {

    /** 58 bytes: two tables that start with it derive the same primary key name. */
    private static final String PREFIX = "meter_calibration_adjustments_recorded_by_region_and_hours";

    /** 57 bytes of two- and three-byte characters: the cut lands inside a character. */
    private static final String MULTIBYTE = "zähler" + "€".repeat(16) + "ö";

    private static JavaFileObject longTable(String simpleName, String table, String schema) {
        return jakarta(simpleName,
                "@Entity @Table(name = \"" + table + "\"" + (schema == null ? "" : ", schema = \"" + schema + "\"")
                        + ", uniqueConstraints = @UniqueConstraint(columnNames = \"code\"),"
                        + " indexes = @Index(columnList = \"code\"))",
                "public class " + simpleName + " {",
                "  @Id Long id;",
                "  @org.hibernate.annotations.Check(constraints = \"code <> ''\") String code;",
                schema == null ? "  @ManyToOne Owner owner;" : "",
                "}");
    }

    @Test
    void derivedNamesTakenInTheSchemaAreNumberedAsTheServerNumbersThem() throws SQLException {
        assertEquals(58, PREFIX.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(57, MULTIBYTE.getBytes(StandardCharsets.UTF_8).length);
        String alpha = PREFIX + "_a";
        String beta = PREFIX + "_b";
        // A name the entities write that is the one the first table's unique constraint would derive:
        // the written name stays, and both derived ones are numbered past it.
        String written = NameLimit.derived(alpha, List.of("code"), "key");
        SchemaModel model = EntitySources.read(
                longTable("Alpha", alpha, null),
                longTable("Beta", beta, null),
                longTable("Gamma", MULTIBYTE + "_g", "mb"),
                longTable("Delta", MULTIBYTE + "_d", "mb"),
                jakarta("Owner", "@Entity public class Owner { @Id Long id; }"),
                jakarta("Label", "@Entity @Table(indexes = @Index(name = \"" + written + "\", columnList = \"label\"))",
                        "public class Label { @Id Long id; String label; }"));
        Table a = table(model, alpha);
        Table b = table(model, beta);
        assertEquals(PREFIX + "_pkey", a.primaryKey().name());
        assertEquals(PREFIX.substring(0, 57) + "_pkey1", b.primaryKey().name());
        assertNotEquals(a.uniqueConstraints().get(0).name(), b.uniqueConstraints().get(0).name());
        assertEquals(NameLimit.derived(alpha, List.of("code"), "key1"), a.uniqueConstraints().get(0).name());
        assertEquals(NameLimit.derived(beta, List.of("code"), "key2"), b.uniqueConstraints().get(0).name());
        assertEquals(written, table(model, "label").indexes().get(0).name());

        assertServerChoosesTheSameNames(model, Set.of(written));
    }

    @Test
    void eachKindOfNameAvoidsWhatTheServerChecksForIt() throws SQLException {
        // t1 writes names that t2's and t3's derived names would be: a check ignores indexes, an
        // index ignores constraints, a primary key and a unique constraint avoid both, a foreign key
        // avoids the constraints of every table.
        SchemaModel model = EntitySources.read(
                jakarta("T1", "@Entity @Table(name = \"t1\", indexes = {@Index(name = \"t2_n_check\", columnList = \"a\"),",
                        "  @Index(name = \"t3_c_key\", columnList = \"b\")})",
                        "public class T1 { @Id Long id;",
                        "  @org.hibernate.annotations.Check(name = \"t2_n_idx\", constraints = \"a > 0\") Integer a;",
                        "  @org.hibernate.annotations.Check(name = \"t2_pkey\", constraints = \"b > 0\") Integer b;",
                        "  @org.hibernate.annotations.Check(name = \"t2_c_fkey\", constraints = \"e > 0\") Integer e; }"),
                jakarta("T2", "@Entity @Table(name = \"t2\", indexes = @Index(columnList = \"n\"))",
                        "public class T2 { @Id Long id;",
                        "  @org.hibernate.annotations.Check(constraints = \"n > 0\") Integer n;",
                        "  @ManyToOne @JoinColumn(name = \"c\") T1 c; }"),
                jakarta("T3", "@Entity @Table(name = \"t3\") public class T3 { @Id Long id; @Column(unique = true) Integer c; }"));
        Table t2 = table(model, "t2");
        assertEquals("t2_pkey1", t2.primaryKey().name());
        assertEquals("t2_n_check", t2.checks().get(0).name());
        assertEquals("t2_n_idx", t2.indexes().get(0).name());
        assertEquals("t2_c_fkey1", t2.foreignKeys().get(0).name());
        assertEquals("t3_c_key1", table(model, "t3").uniqueConstraints().get(0).name());
        assertServerChoosesTheSameNames(model, Set.of("t2_n_check", "t3_c_key", "t2_n_idx", "t2_pkey", "t2_c_fkey"));
    }

    @Test
    void aWrittenNameTakesPrecedenceOverTheSameNameDerivedEarlierInItsTable() throws SQLException {
        // The column's unique constraint is read first and derives clash_code_key; the index the
        // table then names so is kept, and the constraint numbered, as the server numbers it.
        SchemaModel model = EntitySources.read(jakarta("Clash",
                "@Entity @Table(indexes = @Index(name = \"clash_code_key\", columnList = \"other\"))",
                "public class Clash { @Id Long id; @Column(unique = true) String code; String other; }"));
        Table clash = table(model, "clash");
        assertEquals("clash_code_key", clash.indexes().get(0).name());
        assertEquals("clash_code_key1", clash.uniqueConstraints().get(0).name());
        assertServerChoosesTheSameNames(model, Set.of("clash_code_key"));
    }

    @Test
    void derivedNamesOfJoinAndCollectionTablesAndOfAOneToManyColumnAreNumberedSchemaWide() throws SQLException {
        // T1 writes the names that the join table's index, the collection table's unique constraint
        // and the one-to-many join column's unique constraint would derive: those are numbered.
        SchemaModel model = EntitySources.read(
                jakarta("T1", "@Entity @Table(name = \"t1\", indexes = {@Index(name = \"t4_links_links_id_idx\", columnList = \"a\"),",
                        "  @Index(name = \"t4_tags_t4_id_tags_key\", columnList = \"b\")})",
                        "public class T1 { @Id Long id; Integer a; Integer b;",
                        "  @org.hibernate.annotations.Check(name = \"t6_t4_ref_key\", constraints = \"e > 0\") Integer e; }"),
                jakarta("T4", "@Entity @Table(name = \"t4\") public class T4 { @Id Long id;",
                        "  @ManyToMany @JoinTable(name = \"t4_links\", indexes = @Index(columnList = \"links_id\")) java.util.List<T5> links;",
                        "  @ElementCollection @CollectionTable(name = \"t4_tags\",",
                        "    uniqueConstraints = @UniqueConstraint(columnNames = {\"t4_id\", \"tags\"})) java.util.List<String> tags;",
                        "  @OneToMany @JoinColumn(name = \"t4_ref\", unique = true) java.util.Set<T6> parts; }"),
                jakarta("T5", "@Entity @Table(name = \"t5\") public class T5 { @Id Long id; }"),
                jakarta("T6", "@Entity @Table(name = \"t6\") public class T6 { @Id Long id; }"));
        assertEquals("t4_links_links_id_idx1", table(model, "t4_links").indexes().get(0).name());
        assertEquals("t4_tags_t4_id_tags_key1", table(model, "t4_tags").uniqueConstraints().get(0).name());
        assertEquals("t6_t4_ref_key1", table(model, "t6").uniqueConstraints().get(0).name());
        assertServerChoosesTheSameNames(model, Set.of("t4_links_links_id_idx", "t4_tags_t4_id_tags_key", "t6_t4_ref_key"));
    }

    @Test
    void anUnnamedCheckIsNamedAfterTheOneColumnItReferencesWhereverItIsDeclared() throws SQLException {
        SchemaModel model = EntitySources.read(jakarta("Probe",
                "@Entity @Table(name = \"probe\")",
                "@org.hibernate.annotations.Check(constraints = \"length(code) > 0\")",
                "@org.hibernate.annotations.Check(constraints = \"low <= high\")",
                "public class Probe { @Id Long id;",
                "  @org.hibernate.annotations.Check(constraints = \"high::numeric < 1000 and 'low' <> ''\") Integer low;",
                "  @Column(check = @CheckConstraint(constraint = \"high > low\")) Integer high;",
                "  @org.hibernate.annotations.Check(constraints = \"\\\"Mixed\\\" > 0 or now() is not null\") String code;",
                "  @Column(name = \"\\\"Mixed\\\"\") Integer mixed;",
                "  @org.hibernate.annotations.Check(constraints = \"1 = 1\") Integer none; }"));
        var names = new TreeSet<String>();
        table(model, "probe").checks().forEach(c -> names.add(c.name() + ": " + c.expression()));
        assertEquals(new TreeSet<>(List.of(
                "probe_high_check: high::numeric < 1000 and 'low' <> ''",
                "probe_check: high > low",
                "probe_Mixed_check: \"Mixed\" > 0 or now() is not null",
                "probe_check1: 1 = 1",
                "probe_code_check: length(code) > 0",
                "probe_check2: low <= high")), names);
        assertServerChoosesTheSameNames(model, Set.of());
    }

    @Test
    void wordsThatAreNotColumnReferencesLeaveTheCheckNamedAfterItsOneColumn() throws SQLException {
        // year, date, time, zone and current_date are columns, but here an extract field, a typed
        // literal's type, the words of AT TIME ZONE and the SQL value function: not references.
        SchemaModel model = EntitySources.read(jakarta("Ev",
                "@Entity @Table(name = \"ev\")",
                "@org.hibernate.annotations.Check(constraints = \"extract(year from birth_date) >= 1900\")",
                "@org.hibernate.annotations.Check(constraints = \"(ts at time zone 'UTC') > '2000-01-01'\")",
                "@org.hibernate.annotations.Check(constraints = \"later > date '2000-01-01' and later <= current_date\")",
                "@org.hibernate.annotations.Check(constraints = \"later > \\\"current_date\\\"\")",
                "@org.hibernate.annotations.Check(constraints = \"ev is not null and year > 0\")",
                "public class Ev { @Id Long id; Integer year; java.time.LocalDate date; java.time.LocalTime time; String zone;",
                "  @Column(name = \"\\\"current_date\\\"\") java.time.LocalDate currentDate;",
                "  @Column(name = \"birth_date\") java.time.LocalDate birthDate; java.time.OffsetDateTime ts; java.time.LocalDate later; }"));
        var names = new TreeSet<String>();
        table(model, "ev").checks().forEach(c -> names.add(c.name() + ": " + c.expression()));
        assertEquals(new TreeSet<>(List.of(
                "ev_birth_date_check: extract(year from birth_date) >= 1900",
                "ev_ts_check: (ts at time zone 'UTC') > '2000-01-01'",
                "ev_later_check: later > date '2000-01-01' and later <= current_date",
                "ev_check: later > \"current_date\"",
                "ev_check1: ev is not null and year > 0")), names);
        assertServerChoosesTheSameNames(model, Set.of());
    }

    @Test
    void keyWordsTypedLiteralsQualifiedNamesAndUnicodeIdentifiersAreReadAsTheServerReadsThem() throws SQLException {
        // Every word here that is not w is a column of the table too; the server names each check
        // after w alone, or (the last three) after no column.
        List<String> checks = List.of(
                "w::text::timestamptz > timestamp with time zone '2000-01-01' or w::text::time > time(3) without time zone '10:00'",
                "w > double precision E'1' and interval '1' day to second > w * interval '1 second'",
                "w > numeric(10, 2) $$1$$ and w::text::interval year to month is not null",
                "cast(w as double precision) > 0 and w::text::time with time zone is not null and w::character varying(9) <> ''",
                "w::text collate \"C\" > '' and w::text is not nfc normalized and normalize(w::text, nfc) <> ''",
                "(w > 0) is unknown and user <> '' and current_schema <> '' and session_user <> ''",
                "make_interval(days => w) > interval '1 day' and w is distinct from null",
                "U&\"\\0077\" > 0 and U&\"!0077\" UESCAPE '!' < 9 and U&\"\\+000077\" <> 5",
                "w.w > 0 and public.w.w between 1 and 2 and extract(month from w::text::date) > 0",
                "(w::text::timestamp at time zone 'UTC') > '2000-01-01' and w::text::date > date '2000-01-01'",
                "w::text::xml is not document or w operator(pg_catalog.>) 0",
                "tableoid > 0",
                "w is not null and day > 0",
                "w.w is not null and w.x > 0");
        var entity = new ArrayList<String>();
        entity.add("@Entity @Table(name = \"w\")");
        checks.forEach(c -> entity.add("@org.hibernate.annotations.Check(constraints = \""
                + c.replace("\\", "\\\\").replace("\"", "\\\"") + "\")"));
        entity.add("public class W { @Id Long id; Integer w; Integer x; Integer day; Integer second; Integer month;");
        entity.add("  Integer year; Integer days; Integer nfc; Integer zone; Integer time; Integer precision; Integer to;");
        entity.add("  Integer document; Integer operator; Integer pg_catalog;");
        entity.add("  @Column(name = \"double\") Integer dbl; @Column(name = \"\\\"C\\\"\") Integer upperC;");
        entity.add("  @Column(name = \"\\\"current_schema\\\"\") String schemaName; @Column(name = \"\\\"user\\\"\") String userName; }");
        SchemaModel model = EntitySources.read(jakarta("W", entity.toArray(String[]::new)));
        var names = new TreeSet<String>();
        table(model, "w").checks().forEach(c -> names.add(c.name()));
        var expected = new TreeSet<>(List.of("w_w_check", "w_tableoid_check", "w_check", "w_check1"));
        for (int i = 1; i < checks.size() - 3; i++) {
            expected.add("w_w_check" + i);
        }
        assertEquals(expected, names);
        assertServerChoosesTheSameNames(model, Set.of());
    }

    /** Columns of the table {@code pr} that random checks read: words that are key words or fields elsewhere. */
    private static final List<String> PROPERTY_COLUMNS = List.of("x", "y", "year", "day", "month", "second", "time", "zone",
            "date", "current_date", "nfc", "C", "local", "escape", "days");

    @Test
    void randomChecksAreNamedAsTheServerNamesThem() throws SQLException {
        var random = new java.util.Random(20261207);
        var mismatches = new ArrayList<String>();
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("create table pr (" + PROPERTY_COLUMNS.stream().map(c -> Identifiers.quote(c) + " integer")
                    .collect(Collectors.joining(", ")) + ")");
            for (int n = 0; n < 300; n++) {
                String check = bool(random, 3);
                db.execute("alter table pr add check (" + check + ")");
                String server = db.strings("select conname from pg_constraint where conrelid = 'pr'::regclass").get(0);
                db.execute("alter table pr drop constraint " + Identifiers.quote(server));
                String derived = NameLimit.derived("pr", CheckColumns.nameColumns(check, "pr", PROPERTY_COLUMNS), "check");
                if (!derived.equals(server)) {
                    mismatches.add(check + ": the server names it " + server + ", the processor " + derived);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static String bool(java.util.Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 4 : 11);
        return switch (choice) {
            case 0 -> integer(random, depth - 1) + " > " + integer(random, depth - 1);
            case 1 -> integer(random, depth - 1) + " is not null";
            case 2 -> "pr is not null";
            case 3 -> "tableoid::text <> ''";
            case 4 -> integer(random, depth - 1) + " between " + integer(random, depth - 1) + " and " + integer(random, depth - 1);
            case 5 -> integer(random, depth - 1) + " is distinct from " + integer(random, depth - 1);
            case 6 -> bool(random, depth - 1) + (random.nextBoolean() ? " and " : " or ") + bool(random, depth - 1);
            case 7 -> "not (" + bool(random, depth - 1) + ")";
            case 8 -> "(" + bool(random, depth - 1) + ") is unknown";
            case 9 -> "(" + integer(random, depth - 1) + ")::text is nfc normalized";
            default -> "(" + integer(random, depth - 1) + ")::text like 'a%' escape '!'";
        };
    }

    private static String integer(java.util.Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 16);
        return switch (choice) {
            case 0, 1 -> {
                String c = PROPERTY_COLUMNS.get(random.nextInt(PROPERTY_COLUMNS.size()));
                yield c.equals("current_date") || c.equals("C") || random.nextInt(4) == 0 ? Identifiers.quote(c) : c;
            }
            case 2 -> String.valueOf(random.nextInt(100));
            case 3 -> "U&\"\\0078\"";
            case 4 -> "extract(" + List.of("year", "day", "month", "second").get(random.nextInt(4)) + " from current_timestamp)::int";
            case 5 -> "(current_date > date '2000-01-01')::int";
            case 6 -> "(" + integer(random, depth - 1) + ")::integer";
            case 7 -> "cast(" + integer(random, depth - 1) + " as double precision)::int";
            case 8 -> "length((" + integer(random, depth - 1) + ")::text collate \"C\")";
            case 9 -> "coalesce(" + integer(random, depth - 1) + ", 0)";
            case 10 -> "(" + integer(random, depth - 1) + " + " + integer(random, depth - 1) + ")";
            case 11 -> "(interval '1' day to second > make_interval(days => " + integer(random, depth - 1) + "))::int";
            case 12 -> "(extract(day from (timestamp '2000-01-01' at time zone 'UTC'))::int + " + integer(random, depth - 1) + ")";
            case 13 -> "length(normalize((" + integer(random, depth - 1) + ")::text, nfc))";
            case 14 -> "case when " + bool(random, depth - 1) + " then " + integer(random, depth - 1) + " else 0 end";
            default -> "pr." + PROPERTY_COLUMNS.get(random.nextInt(PROPERTY_COLUMNS.size())).replace("current_date", "x")
                    .replace("C", "y");
        };
    }

    @Test
    void aCheckNameWrittenOnATableCreatedLaterLeavesAnEarlierTablesDerivedNameAsTheServerGivesIt() throws SQLException {
        // a is created before b: its check is a_x_check when b's check of that name does not exist yet
        // (a check's name need only be unique in its table); b's derived b_z_check, created after a's
        // check of that name, is numbered.
        SchemaModel model = EntitySources.read(
                jakarta("A", "@Entity @Table(name = \"a\") public class A { @Id Long id;",
                        "  @org.hibernate.annotations.Check(constraints = \"x > 0\") Integer x;",
                        "  @org.hibernate.annotations.Check(name = \"b_z_check\", constraints = \"w > 0\") Integer w; }"),
                jakarta("B", "@Entity @Table(name = \"b\") public class B { @Id Long id;",
                        "  @org.hibernate.annotations.Check(name = \"a_x_check\", constraints = \"y > 0\") Integer y;",
                        "  @org.hibernate.annotations.Check(constraints = \"z > 0\") Integer z; }"));
        assertEquals(List.of("a_x_check", "b_z_check"), table(model, "a").checks().stream().map(c -> c.name()).sorted().toList());
        assertEquals(List.of("a_x_check", "b_z_check1"), table(model, "b").checks().stream().map(c -> c.name()).sorted().toList());
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(inOrderDdl(model, Set.of("a_x_check", "b_z_check")).toArray(String[]::new));
            assertNamesOnServer(db, model);
        }
    }

    /**
     * The model as Hibernate's schema creation runs it, leaving every derived name to the server:
     * table by table (in name order) with its checks, primary key and unique constraints, then the
     * indexes, then the foreign keys.
     */
    private static List<String> inOrderDdl(SchemaModel model, Set<String> written) {
        var out = new ArrayList<String>();
        model.schemas().forEach(s -> out.add("create schema " + Identifiers.quote(s)));
        for (Table t : model.tables()) {
            var parts = new ArrayList<String>();
            t.columns().forEach(c -> parts.add(Identifiers.quote(c.name()) + " " + c.type().sql() + (c.nullable() ? "" : " not null")));
            t.checks().forEach(c -> parts.add((written.contains(c.name()) ? "constraint " + Identifiers.quote(c.name()) + " " : "")
                    + "check (" + c.expression() + ")"));
            if (t.primaryKey() != null) {
                parts.add("primary key (" + columns(t.primaryKey().columns()) + ")");
            }
            t.uniqueConstraints().forEach(u -> parts.add((written.contains(u.name()) ? "constraint " + Identifiers.quote(u.name()) + " " : "")
                    + "unique (" + columns(u.columns()) + ")"));
            out.add("create table " + QualifiedName.quote(t.name()) + " (" + String.join(", ", parts) + ")");
        }
        for (Table t : model.tables()) {
            t.indexes().forEach(i -> out.add(index(t, i, written.contains(i.name()) ? i.name() : null)));
        }
        for (Table t : model.tables()) {
            for (ForeignKey f : t.foreignKeys()) {
                out.add("alter table " + QualifiedName.quote(t.name()) + " add "
                        + (written.contains(f.name()) ? "constraint " + Identifiers.quote(f.name()) + " " : "") + "foreign key ("
                        + columns(f.columns()) + ") references " + QualifiedName.quote(f.target()) + " (" + columns(f.targetColumns()) + ")");
            }
        }
        return out;
    }

    private static void assertServerChoosesTheSameNames(SchemaModel model, Set<String> written) throws SQLException {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute(unnamedDdl(model, written).toArray(String[]::new));
            assertNamesOnServer(db, model);
        }
    }

    private static void assertNamesOnServer(TestDatabase db, SchemaModel model) throws SQLException {
        for (Table t : model.tables()) {
            String schema = t.name().hasSchema() ? t.name().schema() : "public";
            String where = " n.nspname = '" + schema + "' and c.relname = '" + t.name().name().replace("'", "''") + "'";
            List<String> constraints = db.strings("select conname from pg_constraint k join pg_class c on c.oid = k.conrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace where contype <> 'n' and" + where + " order by 1");
            List<String> indexes = db.strings("select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid"
                    + " join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace where"
                    + where + " order by 1");
            assertEquals(constraintNames(t), constraints, "constraints of " + t.name());
            assertEquals(indexNames(t), indexes, "indexes of " + t.name());
        }
    }

    private static List<String> constraintNames(Table t) {
        var names = new TreeSet<String>();
        if (t.primaryKey() != null) {
            names.add(t.primaryKey().name());
        }
        t.uniqueConstraints().forEach(u -> names.add(u.name()));
        t.foreignKeys().forEach(f -> names.add(f.name()));
        t.checks().forEach(c -> names.add(c.name()));
        return List.copyOf(names);
    }

    private static List<String> indexNames(Table t) {
        var names = new TreeSet<String>();
        if (t.primaryKey() != null) {
            names.add(t.primaryKey().name());
        }
        t.uniqueConstraints().forEach(u -> names.add(u.name()));
        t.indexes().forEach(i -> names.add(i.name()));
        return List.copyOf(names);
    }

    /**
     * The model as statements that leave every derived name to the server: the tables, then what
     * the entities name, then table by table (in name order) the checks, the primary key and the
     * unique constraints, then the indexes, then the foreign keys.
     */
    private static List<String> unnamedDdl(SchemaModel model, Set<String> written) {
        var out = new ArrayList<String>();
        model.schemas().forEach(s -> out.add("create schema " + Identifiers.quote(s)));
        for (Table t : model.tables()) {
            out.add("create table " + QualifiedName.quote(t.name()) + " (" + t.columns().stream()
                    .map(c -> Identifiers.quote(c.name()) + " " + c.type().sql() + (c.nullable() ? "" : " not null"))
                    .collect(Collectors.joining(", ")) + ")");
        }
        for (Table t : model.tables()) {
            t.indexes().stream().filter(i -> written.contains(i.name())).forEach(i -> out.add(index(t, i, i.name())));
            t.checks().stream().filter(c -> written.contains(c.name())).forEach(c -> out.add("alter table "
                    + QualifiedName.quote(t.name()) + " add constraint " + Identifiers.quote(c.name())
                    + " check (" + c.expression() + ")"));
        }
        for (Table t : model.tables()) {
            String alter = "alter table " + QualifiedName.quote(t.name()) + " add ";
            t.checks().stream().filter(c -> !written.contains(c.name()))
                    .forEach(c -> out.add(alter + "check (" + c.expression() + ")"));
            if (t.primaryKey() != null) {
                out.add(alter + "primary key (" + columns(t.primaryKey().columns()) + ")");
            }
            for (UniqueConstraint u : t.uniqueConstraints()) {
                out.add(alter + "unique (" + columns(u.columns()) + ")");
            }
        }
        for (Table t : model.tables()) {
            t.indexes().stream().filter(i -> !written.contains(i.name())).forEach(i -> out.add(index(t, i, null)));
        }
        for (Table t : model.tables()) {
            for (ForeignKey f : t.foreignKeys()) {
                out.add("alter table " + QualifiedName.quote(t.name()) + " add foreign key (" + columns(f.columns()) + ") references "
                        + QualifiedName.quote(f.target()) + " (" + columns(f.targetColumns()) + ")");
            }
        }
        return out;
    }

    private static String index(Table t, Index i, String name) {
        return "create " + (i.unique() ? "unique " : "") + "index " + (name == null ? "" : Identifiers.quote(name) + " ")
                + "on " + QualifiedName.quote(t.name()) + " (" + columns(i.columns().stream().map(IndexColumn::name).toList()) + ")";
    }

    private static String columns(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
