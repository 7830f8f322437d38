package dev.driftless.processor.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import dev.driftless.history.FrozenVersion;
import dev.driftless.migrate.AppliedVersion;
import dev.driftless.migrate.InvalidHistoryException;
import dev.driftless.migrate.MigrateResult;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.processor.CompiledClassLoader;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated index lists each version with its number, description and checksum, and its class
 * is loaded only when its statements are needed; the checksum the runtime compares is the one of
 * before, so an edited version is still refused, and an index and version classes of different
 * builds are refused when a version must run.
 */
class IndexedVersionTest {

    private static final String PACKAGE = "lazy.migrations";
    private static final FrozenVersion METER = new FrozenVersion(1, "meter", FrozenVersion.NO_PARENT, List.of(),
            List.of("CREATE TABLE meter (id bigint PRIMARY KEY)"), List.of("DROP TABLE meter"));
    private static final FrozenVersion SERIAL = new FrozenVersion(2, "meter_serial", METER.checksum(), List.of(),
            List.of("ALTER TABLE meter ADD COLUMN serial text"), List.of("ALTER TABLE meter DROP COLUMN serial"));
    /** Version 2 as an edited build has it: other statements, so another checksum. */
    private static final FrozenVersion SERIAL_EDITED = new FrozenVersion(2, "meter_serial", METER.checksum(),
            List.of(), List.of("ALTER TABLE meter ADD COLUMN serial varchar(40)"),
            List.of("ALTER TABLE meter DROP COLUMN serial"));

    private record Build(CompiledClassLoader loader, List<Migration> migrations) {
        boolean loaded(FrozenVersion version) {
            return loader.defined(PACKAGE + "." + MigrationSources.className(version));
        }
    }

    private static Compilation compile(List<JavaFile> files) {
        Compilation c = Compiler.javac().compile(files.stream().map(JavaFile::toJavaFileObject).toList());
        assertThat(c).succeededWithoutWarnings();
        return c;
    }

    /** A fresh class loader of the compilation, as a new JVM would have, and the versions its index lists. */
    private static Build load(Compilation c) throws ReflectiveOperationException {
        var loader = new CompiledClassLoader(c, IndexedVersionTest.class.getClassLoader());
        var index = (MigrationIndex) loader.loadClass(PACKAGE + "." + MigrationSources.INDEX_CLASS)
                .getConstructor().newInstance();
        return new Build(loader, index.migrations());
    }

    @Test
    void aVersionClassIsLoadedOnlyWhenItRuns() throws Exception {
        Compilation both = compile(MigrationSources.of(PACKAGE, List.of(METER, SERIAL)));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Build first = load(compile(MigrationSources.of(PACKAGE, List.of(METER))));
            Migrator.builder(db.dataSource()).migrations(first.migrations()).build().migrate();

            Build next = load(both);
            assertEquals(List.of(1, 2), next.migrations().stream().map(Migration::version).toList());
            assertEquals(List.of(METER.checksum(), SERIAL.checksum()),
                    next.migrations().stream().map(Migration::checksum).toList(), "the checksums of the classes");
            assertFalse(next.loaded(METER) || next.loaded(SERIAL), "listing the versions loads no version class");
            MigrateResult result = Migrator.builder(db.dataSource()).migrations(next.migrations()).build().migrate();
            assertEquals(List.of(2), result.applied().stream().map(AppliedVersion::version).toList());
            assertFalse(next.loaded(METER), "version 1 did not run");
            assertTrue(next.loaded(SERIAL), "version 2 ran");

            Build idle = load(both);
            assertTrue(Migrator.builder(db.dataSource()).migrations(idle.migrations()).build().migrate().upToDate());
            assertFalse(idle.loaded(METER) || idle.loaded(SERIAL), "a start with nothing to do loads no version class");

            // The same statements as the class, through the index entry.
            assertEquals(SERIAL.allUp(), idle.migrations().get(1).up());
            assertTrue(idle.loaded(SERIAL));
        }
    }

    @Test
    void anEditedVersionIsStillRefused() throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Build original = load(compile(MigrationSources.of(PACKAGE, List.of(METER, SERIAL))));
            Migrator.builder(db.dataSource()).migrations(original.migrations()).build().migrate();

            Build edited = load(compile(MigrationSources.of(PACKAGE, List.of(METER, SERIAL_EDITED))));
            var refused = assertThrows(InvalidHistoryException.class,
                    () -> Migrator.builder(db.dataSource()).migrations(edited.migrations()).build().migrate());

            assertTrue(refused.getMessage().contains("version 2 (meter_serial) was applied with checksum "
                    + SERIAL.checksum() + " but the code has " + SERIAL_EDITED.checksum()
                    + ": a frozen version was changed"), refused.getMessage());
            assertFalse(edited.loaded(METER) || edited.loaded(SERIAL_EDITED));
        }
    }

    @Test
    void anIndexAndVersionClassesOfDifferentBuildsAreRefusedWhenAVersionRuns() throws Exception {
        // The index of the edited build beside the version classes of the original one.
        List<JavaFile> original = MigrationSources.of(PACKAGE, List.of(METER, SERIAL));
        List<JavaFile> edited = MigrationSources.of(PACKAGE, List.of(METER, SERIAL_EDITED));
        var mixed = new ArrayList<>(original.subList(0, 2));
        mixed.add(edited.get(2));
        Build build = load(compile(mixed));
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            Migrator.builder(db.dataSource()).migrations(build.migrations().subList(0, 1)).build().migrate();

            var refused = assertThrows(MigrationException.class,
                    () -> Migrator.builder(db.dataSource()).migrations(build.migrations()).build().migrate());

            assertTrue(refused.getMessage().contains("the migration index lists version 2 (meter_serial) with checksum "
                    + SERIAL_EDITED.checksum() + ", but its class " + PACKAGE + ".V0002_MeterSerial is version 2"
                    + " (meter_serial) with checksum " + SERIAL.checksum() + ": the index and the version classes"
                    + " come from different builds"), refused.getMessage());
            assertEquals(List.of("1"), db.strings("select version from driftless_history order by 1"),
                    "nothing of version 2 ran");
        }
    }
}
