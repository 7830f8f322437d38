package dev.driftless.processor.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.jpa.ServerNames.Derivation;
import dev.driftless.processor.jpa.ServerNames.Origin;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ServerNames}: the numbering of derived names in a schema, as PostgreSQL numbers them, and kept across versions. */
class ServerNamesTest {

    /** 58 bytes: tables that start with it derive one primary key name. */
    private static final String PREFIX = "a".repeat(58);

    /** Builds tables and records which of their names are derived, and how. */
    private static final class Tables {
        final Map<QualifiedName, Table> tables = new java.util.LinkedHashMap<>();
        final Map<Origin, Derivation> derived = new HashMap<>();

        /** A table {@code (id, c)} with a derived primary key on {@code id}. */
        Tables table(String name) {
            QualifiedName q = QualifiedName.of(name);
            String key = PostgresNames.derived(name, List.of(), "pkey");
            derived.put(new Origin(q, Declaration.Kind.PRIMARY_KEY, key), new Derivation(name, List.of(), "pkey"));
            tables.put(q, new Table(q, List.of(Column.of("id", "bigint", false), Column.of("c", "bigint", true)),
                    new PrimaryKey(key, List.of("id")), List.of(), List.of(), List.of(), List.of(), null));
            return this;
        }

        private Tables with(String table, Declaration.Kind kind, String name, List<String> columns, String suffix) {
            QualifiedName q = QualifiedName.of(table);
            Table t = tables.get(q);
            String chosen = name;
            if (name == null) {
                // Numbered within the table, as TableParts numbers it.
                var derivation = new Derivation(table, columns, suffix);
                chosen = derivation.name(0);
                for (int pass = 1; names(t).contains(chosen); pass++) {
                    chosen = derivation.name(pass);
                }
                derived.put(new Origin(q, kind, chosen), derivation);
            }
            var uniques = new java.util.ArrayList<>(t.uniqueConstraints());
            var indexes = new java.util.ArrayList<>(t.indexes());
            var keys = new java.util.ArrayList<>(t.foreignKeys());
            var checks = new java.util.ArrayList<>(t.checks());
            switch (kind) {
                case UNIQUE_CONSTRAINT -> uniques.add(new UniqueConstraint(chosen, List.of("c")));
                case INDEX -> indexes.add(new Index(chosen, List.of(new IndexColumn("c", false)), false));
                case FOREIGN_KEY -> keys.add(new ForeignKey(chosen, List.of("c"), q, List.of("id"), ReferentialAction.NO_ACTION));
                case CHECK -> checks.add(new CheckConstraint(chosen, "c > " + checks.size()));
                default -> throw new IllegalArgumentException(kind.toString());
            }
            tables.put(q, new Table(q, t.columns(), t.primaryKey(), uniques, indexes, keys, checks, null));
            return this;
        }

        private static List<String> names(Table t) {
            var all = new java.util.ArrayList<String>();
            t.uniqueConstraints().forEach(u -> all.add(u.name()));
            t.indexes().forEach(i -> all.add(i.name()));
            t.foreignKeys().forEach(f -> all.add(f.name()));
            t.checks().forEach(c -> all.add(c.name()));
            return all;
        }

        Tables derived(String table, Declaration.Kind kind, String suffix) {
            return with(table, kind, null, kind == Declaration.Kind.CHECK && suffix.isEmpty() ? List.of() : List.of("c"),
                    suffix.isEmpty() ? "check" : suffix);
        }

        Tables written(String table, Declaration.Kind kind, String name) {
            return with(table, kind, name, List.of(), "");
        }

        Map<QualifiedName, Table> number(SchemaModel prior) {
            var out = new java.util.LinkedHashMap<QualifiedName, Table>();
            ServerNames.number(tables.values(), derived, List.of(), List.of(), prior).forEach(t -> out.put(t.name(), t));
            return out;
        }

        SchemaModel model() {
            return SchemaModel.EMPTY.withTables(ServerNames.number(tables.values(), derived, List.of(), List.of(), SchemaModel.EMPTY));
        }
    }

    private static String key(Map<QualifiedName, Table> tables, String table) {
        return tables.get(QualifiedName.of(table)).primaryKey().name();
    }

    @Test
    void tablesThatShareTheirFirst58BytesGetTheirPrimaryKeysNumberedInNameOrder() {
        var tables = new Tables().table(PREFIX + "_c").table(PREFIX + "_a").table(PREFIX + "_b").number(SchemaModel.EMPTY);
        assertEquals(PREFIX + "_pkey", key(tables, PREFIX + "_a"));
        // The number takes a byte of the base: 57 bytes of the table, then _pkey1 (63 bytes).
        assertEquals("a".repeat(57) + "_pkey1", key(tables, PREFIX + "_b"));
        assertEquals("a".repeat(57) + "_pkey2", key(tables, PREFIX + "_c"));
        tables.values().forEach(t -> assertTrue(PostgresNames.bytes(t.primaryKey().name()) <= 63, t.primaryKey().name()));
    }

    @Test
    void theBaseIsCutAgainAtAWholeCharacterWhenTheNumberDoesNotFit() {
        // 56 bytes, then é (two bytes): _pkey fits after it (58 + 5), _pkey1 does not, and é is not split.
        String base = "b".repeat(56) + "é";
        assertEquals(58, base.getBytes(StandardCharsets.UTF_8).length);
        var tables = new Tables().table(base + "_x").table(base + "_y").number(SchemaModel.EMPTY);
        assertEquals(base + "_pkey", key(tables, base + "_x"));
        assertEquals("b".repeat(56) + "_pkey1", key(tables, base + "_y"));
        // Three-byte characters: the cut of the unique constraint's table part lands inside one.
        String euros = "€".repeat(20);
        var more = new Tables().table(euros + "_x").table(euros + "_y")
                .derived(euros + "_x", Declaration.Kind.UNIQUE_CONSTRAINT, "key")
                .derived(euros + "_y", Declaration.Kind.UNIQUE_CONSTRAINT, "key")
                .number(SchemaModel.EMPTY);
        String first = more.get(QualifiedName.of(euros + "_x")).uniqueConstraints().get(0).name();
        String second = more.get(QualifiedName.of(euros + "_y")).uniqueConstraints().get(0).name();
        assertEquals("€".repeat(19) + "_c_key", first); // 57 bytes of the table: 19 whole characters
        assertEquals("€".repeat(18) + "_c_key1", second); // 56 bytes: the 19th character is not split
        assertEquals(PostgresNames.derived(euros + "_y", List.of("c"), "key1"), second);
    }

    @Test
    void eachKindAvoidsWhatTheServerChecksForIt() {
        // As the server chose them (SchemaWideNamesTest shows it): a check ignores index names, an
        // index ignores constraint names, a primary key and a unique constraint avoid both, a foreign
        // key avoids the constraints of every table.
        var tables = new Tables().table("t1").table("t2").table("t3")
                .written("t1", Declaration.Kind.INDEX, "t2_c_check")
                .written("t1", Declaration.Kind.CHECK, "t2_c_idx")
                .written("t1", Declaration.Kind.CHECK, "t2_pkey")
                .written("t1", Declaration.Kind.CHECK, "t2_c_fkey")
                .written("t1", Declaration.Kind.INDEX, "t3_c_key")
                .derived("t2", Declaration.Kind.CHECK, "check")
                .derived("t2", Declaration.Kind.INDEX, "idx")
                .derived("t2", Declaration.Kind.FOREIGN_KEY, "fkey")
                .derived("t3", Declaration.Kind.UNIQUE_CONSTRAINT, "key")
                .number(SchemaModel.EMPTY);
        Table t2 = tables.get(QualifiedName.of("t2"));
        assertEquals("t2_pkey1", t2.primaryKey().name());
        assertEquals("t2_c_check", t2.checks().get(0).name());
        assertEquals("t2_c_idx", t2.indexes().get(0).name());
        assertEquals("t2_c_fkey1", t2.foreignKeys().get(0).name());
        assertEquals("t3_c_key1", tables.get(QualifiedName.of("t3")).uniqueConstraints().get(0).name());
        // Written names are never changed.
        Table t1 = tables.get(QualifiedName.of("t1"));
        assertEquals(List.of("t2_c_fkey", "t2_c_idx", "t2_pkey"), t1.checks().stream().map(CheckConstraint::name).toList());
    }

    @Test
    void foreignKeysAreNumberedAfterEveryTablesOwnNames() {
        // Two long tables that share a prefix derive one foreign key name and one check name: the
        // constraint namespace is the schema's, so the second table's are numbered.
        var tables = new Tables().table(PREFIX + "_a").table(PREFIX + "_b")
                .derived(PREFIX + "_a", Declaration.Kind.FOREIGN_KEY, "fkey")
                .derived(PREFIX + "_b", Declaration.Kind.FOREIGN_KEY, "fkey")
                .derived(PREFIX + "_a", Declaration.Kind.CHECK, "check")
                .derived(PREFIX + "_b", Declaration.Kind.CHECK, "check")
                .number(SchemaModel.EMPTY);
        Table a = tables.get(QualifiedName.of(PREFIX + "_a"));
        Table b = tables.get(QualifiedName.of(PREFIX + "_b"));
        assertEquals(PostgresNames.derived(PREFIX + "_a", List.of("c"), "fkey"), a.foreignKeys().get(0).name());
        assertEquals(PostgresNames.derived(PREFIX + "_b", List.of("c"), "fkey1"), b.foreignKeys().get(0).name());
        assertEquals(PostgresNames.derived(PREFIX + "_a", List.of("c"), "check"), a.checks().get(0).name());
        assertEquals(PostgresNames.derived(PREFIX + "_b", List.of("c"), "check1"), b.checks().get(0).name());
    }

    @Test
    void theObjectsOfThePriorVersionKeepTheirNamesAndNewOnesAvoidThem() {
        SchemaModel prior = new Tables().table(PREFIX + "_b").table(PREFIX + "_c").model();
        assertEquals(PREFIX + "_pkey", prior.table(QualifiedName.of(PREFIX + "_b")).orElseThrow().primaryKey().name());
        // The next version adds a table whose name sorts first: alone it would take _pkey.
        var next = new Tables().table(PREFIX + "_a").table(PREFIX + "_b").table(PREFIX + "_c").number(prior);
        assertEquals(PREFIX + "_pkey", key(next, PREFIX + "_b"));
        assertEquals("a".repeat(57) + "_pkey1", key(next, PREFIX + "_c"));
        assertEquals("a".repeat(57) + "_pkey2", key(next, PREFIX + "_a"));
    }

    @Test
    void aCheckWhoseExpressionChangesKeepsItsNumberedName() {
        SchemaModel prior = new Tables().table("t")
                .derived("t", Declaration.Kind.CHECK, "check").derived("t", Declaration.Kind.CHECK, "check").model();
        assertEquals(List.of("t_c_check", "t_c_check1"),
                prior.table(QualifiedName.of("t")).orElseThrow().checks().stream().map(CheckConstraint::name).toList());
        // The same two checks, read in the other order and the second changed: each keeps its name.
        Tables next = new Tables().table("t");
        QualifiedName t = QualifiedName.of("t");
        var derivation = new Derivation("t", List.of("c"), "check");
        next.derived.put(new Origin(t, Declaration.Kind.CHECK, "t_c_check"), derivation);
        next.derived.put(new Origin(t, Declaration.Kind.CHECK, "t_c_check1"), derivation);
        Table base = next.tables.get(t);
        next.tables.put(t, new Table(t, base.columns(), base.primaryKey(), List.of(), List.of(), List.of(),
                List.of(new CheckConstraint("t_c_check", "c > 1"), new CheckConstraint("t_c_check1", "c > 7")), null));
        Table numbered = next.number(prior).get(t);
        assertEquals(List.of(new CheckConstraint("t_c_check", "c > 7"), new CheckConstraint("t_c_check1", "c > 1")),
                numbered.checks());
    }

    /**
     * An unnamed @Index(unique = true) is now named <table>_<columns>_key, as Hibernate's unique
     * constraint is; one frozen by an earlier release as <table>_<columns>_idx keeps that name, so
     * upgrading Driftless renames nothing.
     */
    @Test
    void aUniqueIndexFrozenAsIdxKeepsItsName() {
        QualifiedName t = QualifiedName.of("t");
        Index unique = new Index("t_c_idx", List.of(new IndexColumn("c", false)), true);
        Tables before = new Tables().table("t");
        Table base = before.tables.get(t);
        SchemaModel prior = SchemaModel.EMPTY.withTables(List.of(new Table(t, base.columns(), base.primaryKey(), List.of(),
                List.of(unique), List.of(), List.of(), null)));
        for (boolean frozen : List.of(true, false)) {
            Tables next = new Tables().table("t");
            next.derived.put(new Origin(t, Declaration.Kind.INDEX, "t_c_key"), new Derivation("t", List.of("c"), "key"));
            next.tables.put(t, new Table(t, base.columns(), base.primaryKey(), List.of(),
                    List.of(new Index("t_c_key", unique.columns(), true)), List.of(), List.of(), null));
            String name = next.number(frozen ? prior : SchemaModel.EMPTY).get(t).indexes().get(0).name();
            assertEquals(frozen ? "t_c_idx" : "t_c_key", name);
        }
    }

    @Test
    void aCheckDefinedAlikeKeepsTheNameAnEarlierReleaseDerivedByAnotherRule() {
        // Earlier releases named a single-table subclass's check <table>_<discriminator value>_check;
        // the server's name is <table>_check, but a check the prior version has is not renamed.
        QualifiedName t = QualifiedName.of("t");
        Tables before = new Tables().table("t");
        Table base = before.tables.get(t);
        before.tables.put(t, new Table(t, base.columns(), base.primaryKey(), List.of(), List.of(), List.of(),
                List.of(new CheckConstraint("t_dog_check", "dtype <> 'Dog' or (c is not null)")), null));
        SchemaModel prior = before.model();
        Tables next = new Tables().table("t");
        var derivation = new Derivation("t", List.of(), "check");
        next.derived.put(new Origin(t, Declaration.Kind.CHECK, "t_check"), derivation);
        next.derived.put(new Origin(t, Declaration.Kind.CHECK, "t_check1"), derivation);
        next.tables.put(t, new Table(t, base.columns(), base.primaryKey(), List.of(), List.of(), List.of(),
                List.of(new CheckConstraint("t_check", "dtype <> 'Cat' or (c is not null)"),
                        new CheckConstraint("t_check1", "dtype <> 'Dog' or (c is not null)")), null));
        // The new check takes the server's name; the one defined alike keeps its own.
        assertEquals(List.of(new CheckConstraint("t_check", "dtype <> 'Cat' or (c is not null)"),
                new CheckConstraint("t_dog_check", "dtype <> 'Dog' or (c is not null)")), next.number(prior).get(t).checks());
    }

    @Test
    void aDerivationKnowsTheNamesItMakes() {
        var d = new Derivation(PREFIX, List.of(), "pkey");
        assertEquals(0, d.passOf(PREFIX + "_pkey"));
        assertEquals(12, d.passOf("a".repeat(56) + "_pkey12"));
        assertEquals(-1, d.passOf("a".repeat(57) + "_pkey12"));
        assertEquals(-1, d.passOf("a".repeat(57) + "_pkey01"));
        assertEquals(-1, d.passOf("other_pkey"));
    }
}
