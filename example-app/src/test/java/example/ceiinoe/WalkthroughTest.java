package example.ceiinoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Try it" walkthrough, step by step as its commands do it: the example's own model
 * is frozen (its CI check passes on the untouched sources), the service migrates a database, the
 * README's field added to its entity drafts exactly the one change the README shows, the freeze
 * writes the next version, and the service run again applies it to the same database.
 */
class WalkthroughTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final String README = read(MODULE.resolveSibling("README.md"));

    @TempDir
    Path work;

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What javac said and whether it succeeded. */
    private record Compiled(boolean ok, List<String> errors, List<String> warnings, List<String> notes) {}

    /**
     * Compiles the module copy's sources with the processor as the example's pom does, the
     * generated versions in {@code packageName}; javac is handed the test's class path without the
     * example's own classes.
     */
    private Compiled compile(Path module, Path classes, String packageName, String... options) throws IOException {
        Files.createDirectories(classes);
        Path generated = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-generated"));
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().startsWith(MODULE.resolve("target")))
                .collect(Collectors.joining(File.pathSeparator));
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        var all = new ArrayList<>(List.of("-d", classes.toString(), "-s", generated.toString(), "-cp", classPath,
                "-processorpath", classPath, "-processor", "dev.driftless.processor.DriftlessProcessor",
                "-Adriftless.history=" + module.resolve("src/main/driftless"), "-Adriftless.package=" + packageName));
        all.addAll(List.of(options));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            return new Compiled(ok, messages(diagnostics, Diagnostic.Kind.ERROR),
                    messages(diagnostics, Diagnostic.Kind.WARNING), messages(diagnostics, Diagnostic.Kind.NOTE));
        }
    }

    private static List<String> messages(DiagnosticCollector<JavaFileObject> d, Diagnostic.Kind kind) {
        return d.getDiagnostics().stream().filter(x -> x.getKind() == kind).map(x -> x.getMessage(null)).toList();
    }

    /** A copy of the example module's sources and history directory, as a clone has them. */
    private Path copyOfTheModule() throws IOException {
        Path copy = work.resolve("example-app");
        for (String dir : List.of("src/main/java", "src/main/driftless")) {
            Path from = MODULE.resolve(dir);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = copy.resolve(dir).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        return copy;
    }

    private static List<Migration> migrations(Path classes, String packageName) throws Exception {
        var loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, WalkthroughTest.class.getClassLoader());
        var index = (MigrationIndex) loader.loadClass(packageName + ".DriftlessMigrationIndex").getConstructor()
                .newInstance();
        return index.migrations();
    }

    private static String launch(Configuration config, List<Migration> migrations) throws IOException {
        var out = new ByteArrayOutputStream();
        int exit = ServiceBootstrap.launch(config, new PrintStream(out, true, StandardCharsets.UTF_8), migrations, () -> {});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        return printed;
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), () -> "the README has no " + regex);
        return m.group(1);
    }

    @Test
    void theExamplesModelIsFrozenSoTheReadmesCiCheckPasses() throws IOException {
        Compiled c = compile(copyOfTheModule(), work.resolve("classes"), "check.migrations", "-Adriftless.check=true");
        assertTrue(c.ok(), () -> String.join("\n", c.errors()));
        assertEquals(List.of(), c.errors());
        assertTrue(c.notes().stream().noneMatch(n -> n.contains("[DL200]")), c.notes().toString());
    }

    @Test
    void aModelChangeBecomesTheNextVersionOnTheSameDatabase() throws Exception {
        String field = group("for instance\\s+`([^`]+)` in\\s+`example-app/src/main/java/example/ceiinoe/model/"
                + "DairyProduction\\.java`", README);
        String commands = group("```sh\\n(\\./mvnw -pl example-app -am compile .*?)```", README);
        String freezeName = group("-Ddriftless\\.freeze=(\\w+)", commands);
        assertTrue(commands.contains("java -jar example-app/target/example-app.jar"), commands);
        String draftNote = group("```\\n(\\[DL200\\] Draft version .*?)\\nFreeze it with", README);

        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Configuration config = Configuration.from(new String[] {"--jdbc-url=" + db.jdbcUrl()}, Map.of());
            // java -jar example-app/target/example-app.jar: the versions the example has.
            String first = launch(config, null);
            assertTrue(first.contains("Applied version 1 (initial)") && first.contains("Applied version 2 (enum_checks)"),
                    first);

            // The field, added to the entity.
            Path module = copyOfTheModule();
            Path entity = module.resolve("src/main/java/example/ceiinoe/model/DairyProduction.java");
            String source = Files.readString(entity);
            int end = source.lastIndexOf('}');
            Files.writeString(entity, source.substring(0, end) + "\n    " + field + "\n" + source.substring(end));

            // ./mvnw -pl example-app -am compile: the draft, with the one change the README shows.
            Compiled draft = compile(module, work.resolve("draft"), "walkthrough.draft");
            assertTrue(draft.ok(), () -> String.join("\n", draft.errors()));
            // javac indents the lines after a message's first by two spaces; the README shows them as Maven prints them.
            String note = draft.notes().stream().filter(n -> n.contains("[DL200]")).findFirst().orElseThrow()
                    .replace("\n  ", "\n");
            assertTrue(note.startsWith(draftNote + "\n"), () -> "the README shows\n" + draftNote + "\nbut the draft is\n" + note);
            assertEquals(1, note.lines().filter(l -> l.startsWith("  ")).count(), note);

            // ./mvnw -pl example-app -am clean package -DskipTests -Ddriftless.freeze=...: the version is frozen.
            Compiled frozen = compile(module, work.resolve("frozen"), "walkthrough.frozen",
                    "-Adriftless.freeze=" + freezeName);
            assertTrue(frozen.ok(), () -> String.join("\n", frozen.errors()));
            assertTrue(Files.exists(module.resolve("src/main/driftless/V0003__" + freezeName + ".sql")),
                    "the README says the freeze writes version 3");

            // java -jar example-app/target/example-app.jar again: version 3 on the same database.
            List<Migration> versions = migrations(work.resolve("frozen"), "walkthrough.frozen");
            String second = launch(config, versions);
            assertTrue(second.contains("Applied version 3 (" + freezeName + ")"), second);
            assertFalse(second.contains("Applied version 1"), second);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); var st = c.createStatement();
                    ResultSet rs = st.executeQuery("select format_type(atttypid, atttypmod) from pg_attribute"
                            + " where attrelid = 'dairy_production'::regclass and attname = 'quality_score'")) {
                assertTrue(rs.next(), "the column is there");
                assertEquals("numeric(5,2)", rs.getString(1));
            }
            String third = launch(config, versions);
            assertTrue(third.contains("Nothing to apply: the database is already at version 3."), third);
        }
    }

    @Test
    void theEmbeddedDatabaseLivesOutsideTargetSoACleanBuildKeepsIt() {
        Path module = Path.of("/repo/example-app");
        assertEquals(module.resolve("embedded-postgres"), ServiceBootstrap.defaultDataDir(module.resolve("target/example-app.jar")));
        assertEquals(module.resolve("embedded-postgres"), ServiceBootstrap.defaultDataDir(module.resolve("target/classes")));
        assertEquals(Path.of("/opt/app/embedded-postgres"), ServiceBootstrap.defaultDataDir(Path.of("/opt/app/example-app.jar")));
    }

    @Test
    void theOptionsForTheEmbeddedDatabaseAreCheckedAndRefusedWithAJdbcUrl() {
        Configuration c = Configuration.from(new String[] {"--keep-running", "--port=5433"}, Map.of());
        assertTrue(c.keepRunning());
        assertEquals(5433, c.port());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Configuration.from(new String[] {"--port=70000"}, Map.of()));
        assertEquals("--port takes a port number from 1 to 65535, not 70000", port.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> Configuration.from(
                new String[] {"--keep-running"}, Map.of("DRIFTLESS_JDBC_URL", "jdbc:postgresql://h/db")));
        assertTrue(both.getMessage().startsWith("--keep-running, --port and --data-dir are for the embedded PostgreSQL"),
                both.getMessage());
    }

    /**
     * The embedded PostgreSQL itself: its JDBC URL is printed and, with {@code --keep-running}, it
     * answers on that URL after the migration until stopped; a second start on the same data
     * directory finds the versions applied. PostgreSQL refuses to run as root, so this is skipped there.
     */
    @Test
    void theEmbeddedDatabasePrintsItsUrlAndKeepsRunningWhenAsked() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "PostgreSQL does not run as root");
        Path data = work.resolve("embedded-postgres");
        Configuration config = Configuration.from(new String[] {"--data-dir=" + data, "--keep-running"}, Map.of());
        var looked = new ArrayList<String>();
        var out = new ByteArrayOutputStream();
        var printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = ServiceBootstrap.launch(config, printed, null, () -> {
            String url = group("Its JDBC URL: (\\S+)", out.toString(StandardCharsets.UTF_8));
            try (Connection c = DriverManager.getConnection(url); var st = c.createStatement();
                    ResultSet rs = st.executeQuery("select max(version) from driftless_history")) {
                rs.next();
                looked.add(rs.getString(1));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("2"), looked, "the database answered on the printed URL while it kept running");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("keeps running (--keep-running)"));
        String again = launch(Configuration.from(new String[] {"--data-dir=" + data}, Map.of()), null);
        assertTrue(again.contains("Nothing to apply: the database is already at version 2."), again);
    }
}
