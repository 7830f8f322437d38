package dev.driftless.processor.ecj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.processor.TestProcessors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the Eclipse compiler a failed compilation freezes and drafts nothing either, as far as ECJ
 * lets a processor see: errors in the model, in the signatures of any class of the compilation, and
 * from any processor. (Errors inside method bodies ECJ finds only after annotation processing, and
 * tells no processor about them.)
 */
class EcjFailedCompilationTest {

    @TempDir
    Path tmp;

    private static final String BASE = """
            package cei;
            import jakarta.persistence.*;
            @MappedSuperclass public abstract class Base { String createdBy; }
            """;
    private static final String METER = """
            package cei;
            import jakarta.persistence.*;
            @Entity public class Meter extends Base { @Id Long id; String serial; }
            """;
    private static final String METER_V2 = METER.replace("String serial;", "String serial; String site;");

    private Path history;
    private Map<String, String> frozen;
    private int runs;

    private Ecj.Result ecj(Map<String, String> sources, String... options) throws IOException {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Ecj.compile(tmp.resolve("run" + ++runs), sources, all, List.of());
    }

    private static String processors(Class<?> other) {
        return "dev.driftless.processor.DriftlessProcessor," + other.getName();
    }

    private Map<String, String> historyFiles() throws IOException {
        var files = new TreeMap<String, String>();
        try (Stream<Path> list = Files.list(history)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static List<String> driftlessOutputs(Ecj.Result r) throws IOException {
        var found = new ArrayList<String>();
        for (Path root : List.of(r.generated(), r.classes())) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                        .filter(f -> f.contains("migrations") || f.contains("META-INF") || f.endsWith(".driftless"))
                        .forEach(found::add);
            }
        }
        return found;
    }

    @BeforeEach
    void freezeTheFirstModel() throws IOException {
        history = tmp.resolve("history");
        Ecj.Result r = ecj(Map.of("cei/Base.java", BASE, "cei/Meter.java", METER), "-Adriftless.freeze=initial");
        assertTrue(r.succeeded(), r.log());
        frozen = historyFiles();
        assertEquals(List.of("V0001__initial.sql", "changelog.md", "schema.md", "snapshot.driftless"), List.copyOf(frozen.keySet()));
    }

    @Test
    void aRenamedMappedSuperclassFreezesNothing() throws IOException {
        Ecj.Result r = ecj(Map.of("cei/BaseEntity.java", BASE.replace("class Base", "class BaseEntity"),
                "cei/Meter.java", METER_V2), "-Adriftless.freeze=second", "-Adriftless.acceptDataLoss=true");
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL198] cei.Meter needs the type Base"), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertEquals(List.of(), driftlessOutputs(r), r.log());
    }

    @Test
    void aMissingSuperclassInAnUnrelatedClassFreezesNothing() throws IOException {
        Ecj.Result r = ecj(Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2,
                "cei/Broken.java", "package cei;\npublic class Broken extends Gone {}\n"), "-Adriftless.freeze=second");
        assertFalse(r.succeeded(), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertTrue(r.log().contains("[DL222] Version 2 'second' was not frozen: the compilation has errors"), r.log());
    }

    @Test
    void anErrorFromAnotherProcessorFreezesNothing() throws IOException {
        Ecj.Result r = ecj(Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2), "-Adriftless.freeze=second",
                "-processor", processors(TestProcessors.Failing.class));
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains(TestProcessors.Failing.MESSAGE), r.log());
        assertEquals(frozen, historyFiles(), "the history directory is as it was");
        assertFalse(r.log().contains("[DL201]"), r.log());
        assertTrue(driftlessOutputs(r).stream().noneMatch(f -> f.endsWith("__draft.sql")), r.log());
    }

    @Test
    void aJavaStepErrorWritesNoDraft() throws IOException {
        Files.writeString(history.resolve("next.sql"), "-- driftless:after\n-- driftless:java cei.Missing\n");
        Ecj.Result r = ecj(Map.of("cei/Base.java", BASE, "cei/Meter.java", METER_V2));
        assertFalse(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL217] Version 2 names the Java step cei.Missing"), r.log());
        assertFalse(r.log().contains("[DL200]"), r.log());
        assertEquals(List.of(), driftlessOutputs(r), r.log());
    }

    @Test
    void aSuperclassAndAnEmbeddableGeneratedByAnotherProcessorAreRead() throws IOException {
        Ecj.Result r = ecj(Map.of("cei/Meter.java", TestProcessors.METER_ON_GENERATED), "-Adriftless.freeze=generated",
                "-processor", processors(TestProcessors.GeneratingBase.class));
        assertTrue(r.succeeded(), r.log());
        String snapshot = historyFiles().get("snapshot.driftless");
        for (String column : List.of("column id bigint not-null", "column createdby", "column serial", "column street",
                "column city")) {
            assertTrue(snapshot.contains(column), column + " in\n" + snapshot);
        }
    }
}
