package dev.driftless.processor.ecj;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.processor.DriftlessProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor under the Eclipse compiler gives what it gives under javac. */
class EcjProcessorTest {

    @TempDir
    Path tmp;

    private static final String METER = """
            package cei;
            import jakarta.persistence.*;
            @Entity @Table(indexes = @Index(columnList = "serial DESC"))
            public class Meter { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id; String serial; }
            """;
    private static final String READING = """
            package cei;
            import jakarta.persistence.*;
            @Entity public class Reading {
              @Id Long id;
              @ManyToOne(optional = false) Meter meter;
              java.math.BigDecimal kwh;
            }
            """;
    private static final String READING_V2 = READING.replace("java.math.BigDecimal kwh;",
            "java.math.BigDecimal kwh;\n  java.time.Instant takenAt;");

    private Ecj.Result ecj(String work, Path history, Map<String, String> sources, List<Path> classpath,
            String... options) throws IOException {
        var all = new java.util.ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Ecj.compile(tmp.resolve(work), sources, all, classpath);
    }

    @Test
    void freezeWritesTheSameFilesAsUnderJavac() throws IOException {
        Path ecjHistory = tmp.resolve("ecj-history");
        Ecj.Result r = ecj("a", ecjHistory, Map.of("cei/Meter.java", METER, "cei/Reading.java", READING), List.of(),
                "-Adriftless.freeze=initial");
        assertTrue(r.succeeded(), r.log());
        assertTrue(r.log().contains("[DL201] Froze version 1 'initial'"), r.log());
        // ECJ finds the Hibernate line on the class path as javac does.
        assertTrue(r.log().contains("[DL160] Driftless builds the schema as Hibernate 7.1 maps it "
                + "(hibernate-core 7.1 found on the compile class path)"), r.log());
        assertTrue(Files.exists(r.classes().resolve("cei/migrations/V0001_Initial.class")), "generated code compiled");
        assertTrue(Files.exists(r.classes().resolve("META-INF/services/dev.driftless.migrate.MigrationIndex")));

        Path javacHistory = tmp.resolve("javac-history");
        assertThat(Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + javacHistory, "-Adriftless.freeze=initial")
                .compile(JavaFileObjects.forSourceString("cei.Meter", METER),
                        JavaFileObjects.forSourceString("cei.Reading", READING)))
                .succeeded();
        for (String file : List.of("snapshot.driftless", "V0001__initial.sql")) {
            assertEquals(Files.readString(javacHistory.resolve(file)), Files.readString(ecjHistory.resolve(file)), file);
        }
    }

    @Test
    void draftsChecksAndErrorsUnderEcj() throws IOException {
        Path history = tmp.resolve("history");
        assertTrue(ecj("a", history, Map.of("cei/Meter.java", METER, "cei/Reading.java", READING), List.of(),
                "-Adriftless.freeze=initial").succeeded());

        Ecj.Result draft = ecj("b", history, Map.of("cei/Meter.java", METER, "cei/Reading.java", READING_V2), List.of());
        assertTrue(draft.succeeded(), draft.log());
        assertTrue(draft.log().contains("[DL200] Draft version 2"), draft.log());
        assertTrue(Files.exists(draft.generated().resolve("cei/migrations/V0002__draft.sql")), draft.log());

        Ecj.Result check = ecj("c", history, Map.of("cei/Meter.java", METER, "cei/Reading.java", READING_V2), List.of(),
                "-Adriftless.check=true");
        assertFalse(check.succeeded());
        assertTrue(check.log().contains("[DL203]"), check.log());

        Ecj.Result bad = ecj("d", history, Map.of("cei/Bad.java",
                "package cei;\nimport jakarta.persistence.*;\n@Entity public class Bad { String x; }\n"), List.of());
        assertFalse(bad.succeeded());
        assertTrue(bad.log().contains("Bad.java:3: error: [DL100]"), bad.log());
    }

    @Test
    void saveOneEntityInEclipseAndTheDraftIsTheFullBuildsDraft() throws IOException {
        Path history = tmp.resolve("history");
        Ecj.Result full = ecj("a", history, Map.of("cei/Meter.java", METER, "cei/Reading.java", READING), List.of(),
                "-Adriftless.freeze=initial");
        assertTrue(full.succeeded(), full.log());
        // Eclipse recompiles Reading only, with the entities' class files on the class path (the
        // generated migration classes it regenerates itself, so they are left out here: the batch
        // compiler, unlike the IDE's, refuses to regenerate a type it finds on the class path).
        try (var generated = Files.walk(full.classes().resolve("cei/migrations"))) {
            for (Path p : generated.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Ecj.Result partial = ecj("b", history, Map.of("cei/Reading.java", READING_V2), List.of(full.classes()));
        assertTrue(partial.succeeded(), partial.log());
        assertTrue(partial.log().contains("[DL200] Draft version 2"), partial.log());
        assertTrue(partial.log().contains("add column reading.takenat"), partial.log());
        assertFalse(partial.log().contains("drop table meter"), partial.log());
    }

    /**
     * The Hibernate-oracle corpus (every mapping the processor reads) frozen under ECJ and javac alike:
     * the files the Hibernate line on the class path maps (a {@code // Hibernate lines:} comment names
     * the lines of a file that only some map).
     */
    @Test
    void theWholeCorpusFreezesAsUnderJavac() throws IOException {
        Path corpus = Path.of("src", "test", "corpus");
        String line = System.getProperty("driftless.test.hibernateLine", "7.1");
        var linesComment = java.util.regex.Pattern.compile("(?m)^// Hibernate lines: (.+)$");
        var sources = new java.util.TreeMap<String, String>();
        try (var files = Files.walk(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                var lines = linesComment.matcher(source);
                if (!lines.find() || List.of(lines.group(1).strip().split("[, ]+")).contains(line)) {
                    sources.put(corpus.relativize(f).toString(), source);
                }
            }
        }
        Path ecjHistory = tmp.resolve("ecj-history");
        Ecj.Result r = ecj("corpus", ecjHistory, sources, List.of(), "-Adriftless.freeze=corpus");
        assertTrue(r.succeeded(), r.log());

        Path javacHistory = tmp.resolve("javac-history");
        var javaFiles = sources.entrySet().stream()
                .map(e -> JavaFileObjects.forSourceString(e.getKey().replace('/', '.').replaceAll("\\.java$", ""),
                        e.getValue()))
                .toList();
        assertThat(Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + javacHistory, "-Adriftless.freeze=corpus")
                .compile(javaFiles))
                .succeeded();
        for (String file : List.of("snapshot.driftless", "V0001__corpus.sql")) {
            assertEquals(Files.readString(javacHistory.resolve(file)), Files.readString(ecjHistory.resolve(file)), file);
        }
    }
}
