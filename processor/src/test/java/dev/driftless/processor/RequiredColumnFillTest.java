package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A required column added to a table with rows in one version: the lines the DL207 warning
 * prints, pasted into {@code next.sql}, freeze a version that fills the rows and makes the column
 * NOT NULL on PostgreSQL.
 */
class RequiredColumnFillTest {

    @TempDir
    Path history;

    private static final String REQUIRED = "@Column(name = \"site\", nullable = false, length = 40) String site;";

    private Compilation compile(String extraField, String... options) {
        var all = new ArrayList<String>(List.of("-Adriftless.history=" + history));
        all.addAll(Arrays.asList(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all)
                .compile(MigrationStepTest.datasource("jakarta", extraField));
    }

    private static List<Migration> migrations(Compilation c) {
        var loader = new CompiledClassLoader(c, RequiredColumnFillTest.class.getClassLoader());
        return ServiceLoader.load(MigrationIndex.class, loader).stream().flatMap(p -> p.get().migrations().stream())
                .toList();
    }

    /** The two lines of the warning from the fill line on, as printed (javac indents them). */
    private static String pastedLines(String warning) {
        List<String> lines = warning.lines().toList();
        int from = 0;
        while (from < lines.size() && !lines.get(from).strip().startsWith("-- driftless:fill ")) {
            from++;
        }
        assertTrue(from + 1 < lines.size(), "no fill lines in: " + warning);
        return lines.get(from) + "\n" + lines.get(from + 1) + "\n";
    }

    @Test
    void theLinesTheWarningPrintsFreezeAVersionThatFillsTheRowsAndMakesTheColumnRequired()
            throws IOException, SQLException {
        Compilation initial = compile("", "-Adriftless.freeze=initial");
        assertThat(initial).succeeded();

        Compilation warned = compile(REQUIRED);
        assertThat(warned).succeeded();
        assertThat(warned).hadWarningContaining("[DL207] Column datasource.site is added NOT NULL without a default")
                .inFile(MigrationStepTest.datasource("jakarta", REQUIRED)).onLineContaining("String site");
        String warning = warned.warnings().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL207]"))
                .findFirst().orElseThrow();
        assertTrue(warning.contains(history.resolve("next.sql").toString()), warning);
        String pasted = pastedLines(warning);
        assertEquals("-- driftless:fill datasource.site\n''\n", pasted.lines().map(String::strip)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")), warning);
        Files.writeString(history.resolve("next.sql"), pasted, StandardCharsets.UTF_8);

        Compilation draft = compile(REQUIRED);
        assertThat(draft).succeeded();
        assertThat(draft).hadNoteContaining("fill datasource.site with ''");
        assertTrue(draft.warnings().stream().map(d -> d.getMessage(null)).noneMatch(m -> m.contains("[DL207]")
                || m.contains("add column datasource.site")), "a filled column is neither DL207 nor a lock finding");

        Compilation frozen = compile(REQUIRED, "-Adriftless.freeze=site");
        assertThat(frozen).succeeded();
        assertTrue(Files.notExists(history.resolve("next.sql")), "the fill moved into the version");
        String file = Files.readString(history.resolve("V0002__site.sql"), StandardCharsets.UTF_8);
        assertTrue(file.contains("--   fill datasource.site with ''"), file);
        assertThat(compile(REQUIRED, "-Adriftless.check=true")).succeeded();

        List<Migration> versions = migrations(frozen);
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator m = Migrator.builder(db.dataSource()).migrations(versions).build();
            m.migrateTo(1);
            db.execute("insert into datasource (external_id) select 'm-' || g from generate_series(1, 500) g");
            assertEquals(2, m.migrate().currentVersion());
            assertEquals(List.of("500|500"), db.strings("select count(*) || '|' || count(*) filter (where site = '')"
                    + " from datasource"));
            assertEquals(List.of("true"), db.strings("select attnotnull::text from pg_attribute where attrelid ="
                    + " 'datasource'::regclass and attname = 'site'"));
        }
    }

    @Test
    void aFillOfAColumnTheVersionDoesNotAddIsACodedError() throws IOException {
        assertThat(compile("", "-Adriftless.freeze=initial")).succeeded();
        Files.writeString(history.resolve("next.sql"), "-- driftless:fill datasource.sites\n'x'\n", StandardCharsets.UTF_8);
        Compilation c = compile(REQUIRED, "-Adriftless.freeze=site");
        assertThat(c).hadErrorContaining("[DL223]");
        assertThat(c).hadErrorContaining("the fill of datasource.sites: the version adds no such column");
        assertTrue(Files.notExists(history.resolve("V0002__site.sql")));
    }
}
