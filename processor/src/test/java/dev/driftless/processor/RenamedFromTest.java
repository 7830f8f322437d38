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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @RenamedFrom}'s value is the previous name exactly as it is in the database, and every
 * annotation a warning suggests works when it is pasted onto the field or the entity: for quoted
 * names (which keep their case) and unquoted ones (which PostgreSQL folds), columns and tables.
 */
class RenamedFromTest {

    /** A suggested annotation in a warning, with its string literal (which may hold escapes). */
    private static final Pattern SUGGESTION =
            Pattern.compile("@dev\\.driftless\\.annotations\\.RenamedFrom\\(\"(?:[^\"\\\\]|\\\\.)*\"\\)");

    @TempDir
    Path history;

    private static JavaFileObject entity(String classAnnotations, String table, String field) {
        return JavaFileObjects.forSourceLines("cei.Reading",
                "package cei;",
                "import jakarta.persistence.*;",
                classAnnotations + " @Entity @Table(name = \"" + table + "\")",
                "public class Reading {",
                "  @Id Long id;",
                field,
                "}");
    }

    private Compilation compile(JavaFileObject source, String... options) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(source);
    }

    private FrozenVersion version(String file) throws IOException {
        return VersionFormat.read(Files.readString(history.resolve(file)), file);
    }

    /** The one annotation the warnings with this code suggest. */
    private static String suggestion(Compilation c, String code) {
        List<String> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
            String message = d.getMessage(null);
            if (message.contains("[" + code + "]")) {
                Matcher m = SUGGESTION.matcher(message);
                while (m.find()) {
                    found.add(m.group());
                }
            }
        }
        assertEquals(1, found.size(), () -> "one suggestion in " + c.warnings());
        return found.get(0);
    }

    /** The Java literal of a name written in {@code @Column(name)}: a quoted one in escaped double quotes. */
    private static String literal(String written) {
        return written.replace("\"", "\\\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // as written in @Column(name) | the new name | the names in the database, before and after
            "\"CamelColumn\" | \"NewCamel\"  | \"CamelColumn\" | \"NewCamel\"",
            "EnergyKwh       | Kwh           | energykwh       | kwh",
            "energy_kwh      | kwh           | energy_kwh      | kwh"})
    void theColumnRenameTheWarningSuggestsWorksWhenPasted(String before, String after, String oldSql, String newSql)
            throws IOException {
        String table = "readings";
        assertThat(compile(entity("", table, "  @Column(name = \"" + literal(before) + "\") Double value;"),
                "-Adriftless.freeze=initial")).succeeded();
        String field = "  @Column(name = \"" + literal(after) + "\") Double value;";
        Compilation draft = compile(entity("", table, field));
        assertThat(draft).succeeded();
        String pasted = suggestion(draft, "DL206");

        Compilation frozen = compile(entity("", table, "  " + pasted + field), "-Adriftless.freeze=rename");
        assertThat(frozen).succeeded();
        assertTrue(frozen.warnings().stream().noneMatch(d -> d.getMessage(null).contains("[DL206]")),
                () -> frozen.warnings().toString());
        FrozenVersion v2 = version("V0002__rename.sql");
        assertEquals(List.of("ALTER TABLE readings RENAME COLUMN " + oldSql + " TO "
                + newSql), v2.up());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // as written in @Table(name) | the new name | @RenamedFrom's value | the names in the database
            "\"CamelTable\" | \"NewTable\" | CamelTable | \"CamelTable\" | \"NewTable\"",
            "OldReadings    | Readings     | oldreadings | oldreadings    | readings"})
    void aTableIsRenamedFromItsNameAsInTheDatabase(String before, String after, String value, String oldSql,
            String newSql) throws IOException {
        String field = "  @Column(name = \"value\") Double value;";
        assertThat(compile(entity("", literal(before), field), "-Adriftless.freeze=initial")).succeeded();
        Compilation c = compile(entity("@dev.driftless.annotations.RenamedFrom(\"" + value + "\")", literal(after),
                field), "-Adriftless.freeze=rename");
        assertThat(c).succeeded();
        FrozenVersion v2 = version("V0002__rename.sql");
        assertEquals("ALTER TABLE " + oldSql + " RENAME TO " + newSql, v2.up().get(0));
        assertTrue(v2.up().stream().noneMatch(s -> s.contains("DROP TABLE")), v2.up().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // column or table | the old name in the database | what an entity would write from habit
            "column | energykwh | EnergyKwh",
            "column | EnergyKwh | energykwh",
            "table  | oldreadings | OldReadings"})
    void aValueSpelledUnlikeTheDatabaseIsWarnedWithTheOneThatWorks(String kind, String database, String written)
            throws IOException {
        boolean column = kind.equals("column");
        String quotedIfCased = database.equals(database.toLowerCase()) ? database : "\\\"" + database + "\\\"";
        String table = column ? "readings" : quotedIfCased;
        String field = column ? "  @Column(name = \"" + quotedIfCased + "\") Double value;"
                : "  @Column(name = \"value\") Double value;";
        assertThat(compile(entity("", table, field), "-Adriftless.freeze=initial")).succeeded();

        String annotation = "@dev.driftless.annotations.RenamedFrom(\"" + written + "\")";
        JavaFileObject wrong = column
                ? entity("", table, "  " + annotation + " @Column(name = \"renamed\") Double value;")
                : entity(annotation, "renamed", field);
        Compilation warned = compile(wrong);
        assertThat(warned).succeeded();
        assertThat(warned).hadWarningContaining("[DL230] @RenamedFrom(\"" + written + "\") names no " + kind);
        String pasted = suggestion(warned, "DL230");
        assertEquals("@dev.driftless.annotations.RenamedFrom(\"" + database + "\")", pasted);

        JavaFileObject fixed = column
                ? entity("", table, "  " + pasted + " @Column(name = \"renamed\") Double value;")
                : entity(pasted, "renamed", field);
        Compilation c = compile(fixed, "-Adriftless.freeze=rename");
        assertThat(c).succeeded();
        assertTrue(c.warnings().stream().noneMatch(d -> d.getMessage(null).contains("[DL230]")),
                () -> c.warnings().toString());
        String sqlName = database.equals(database.toLowerCase()) ? database : "\"" + database + "\"";
        assertEquals(column ? "ALTER TABLE readings RENAME COLUMN " + sqlName + " TO renamed"
                : "ALTER TABLE " + sqlName + " RENAME TO renamed", version("V0002__rename.sql").up().get(0));
    }
}
