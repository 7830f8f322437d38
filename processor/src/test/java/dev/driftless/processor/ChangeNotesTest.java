package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draft note (DL200), the freeze note (DL201) and the unfrozen-changes error (DL203) are
 * reported on the element the change comes from — the field of a changed column, the entity of a
 * new table — not on whichever entity sorts first.
 */
class ChangeNotesTest {

    @TempDir
    Path history;

    private static JavaFileObject entity(String name, String... fields) {
        var lines = new ArrayList<>(List.of("package cei;", "import jakarta.persistence.*;",
                "@Entity public class " + name + " {", "  @Id Long id;"));
        lines.addAll(List.of(fields));
        lines.add("}");
        return JavaFileObjects.forSourceLines("cei." + name, lines);
    }

    private static final JavaFileObject ALPHA = entity("Alpha", "  String name;");

    private Compilation compile(List<String> options, JavaFileObject... sources) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(options);
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(sources);
    }

    @BeforeEach
    void freezeTheFirstModel() {
        assertThat(compile(List.of("-Adriftless.freeze=initial"), ALPHA, entity("Zulu", "  String code;")))
                .succeeded();
    }

    @Test
    void aColumnChangeIsReportedOnItsField() {
        JavaFileObject zulu = entity("Zulu", "  String code;", "  Integer weight;");
        Compilation draft = compile(List.of(), ALPHA, zulu);
        assertThat(draft).succeeded();
        assertThat(draft).hadNoteContaining("[DL200] Draft version 2").inFile(zulu).onLineContaining("Integer weight");

        Compilation check = compile(List.of("-Adriftless.check=true"), ALPHA, zulu);
        assertThat(check).failed();
        assertThat(check).hadErrorContaining("[DL203]").inFile(zulu).onLineContaining("Integer weight");

        Compilation frozen = compile(List.of("-Adriftless.freeze=weight"), ALPHA, zulu);
        assertThat(frozen).succeeded();
        assertThat(frozen).hadNoteContaining("[DL201] Froze version 2 'weight'").inFile(zulu)
                .onLineContaining("Integer weight");
    }

    @Test
    void aNewTableIsReportedOnItsEntityAndADroppedColumnOnItsEntity() {
        JavaFileObject mid = entity("Mid", "  String label;");
        Compilation draft = compile(List.of(), ALPHA, mid, entity("Zulu", "  String code;"));
        assertThat(draft).succeeded();
        assertThat(draft).hadNoteContaining("[DL200]").inFile(mid).onLineContaining("public class Mid");

        JavaFileObject zulu = entity("Zulu");
        Compilation dropped = compile(List.of(), ALPHA, zulu);
        assertThat(dropped).succeeded();
        assertThat(dropped).hadNoteContaining("[DL200]").inFile(zulu).onLineContaining("public class Zulu");
    }
}
