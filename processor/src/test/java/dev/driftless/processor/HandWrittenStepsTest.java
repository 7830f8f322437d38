package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written steps from {@code next.sql}, Java steps, irreversible versions and squashing, under javac. */
class HandWrittenStepsTest {

    @TempDir
    Path history;

    private static final JavaFileObject SEED_STEP = JavaFileObjects.forSourceLines("example.model.SeedMeters",
            "package example.model;",
            "public final class SeedMeters implements dev.driftless.migrate.JavaStep {",
            "  public void run(java.sql.Connection c) throws java.sql.SQLException {",
            "    try (var st = c.createStatement()) { st.execute(\"INSERT INTO datasource (external_id) VALUES ('m-2')\"); }",
            "  }",
            "}");

    private static final JavaFileObject NOT_A_STEP = JavaFileObjects.forSourceLines("example.model.NotAStep",
            "package example.model;",
            "public final class NotAStep {}");

    private Compilation compile(String extraField, List<String> options, JavaFileObject... more) {
        var all = new ArrayList<String>(List.of("-Adriftless.history=" + history));
        all.addAll(options);
        var sources = new ArrayList<JavaFileObject>(List.of(MigrationStepTest.datasource("jakarta", extraField)));
        sources.addAll(List.of(more));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(sources);
    }

    private void writeNext(String text) throws IOException {
        Files.writeString(history.resolve("next.sql"), text, StandardCharsets.UTF_8);
    }

    private String read(String file) throws IOException {
        return Files.readString(history.resolve(file), StandardCharsets.UTF_8);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(history)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Migration> migrations(Compilation c) {
        var loader = new CompiledClassLoader(c, HandWrittenStepsTest.class.getClassLoader());
        return ServiceLoader.load(MigrationIndex.class, loader).stream().flatMap(p -> p.get().migrations().stream())
                .toList();
    }

    @Test
    void nextSqlBecomesTheNextVersionWithItsJavaStep() throws IOException {
        assertThat(compile("", List.of("-Adriftless.freeze=initial"), SEED_STEP)).succeeded();
        writeNext("""
                -- seed 002's datasource definitions
                -- driftless:after
                INSERT INTO datasource (external_id) VALUES ('m-1');
                -- driftless:java example.model.SeedMeters
                -- driftless:down:before
                DELETE FROM datasource WHERE external_id IN ('m-1', 'm-2');
                """);

        Compilation draft = compile("", List.of(), SEED_STEP);
        assertThat(draft).succeeded();
        assertThat(draft).hadNoteContaining("hand-written step after: INSERT INTO datasource (external_id) VALUES ('m-1')");

        Compilation frozen = compile("", List.of("-Adriftless.freeze=seed_meters"), SEED_STEP);
        assertThat(frozen).succeeded();
        assertEquals(List.of("V0001__initial.sql", "V0002__seed_meters.sql",
                "changelog.md", "schema.md", "snapshot.driftless"), files(),
                "next.sql moved into the version");
        String version = read("V0002__seed_meters.sql");
        assertTrue(version.contains("-- driftless:up:after\nINSERT INTO datasource (external_id) VALUES ('m-1');\n\n"
                + "-- driftless:java example.model.SeedMeters\n"), version);

        Migration seed = migrations(frozen).get(1);
        assertEquals(List.of("INSERT INTO datasource (external_id) VALUES ('m-1')", "-- driftless:java example.model.SeedMeters"),
                seed.up());
        assertEquals("example.model.SeedMeters", seed.javaStep("example.model.SeedMeters").getClass().getName());
        assertEquals(List.of(), seed.irreversible());

        assertThat(compile("", List.of("-Adriftless.check=true"), SEED_STEP)).succeeded();
    }

    @Test
    void aJavaStepThatIsMissingOrNoJavaStepIsACodedError() throws IOException {
        assertThat(compile("", List.of("-Adriftless.freeze=initial"))).succeeded();
        writeNext("-- driftless:after\n-- driftless:java example.model.Missing\n-- driftless:java example.model.NotAStep\n");
        Compilation c = compile("", List.of("-Adriftless.freeze=seed"), NOT_A_STEP);
        assertThat(c).hadErrorContaining("[DL217] Version 2 names the Java step example.model.Missing, which is not on"
                + " the compile class path");
        assertThat(c).hadErrorContaining("example.model.NotAStep, which does not implement dev.driftless.migrate.JavaStep")
                .inFile(NOT_A_STEP);
        assertEquals(List.of("V0001__initial.sql",
                "changelog.md", "next.sql", "schema.md", "snapshot.driftless"), files(), "nothing was frozen");
    }

    @Test
    void aBrokenNextSqlIsReportedWithItsLine() throws IOException {
        assertThat(compile("", List.of("-Adriftless.freeze=initial"))).succeeded();
        writeNext("DELETE FROM datasource;\n");
        Compilation c = compile("", List.of());
        assertThat(c).hadErrorContaining("[DL210]");
        assertThat(c).hadErrorContaining("next.sql:1: SQL before the first section line");
    }

    @Test
    void aDroppedColumnMakesTheVersionIrreversible() {
        assertThat(compile("@Column String note;", List.of("-Adriftless.freeze=initial"))).succeeded();
        Compilation c = compile("", List.of("-Adriftless.freeze=drop_note", "-Adriftless.acceptDataLoss=true"));
        assertThat(c).succeeded();
        assertEquals(List.of("drop column datasource.note"), migrations(c).get(1).irreversible());
    }

    @Test
    void squashReplacesTheVersionsWithABaseline() throws IOException {
        assertThat(compile("", List.of("-Adriftless.freeze=initial"))).succeeded();
        writeNext("-- driftless:after\nINSERT INTO datasource (external_id) VALUES ('m-1');\n");
        assertThat(compile("@Column String note;", List.of("-Adriftless.freeze=add_note"))).succeeded();

        Compilation unfrozen = compile("", List.of("-Adriftless.squash=baseline"));
        assertThat(unfrozen).hadErrorContaining("[DL218] Cannot squash: the model has changes that are not frozen");

        Compilation needsSteps = compile("@Column String note;", List.of("-Adriftless.squash=baseline"));
        assertThat(needsSteps).hadErrorContaining("[DL219] Squashing would drop the hand-written steps of version(s) 2");
        assertEquals(List.of("V0001__initial.sql", "V0002__add_note.sql",
                "changelog.md", "schema.md", "snapshot.driftless"), files());

        writeNext("-- driftless:after\nINSERT INTO datasource (external_id) VALUES ('m-1');\n");
        Compilation squashed = compile("@Column String note;", List.of("-Adriftless.squash=baseline"));
        assertThat(squashed).succeeded();
        assertThat(squashed).hadNoteContaining("[DL220] Squashed versions 1 to 2 into the squash");
        assertEquals(List.of("B0002__baseline.sql",
                "changelog.md", "schema.md", "snapshot.driftless"), files());
        String baseline = read("B0002__baseline.sql");
        assertTrue(baseline.contains("-- squashes: 1 sha256:"), baseline);
        assertTrue(baseline.contains("CREATE TABLE datasource"), baseline);

        Migration b = migrations(squashed).get(0);
        assertEquals(2, b.version());
        assertEquals(List.of(1, 2), List.copyOf(b.squashed().keySet()));
        assertTrue(b.up().contains("INSERT INTO datasource (external_id) VALUES ('m-1')"));

        assertThat(compile("@Column String note;", List.of("-Adriftless.check=true"))).succeeded();
        Compilation next = compile("@Column String note; @Column String label;", List.of("-Adriftless.freeze=add_label"));
        assertThat(next).succeeded();
        assertEquals(List.of("B0002__baseline.sql", "V0003__add_label.sql",
                "changelog.md", "schema.md", "snapshot.driftless"), files());
        assertFalse(migrations(next).get(1).up().isEmpty());
    }
}
