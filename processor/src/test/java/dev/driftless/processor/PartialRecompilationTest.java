package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE recompiles only the entity that changed, with the others as class files: the processor
 * must plan the same version as a full build, and never drop what it was not shown.
 */
class PartialRecompilationTest {

    @TempDir
    Path tmp;

    private static JavaFileObject entity(String name, String... fields) {
        var lines = new ArrayList<>(List.of("package cei;", "import jakarta.persistence.*;",
                "@Entity public class " + name + " {", "  @Id Long id;"));
        lines.addAll(List.of(fields));
        lines.add("}");
        return JavaFileObjects.forSourceLines("cei." + name, lines);
    }

    private static final JavaFileObject METER = entity("Meter", "  String serial;");
    private static final JavaFileObject SITE = entity("Site", "  String name;");
    private static final JavaFileObject READING = entity("Reading", "  @ManyToOne Meter meter;", "  Double kwh;");
    private static final JavaFileObject READING_V2 =
            entity("Reading", "  @ManyToOne Meter meter;", "  Double kwh;", "  java.time.Instant takenAt;");

    private static Compilation compile(Path history, List<File> extraClasspath, List<JavaFileObject> sources,
            String... options) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        Compiler compiler = Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all);
        if (!extraClasspath.isEmpty()) {
            var classpath = new ArrayList<File>(extraClasspath);
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                classpath.add(new File(entry));
            }
            compiler = compiler.withClasspath(classpath);
        }
        return compiler.compile(sources);
    }

    /** Writes what a compilation put in its class output to a directory, as a build's output folder. */
    private static Path classOutput(Compilation c, Path dir) throws IOException {
        for (JavaFileObject f : c.generatedFiles()) {
            String uri = f.toUri().getPath();
            int at = uri.indexOf("/CLASS_OUTPUT/");
            if (at >= 0) {
                Path target = dir.resolve(uri.substring(at + "/CLASS_OUTPUT/".length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        return dir;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void recompilingOneEntityPlansWhatAFullBuildPlans() throws IOException {
        Path history = tmp.resolve("history");
        Compilation first = compile(history, List.of(), List.of(METER, SITE, READING), "-Adriftless.freeze=initial");
        assertThat(first).succeeded();
        Path classes = classOutput(first, Files.createDirectories(tmp.resolve("classes")));
        assertTrue(Files.exists(classes.resolve(EntityIndex.RESOURCE)), "the entity index is in the class output");

        // The IDE recompiles Reading only; Meter and Site are class files.
        Compilation partial = compile(history, List.of(classes.toFile()), List.of(READING_V2));
        assertThat(partial).succeeded();
        assertThat(partial).hadNoteContaining("[DL200] Draft version 2");
        String partialNote = partial.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL200]"))
                .findFirst().orElseThrow();
        assertTrue(!partialNote.contains("drop"), "nothing is dropped for entities not recompiled: " + partialNote);
        assertTrue(partialNote.contains("add column reading.takenat"), partialNote);

        Compilation full = compile(history, List.of(), List.of(METER, SITE, READING_V2));
        String fullNote = full.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL200]"))
                .findFirst().orElseThrow();
        assertEquals(fullNote, partialNote);

        // Freezing from a partial build writes the same version and snapshot as from a full build.
        Path partialHistory = tmp.resolve("partial-history");
        Path fullHistory = tmp.resolve("full-history");
        copy(history, partialHistory);
        copy(history, fullHistory);
        assertThat(compile(partialHistory, List.of(classes.toFile()), List.of(READING_V2), "-Adriftless.freeze=taken_at"))
                .succeeded();
        assertThat(compile(fullHistory, List.of(), List.of(METER, SITE, READING_V2), "-Adriftless.freeze=taken_at"))
                .succeeded();
        for (String file : List.of("snapshot.driftless", "V0002__taken_at.sql")) {
            assertEquals(Files.readString(fullHistory.resolve(file)), Files.readString(partialHistory.resolve(file)), file);
        }
    }

    @Test
    void anEntityWhoseClassIsGoneIsDropped() throws IOException {
        Path history = tmp.resolve("history");
        Compilation first = compile(history, List.of(), List.of(METER, SITE, READING), "-Adriftless.freeze=initial");
        Path classes = classOutput(first, Files.createDirectories(tmp.resolve("classes")));
        Files.delete(classes.resolve("cei/Site.class")); // the IDE removed the deleted entity's class

        Compilation partial = compile(history, List.of(classes.toFile()), List.of(READING));
        assertThat(partial).succeeded();
        assertThat(partial).hadNoteContaining("drop table site");
    }

    private static JavaFileObject source(String name, String... lines) {
        var all = new ArrayList<>(List.of("package zoo;", "import jakarta.persistence.*;"));
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("zoo." + name, all);
    }

    private static final JavaFileObject BASE = source("Base", "@MappedSuperclass public abstract class Base {",
            "  @Id Long id; @Version Integer version; }");
    private static final JavaFileObject ADDRESS = source("Address", "@Embeddable public class Address {",
            "  @Column(length = 80) String street; String city; }");
    private static final JavaFileObject ANIMAL = source("Animal", "@Entity public class Animal extends Base {",
            "  String name; @Embedded Address home; @ElementCollection java.util.Set<String> tags; }");
    private static final JavaFileObject DOG = source("Dog", "@Entity public class Dog extends Animal { int legs; }");
    private static final JavaFileObject DOG_V2 = source("Dog", "@Entity public class Dog extends Animal { int legs;",
            "  @Embedded @AttributeOverride(name = \"street\", column = @Column(name = \"kennel_street\"))",
            "  @AttributeOverride(name = \"city\", column = @Column(name = \"kennel_city\")) Address kennel; }");

    /**
     * The IDE recompiles a single-table subclass alone: its root entity, the mapped superclass and
     * the embeddable are read from class files, and the draft is the full build's.
     */
    @Test
    void embeddablesSuperclassesAndHierarchiesAreReadFromClassFiles() throws IOException {
        Path history = tmp.resolve("history");
        Compilation first = compile(history, List.of(), List.of(BASE, ADDRESS, ANIMAL, DOG), "-Adriftless.freeze=initial");
        assertThat(first).succeeded();
        Path classes = classOutput(first, Files.createDirectories(tmp.resolve("classes")));

        Compilation partial = compile(history, List.of(classes.toFile()), List.of(DOG_V2));
        assertThat(partial).succeeded();
        String partialNote = partial.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL200]"))
                .findFirst().orElseThrow();
        assertTrue(partialNote.contains("add column animal.kennel_street"), partialNote);
        assertTrue(partialNote.contains("add column animal.kennel_city"), partialNote);
        assertTrue(!partialNote.contains("drop"), partialNote);

        Compilation full = compile(history, List.of(), List.of(BASE, ADDRESS, ANIMAL, DOG_V2));
        String fullNote = full.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL200]"))
                .findFirst().orElseThrow();
        assertEquals(fullNote, partialNote);

        // An unchanged partial build has nothing to plan: the class files give the whole model back.
        Compilation unchanged = compile(history, List.of(classes.toFile()), List.of(ANIMAL));
        assertThat(unchanged).succeeded();
        assertTrue(unchanged.notes().stream().noneMatch(d -> d.getMessage(null).contains("[DL200]")),
                () -> unchanged.notes().toString());
    }
}
