package dev.driftless.processor.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.JavaFile;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.plan.VersionPlan;
import dev.driftless.processor.CompiledClassLoader;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Versions too big for one method or one string constant of a class file (a method's code is at
 * most 64 KB, a string constant at most 65,535 bytes of UTF-8) still compile, under javac, and
 * give back exactly the statements that were frozen.
 */
class LargeVersionTest {

    static final String PACKAGE = "big.migrations";

    /** Compiles the generated sources and returns the versions their index lists. */
    static List<Migration> compileAndLoad(List<FrozenVersion> versions) throws ReflectiveOperationException {
        return load(Compiler.javac().compile(MigrationSources.of(PACKAGE, versions).stream()
                .map(JavaFile::toJavaFileObject).toList()));
    }

    static List<Migration> load(Compilation c) throws ReflectiveOperationException {
        assertThat(c).succeededWithoutWarnings();
        var loader = new CompiledClassLoader(c, LargeVersionTest.class.getClassLoader());
        var index = (MigrationIndex) loader.loadClass(PACKAGE + "." + MigrationSources.INDEX_CLASS)
                .getConstructor().newInstance();
        return index.migrations();
    }

    static void assertSame(FrozenVersion expected, Migration actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.name(), actual.description());
        assertEquals(expected.checksum(), actual.checksum());
        assertEquals(expected.allUp(), actual.up(), "up of version " + expected.version());
        assertEquals(expected.allDown(), actual.down(), "down of version " + expected.version());
        assertEquals(expected.irreversible(), actual.irreversible());
        assertEquals(expected.squashed(), actual.squashed());
    }

    static Table table(String name, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys) {
        return new Table(QualifiedName.of(name), columns, new PrimaryKey(name + "_pkey", List.of("id")), List.of(),
                indexes, foreignKeys, null);
    }

    /** 2,500 tables, each with an index and a foreign key to the one before: 7,500 statements up. */
    static SchemaModel manyTables() {
        var tables = new ArrayList<Table>();
        for (int i = 0; i < 2_500; i++) {
            String name = String.format("station_%04d", i);
            String previous = String.format("station_%04d", i == 0 ? 0 : i - 1);
            tables.add(table(name, List.of(Column.of("id", "bigint", false), Column.of("previous_id", "bigint", true)),
                    List.of(new Index(name + "_previous_idx", List.of(IndexColumn.asc("previous_id")), false)),
                    List.of(new ForeignKey(name + "_previous_fkey", List.of("previous_id"), QualifiedName.of(previous),
                            List.of("id"), ReferentialAction.NO_ACTION))));
        }
        return new SchemaModel(tables, List.of());
    }

    @Test
    void aVersionCreatingAndOneDroppingTwoThousandFiveHundredTablesCompile() throws ReflectiveOperationException {
        SchemaModel model = manyTables();
        FrozenVersion create = VersionPlan.next(History.EMPTY, model, "create_stations").orElseThrow();
        History history = History.EMPTY.plus(create, new Snapshot(1, model));
        FrozenVersion drop = VersionPlan.next(history, new SchemaModel(List.of(), List.of()), "drop_stations").orElseThrow();
        assertEquals(7_500, create.up().size());
        assertEquals(2_500, drop.irreversible().size(), "every dropped table is a reason the down cannot undo");

        List<Migration> loaded = compileAndLoad(List.of(create, drop));
        assertEquals(2, loaded.size());
        assertSame(create, loaded.get(0));
        assertSame(drop, loaded.get(1));
    }

    /** PostgreSQL's most columns in a table, with long names: one CREATE TABLE of about 100,000 characters. */
    @Test
    void aTableOfSixteenHundredColumnsCompilesAndRunsOnPostgres() throws ReflectiveOperationException, SQLException {
        var columns = new ArrayList<Column>(List.of(Column.of("id", "bigint", false)));
        for (int i = 1; i < 1_600; i++) {
            columns.add(Column.of(String.format("reading_of_the_sensor_with_a_long_descriptive_name_%04d", i),
                    "double precision", true));
        }
        SchemaModel model = new SchemaModel(List.of(table("wide_reading", columns, List.of(), List.of())), List.of());
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, model, "wide").orElseThrow();
        assertTrue(v1.up().get(0).length() > 90_000, "the CREATE TABLE is longer than a string constant");

        List<Migration> loaded = compileAndLoad(List.of(v1));
        assertSame(v1, loaded.get(0));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(loaded).build().migrate();
            assertEquals(List.of("1600"), db.strings(
                    "select count(*) from information_schema.columns where table_name = 'wide_reading'"));
        }
    }

    /** A comment of 30,001 characters outside the BMP: each is a surrogate pair, which a cut must not split. */
    @Test
    void aVeryLongStatementOfSurrogatePairsKeepsEveryCharacterOnPostgres() throws ReflectiveOperationException,
            SQLException {
        String comment = "x" + "\uD83C\uDF21".repeat(30_000) + "ü";
        var columns = List.of(Column.of("id", "bigint", false), Column.of("temperature", "numeric", true).withComment(comment));
        SchemaModel model = new SchemaModel(List.of(table("thermometer", columns, List.of(), List.of())), List.of());
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, model, "thermometer").orElseThrow();

        List<Migration> loaded = compileAndLoad(List.of(v1));
        assertSame(v1, loaded.get(0));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(loaded).build().migrate();
            assertEquals(List.of(comment), db.strings("select col_description('thermometer'::regclass, 2)"));
        }
    }

    /** {@code Map.ofEntries} of thousands of entries makes javac's type inference take hours. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSquashOfThreeThousandVersionsCompiles() throws ReflectiveOperationException {
        var squashed = new TreeMap<Integer, String>();
        for (int v = 1; v <= 3_000; v++) {
            squashed.put(v, String.format("sha256:%064x", v) + (v % 7 == 0 ? String.format(",sha256:%064x", -v) : ""));
        }
        FrozenVersion squash = new FrozenVersion(3_000, "squashed", FrozenVersion.NO_PARENT,
                List.of("create table meter"), List.of("CREATE TABLE meter (id bigint)"), List.of("DROP TABLE meter"),
                HandWrittenSteps.NONE, List.of("dropping meter loses its rows"), squashed);

        List<Migration> loaded = compileAndLoad(List.of(squash));
        assertSame(squash, loaded.get(0));
    }

    /**
     * The index of 6,000 versions, compiled beside stand-ins for the version classes: compiling
     * 6,000 generated versions would take a minute, and each compiles alone.
     */
    @Test
    void anIndexOfSixThousandVersionsCompiles() throws ReflectiveOperationException {
        var versions = new ArrayList<FrozenVersion>();
        var standIns = new StringBuilder("""
                package big.migrations;
                abstract class StandIn implements dev.driftless.migrate.Migration {
                    private final int version;
                    StandIn(int version) { this.version = version; }
                    public int version() { return version; }
                    public String description() { return "step_" + version; }
                    public String checksum() { return "none"; }
                    public java.util.List<String> up() { return java.util.List.of(); }
                    public java.util.List<String> down() { return java.util.List.of(); }
                }
                """);
        for (int v = 1; v <= 6_000; v++) {
            var version = new FrozenVersion(v, "step_" + v, FrozenVersion.NO_PARENT, List.of(), List.of(), List.of());
            versions.add(version);
            standIns.append(String.format("final class %s extends StandIn { %1$s() { super(%d); } }%n",
                    MigrationSources.className(version), v));
        }
        List<JavaFile> files = MigrationSources.of(PACKAGE, versions);
        JavaFile index = files.get(files.size() - 1);
        assertEquals(MigrationSources.INDEX_CLASS, index.typeSpec().name());
        Compilation c = Compiler.javac().compile(index.toJavaFileObject(),
                JavaFileObjects.forSourceString(PACKAGE + ".StandIn", standIns.toString()));
        List<Migration> loaded = load(c);
        assertEquals(6_000, loaded.size());
        for (int i = 0; i < loaded.size(); i++) {
            assertEquals(i + 1, loaded.get(i).version(), "the index keeps the versions in order");
        }
    }

    /** What a small version generates does not change: byte for byte the sources of before. */
    @Test
    void aSmallVersionGeneratesTheSameSourcesAsBefore() throws IOException {
        var squashed = new TreeMap<Integer, String>();
        squashed.put(1, "sha256:aa");
        squashed.put(2, "sha256:bb,sha256:cc");
        FrozenVersion squash = new FrozenVersion(2, "base_line", FrozenVersion.NO_PARENT, List.of("create table meter"),
                List.of("CREATE TABLE meter (\n    id bigint NOT NULL\n)", "COMMENT ON TABLE meter IS 'a \"quoted\" ü'"),
                List.of("DROP TABLE meter"),
                new HandWrittenSteps(List.of("SET lock_timeout = '1s'"), List.of(), List.of(), List.of(), List.of()),
                List.of("dropping meter loses its rows"), squashed);
        FrozenVersion next = new FrozenVersion(3, "add_serial", squash.checksum(), List.of("add column meter.serial text"),
                List.of("ALTER TABLE meter ADD COLUMN serial text"), List.of("ALTER TABLE meter DROP COLUMN serial"));
        List<String> sources = MigrationSources.of("cei.migrations", List.of(squash, next)).stream()
                .map(JavaFile::toString).toList();
        assertEquals(List.of(golden("V0002_BaseLine"), golden("V0003_AddSerial"), golden("DriftlessMigrationIndex")),
                sources);
    }

    /** The sources as generated before versions were cut into parts. */
    private static String golden(String className) throws IOException {
        try (InputStream in = LargeVersionTest.class.getResourceAsStream(className + ".java.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLongStringIsCutIntoPiecesThatEachFitAConstantAndNeverSplitASurrogatePair() {
        String text = "a" + "\uD83C\uDF21".repeat(ClassFileLimits.PIECE) + "\u20AC".repeat(ClassFileLimits.PIECE);
        List<String> pieces = ClassFileLimits.pieces(text);
        assertEquals(text, String.join("", pieces));
        for (String piece : pieces) {
            assertTrue(piece.length() <= ClassFileLimits.PIECE, "piece of " + piece.length());
            assertTrue(piece.getBytes(StandardCharsets.UTF_8).length <= 65_535);
            assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "a piece ends inside a pair");
            assertFalse(Character.isLowSurrogate(piece.charAt(0)), "a piece starts inside a pair");
        }
        assertEquals(List.of("short"), ClassFileLimits.pieces("short"));
    }
}
