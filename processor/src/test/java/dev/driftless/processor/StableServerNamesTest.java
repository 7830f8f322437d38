package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.VersionFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derived name PostgreSQL numbered does not change in a later version: the model keeps the name
 * the last frozen version gave, even when a new table that sorts first would take it.
 */
class StableServerNamesTest {

    /** 58 bytes: tables that start with it derive one primary key name. */
    private static final String PREFIX = "meter_calibration_adjustments_recorded_by_region_and_hours";

    @TempDir
    Path history;

    private static JavaFileObject entity(String simpleName, String table) {
        return JavaFileObjects.forSourceLines("cei." + simpleName,
                "package cei;",
                "import jakarta.persistence.*;",
                "@Entity @Table(name = \"" + table + "\", uniqueConstraints = @UniqueConstraint(columnNames = \"code\"))",
                "public class " + simpleName + " {",
                "  @Id Long id;",
                "  String code;",
                "}");
    }

    private Compilation compile(List<JavaFileObject> sources, String... options) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(sources);
    }

    private FrozenVersion version(String file) throws IOException {
        return VersionFormat.read(Files.readString(history.resolve(file)), file);
    }

    @Test
    void aNewTableThatSortsFirstTakesTheNextNumberAndTheFrozenNamesStay() throws IOException {
        String pkey = PREFIX + "_pkey";
        String pkey1 = PREFIX.substring(0, 57) + "_pkey1";
        String pkey2 = PREFIX.substring(0, 57) + "_pkey2";
        var first = List.of(entity("Beta", PREFIX + "_b"), entity("Gamma", PREFIX + "_c"));
        assertThat(compile(first, "-Adriftless.freeze=initial")).succeeded();
        String v1 = String.join("\n", version("V0001__initial.sql").up());
        assertTrue(v1.contains(pkey + " PRIMARY KEY"), v1);
        assertTrue(v1.contains(pkey1 + " PRIMARY KEY"), v1);

        var second = List.of(entity("Alpha", PREFIX + "_a"), entity("Beta", PREFIX + "_b"), entity("Gamma", PREFIX + "_c"));
        assertThat(compile(second, "-Adriftless.freeze=alpha")).succeeded();
        FrozenVersion v2 = version("V0002__alpha.sql");
        // Only the new table, with the next number: no frozen key or constraint renamed.
        assertEquals(1, v2.operations().size(), v2.operations().toString());
        assertTrue(v2.operations().get(0).startsWith("create table " + PREFIX + "_a"), v2.operations().toString());
        String up = String.join("\n", v2.up());
        assertTrue(up.contains(pkey2 + " PRIMARY KEY"), up);
        assertTrue(up.contains(PREFIX.substring(0, 53) + "_code_key2 UNIQUE"), up);
        assertTrue(v2.up().stream().noneMatch(s -> s.contains("RENAME")), up);

        // And it stays so: the next compilation finds nothing to change.
        assertThat(compile(second, "-Adriftless.check=true")).succeeded();
    }
}
