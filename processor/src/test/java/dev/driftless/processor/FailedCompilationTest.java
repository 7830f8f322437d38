package dev.driftless.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A compilation that fails freezes nothing, drafts nothing and leaves the history directory as it
 * was, whoever reported the error: javac (in the model or in an unrelated method body), another
 * annotation processor, or Driftless itself. Types another processor generates are waited for.
 */
class FailedCompilationTest {

    @TempDir
    Path history;

    @TempDir
    Path work;

    static final String BASE = """
            package cei;
            import jakarta.persistence.*;
            @MappedSuperclass public abstract class Base { String createdBy; }
            """;
    static final String METER = """
            package cei;
            import jakarta.persistence.*;
            @Entity public class Meter extends Base { @Id Long id; String serial; }
            """;
    /** The superclass renamed while {@code Meter} still extends {@code Base}. */
    static final String BASE_RENAMED = BASE.replace("class Base", "class BaseEntity");
    static final String METER_V2 = METER.replace("String serial;", "String serial; String site;");
    static final String BROKEN = """
            package cei;
            public class Broken { int answer() { return "forty-two"; } }
            """;

    private int runs;

    private DiskJavac.Result compile(List<Processor> others, Map<String, String> sources, String... options)
            throws IOException {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        var processors = new ArrayList<Processor>(others);
        processors.add(new DriftlessProcessor());
        return DiskJavac.compile(work.resolve("run" + ++runs), sources, all, processors);
    }

    private Map<String, String> historyFiles() throws IOException {
        var files = new TreeMap<String, String>();
        try (Stream<Path> list = Files.list(history)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    /** No draft, no generated source, no resource of Driftless's: only what javac itself wrote. */
    private static void assertNothingWritten(DiskJavac.Result r) throws IOException {
        List<String> driftless = r.outputs().stream()
                .filter(f -> f.contains("migrations") || f.contains("META-INF") || f.endsWith(".driftless"))
                .toList();
        assertEquals(List.of(), driftless, r.log());
        assertFalse(r.log().contains("[DL200]"), r.log());
        assertFalse(r.log().contains("[DL201]"), r.log());
    }

    private Map<String, String> frozen;

    @BeforeEach
    void freezeTheFirstModel() throws IOException {
        DiskJavac.Result r = compile(List.of(), Map.of("cei/Base.java", BASE, "cei/Meter.java", METER),
                "-Adriftless.freeze=initial");
        assertTrue(r.succeeded(), r.log());
        frozen = historyFiles();
        assertEquals(List.of("V0001__initial.sql", "changelog.md", "schema.md", "snapshot.driftless"), List.copyOf(frozen.keySet()));
    }

    /**
     * An annotated package-info.java is no failure: javac analyzes it under a nameless type that
     * gets no class file, which made every such compilation look failed, so nothing was ever frozen.
     */
    @Test
    void anAnnotatedPackageInfoStillFreezes() throws IOException {
        DiskJavac.Result r = compile(List.of(), Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2,
                "cei/package-info.java", "@Deprecated\npackage cei;\n"), "-Adriftless.freeze=second");
        assertTrue(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL201]"), r.log());
        assertTrue(historyFiles().containsKey("V0002__second.sql"), r.log());
    }

    @Test
    void aRenamedMappedSuperclassFreezesNothing() throws IOException {
        DiskJavac.Result r = compile(List.of(), Map.of("cei/BaseEntity.java", BASE_RENAMED, "cei/Meter.java", METER_V2),
                "-Adriftless.freeze=second", "-Adriftless.acceptDataLoss=true");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL198] cei.Meter needs the type Base"), r.log());
        assertFalse(r.log().contains("[DL101]"), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertNothingWritten(r);
    }

    @Test
    void aRenamedMappedSuperclassDraftsNothing() throws IOException {
        DiskJavac.Result r = compile(List.of(), Map.of("cei/BaseEntity.java", BASE_RENAMED, "cei/Meter.java", METER_V2));
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL198] cei.Meter needs the type Base"), r.log());
        assertEquals(frozen, historyFiles());
        assertNothingWritten(r);
    }

    /** Errors javac finds in a class the model does not need: in its signature, or in a method body after processing. */
    static Stream<String> unrelatedErrors() {
        return Stream.of(
                BROKEN,
                "package cei;\npublic class Broken { void run() { undefined(); } }\n",
                "package cei;\npublic class Broken { int answer() { } }\n",
                "package cei;\npublic class Broken extends Gone { }\n",
                "package cei;\npublic class Broken { Gone field; }\n",
                "package cei;\npublic class Broken { void run() { final int x = 1; x = 2; } }\n");
    }

    @ParameterizedTest
    @MethodSource("unrelatedErrors")
    void anErrorInAnUnrelatedClassFreezesNothing(String broken) throws IOException {
        DiskJavac.Result r = compile(List.of(),
                Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2, "cei/Broken.java", broken),
                "-Adriftless.freeze=second");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("Broken.java"), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertFalse(r.log().contains("[DL200]") || r.log().contains("[DL201]"), r.log());
        assertTrue(r.outputs().stream().noneMatch(f -> f.endsWith("__draft.sql")), r.outputs()::toString);
    }

    @Test
    void aTypeErrorInAnUnrelatedClassSaysTheFreezeWasNotWritten() throws IOException {
        DiskJavac.Result r = compile(List.of(),
                Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2, "cei/Broken.java", BROKEN),
                "-Adriftless.freeze=second");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("incompatible types"), r.log());
        assertTrue(r.log().contains("[DL222] Version 2 'second' was not frozen: the compilation has errors"), r.log());
    }

    @Test
    void aTypeErrorInAnUnrelatedClassDraftsNothing() throws IOException {
        DiskJavac.Result r = compile(List.of(),
                Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2, "cei/Broken.java", BROKEN));
        assertFalse(r.succeeded(), r.log());
        assertEquals(frozen, historyFiles());
        assertFalse(r.log().contains("[DL200]"), r.log());
        assertTrue(r.outputs().stream().noneMatch(f -> f.endsWith("__draft.sql")), r.outputs()::toString);
    }

    @Test
    void anErrorFromAnotherProcessorFreezesNothing() throws IOException {
        DiskJavac.Result r = compile(List.of(new TestProcessors.Failing()),
                Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2), "-Adriftless.freeze=second");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains(TestProcessors.Failing.MESSAGE), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertFalse(r.log().contains("[DL201]"), r.log());
        assertTrue(r.outputs().stream().noneMatch(f -> f.endsWith("__draft.sql")), r.outputs()::toString);
    }

    @Test
    void anErrorFromAnotherProcessorDraftsNothing() throws IOException {
        DiskJavac.Result r = compile(List.of(new TestProcessors.Failing()),
                Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2));
        assertFalse(r.succeeded(), r.log());
        assertEquals(frozen, historyFiles());
        assertFalse(r.log().contains("[DL200]"), r.log());
        assertTrue(r.outputs().stream().noneMatch(f -> f.endsWith("__draft.sql")), r.outputs()::toString);
    }

    @Test
    void aJavaStepErrorWritesNoDraft() throws IOException {
        Files.writeString(history.resolve("next.sql"), "-- driftless:after\n-- driftless:java cei.Missing\n");
        DiskJavac.Result r = compile(List.of(), Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2));
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL217] Version 2 names the Java step cei.Missing"), r.log());
        assertNothingWritten(r);
    }

    @Test
    void aFreezeThatCannotWriteEveryFileLeavesTheHistoryAsItWas() throws IOException {
        // The snapshot cannot be written (its temporary file's name is taken by a directory); the
        // version file could be, but must not be left behind without its snapshot.
        Files.createDirectories(history.resolve("snapshot.driftless.tmp").resolve("taken"));
        DiskJavac.Result r = compile(List.of(), Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2),
                "-Adriftless.freeze=second");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL212] Could not read or write the history directory"), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertFalse(r.log().contains("[DL201]"), r.log());
    }

    @Test
    void aSuperclassAndAnEmbeddableGeneratedByAnotherProcessorAreRead() throws IOException {
        DiskJavac.Result r = compile(List.of(new TestProcessors.GeneratingBase()),
                Map.of("cei/Meter.java", TestProcessors.METER_ON_GENERATED), "-Adriftless.freeze=generated_base");
        assertTrue(r.succeeded(), r.log());
        assertFalse(r.log().contains("error"), r.log());
        String snapshot = historyFiles().get("snapshot.driftless");
        for (String column : List.of("column id bigint not-null", "column createdby", "column serial", "column street",
                "column city")) {
            assertTrue(snapshot.contains(column), column + " in\n" + snapshot);
        }
        assertTrue(r.outputs().contains("generated/cei/migrations/V0002_GeneratedBase.java"), r.outputs()::toString);
    }
}
