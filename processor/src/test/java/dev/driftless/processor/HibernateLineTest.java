package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Hibernate line the processor models: the option's, else the class path's, else 7.1, each
 * said in note DL160. (That each line's schema is Hibernate's own is {@code HibernateOracleTest}'s.)
 */
class HibernateLineTest {

    @TempDir
    Path history;

    private static final JavaFileObject SHIFT = JavaFileObjects.forSourceString("example.Shift", """
            package example;

            import jakarta.persistence.*;
            import java.time.LocalTime;

            @Entity
            public class Shift {
                @Id Long id;
                LocalTime starts;
                @Column(secondPrecision = 3) LocalTime ends;
            }
            """);

    private Compilation compile(List<File> classpath, String... options) {
        var all = new ArrayList<String>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        Compiler compiler = Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all);
        if (classpath != null) {
            compiler = compiler.withClasspath(classpath);
        }
        return compiler.compile(SHIFT);
    }

    private static String draft(Compilation c) {
        try {
            return c.generatedFile(StandardLocation.SOURCE_OUTPUT, "example.migrations", "V0001__draft.sql")
                    .orElseThrow().getCharContent(true).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theOptionChoosesTheLineOverTheClassPath() {
        Compilation c = compile(null, "-Adriftless.hibernate=6.6.33.Final");
        assertThat(c).succeeded();
        assertThat(c).hadNoteContaining("[DL160] Driftless builds the schema as Hibernate 6.6 maps it "
                + "(-Adriftless.hibernate=6.6.33.Final)");
        // 6.6: a time keeps six digits, and JPA 3.2's secondPrecision is passed over.
        String draft = draft(c);
        org.junit.jupiter.api.Assertions.assertTrue(draft.contains("starts time(6) without time zone"), draft);
        org.junit.jupiter.api.Assertions.assertTrue(draft.contains("ends time(6) without time zone"), draft);
    }

    @Test
    void withoutAnOptionTheLineOnTheClassPathIsModelled() {
        Compilation c = compile(null);
        assertThat(c).succeeded();
        assertThat(c).hadNoteContaining("[DL160] Driftless builds the schema as Hibernate 7.1 maps it "
                + "(hibernate-core 7.1 found on the compile class path)");
        String draft = draft(c);
        org.junit.jupiter.api.Assertions.assertTrue(draft.contains("starts time(0) without time zone"), draft);
        org.junit.jupiter.api.Assertions.assertTrue(draft.contains("ends time(3) without time zone"), draft);
    }

    @Test
    void withoutHibernateOnTheClassPathTheDefaultIsModelledAndSaidSo() {
        var withoutHibernate = new ArrayList<File>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!new File(entry).getName().startsWith("hibernate-core")) {
                withoutHibernate.add(new File(entry));
            }
        }
        Compilation c = compile(withoutHibernate);
        assertThat(c).succeeded();
        assertThat(c).hadNoteContaining("[DL160] Driftless builds the schema as Hibernate 7.1 maps it "
                + "(no Hibernate on the compile class path, so the default)");
        org.junit.jupiter.api.Assertions.assertTrue(draft(c).contains("starts time(0) without time zone"), draft(c));
    }

    @Test
    void anOptionThatIsNoVersionIsACodedError() {
        Compilation c = compile(null, "-Adriftless.hibernate=latest");
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL161] -Adriftless.hibernate=latest is not a Hibernate version");
    }
}
