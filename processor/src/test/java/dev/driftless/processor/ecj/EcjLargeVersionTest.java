package dev.driftless.processor.ecj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.processor.codegen.MigrationSources;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sources of versions too big for one method or one string constant compile under the Eclipse
 * compiler too, whose limits and type inference differ from javac's.
 */
class EcjLargeVersionTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manyStatementsLongStringsABigSquashAndALongIndexCompileUnderEcj() throws IOException,
            ReflectiveOperationException {
        var up = new ArrayList<String>();
        var down = new ArrayList<String>();
        for (int i = 0; i < 6_000; i++) {
            up.add(String.format("CREATE TABLE station_%04d (id bigint NOT NULL)", i));
            up.add(String.format("CREATE INDEX station_%04d_id_idx ON station_%1$04d (id)", i));
            down.add(String.format("DROP TABLE station_%04d", i));
        }
        up.add("COMMENT ON TABLE station_0000 IS '" + "\uD83C\uDF21".repeat(40_000) + "'");
        var versions = new ArrayList<FrozenVersion>();
        versions.add(new FrozenVersion(1, "stations", FrozenVersion.NO_PARENT, List.of(), up, down));
        for (int v = 2; v <= 600; v++) {
            versions.add(new FrozenVersion(v, "step_" + v, FrozenVersion.NO_PARENT, List.of(), List.of(), List.of()));
        }
        var squashed = new TreeMap<Integer, String>();
        var irreversible = new ArrayList<String>();
        for (int v = 1; v <= 3_000; v++) {
            squashed.put(v, String.format("sha256:%064x", v));
            irreversible.add("dropping station_" + v + " loses its rows");
        }
        versions.add(new FrozenVersion(3_000, "squashed", FrozenVersion.NO_PARENT, List.of(), List.of(), List.of(),
                HandWrittenSteps.NONE, irreversible, squashed));

        var sources = new LinkedHashMap<String, String>();
        for (JavaFile f : MigrationSources.of("big.migrations", versions)) {
            sources.put("big/migrations/" + f.typeSpec().name() + ".java", f.toString());
        }
        Ecj.Result r = Ecj.compile(tmp, sources, List.of("-proc:none"), List.of());
        assertTrue(r.succeeded(), r.log());

        try (var loader = new URLClassLoader(new URL[] {r.classes().toUri().toURL()}, getClass().getClassLoader())) {
            List<Migration> loaded = ((MigrationIndex) loader.loadClass("big.migrations." + MigrationSources.INDEX_CLASS)
                    .getConstructor().newInstance()).migrations();
            assertEquals(versions.size(), loaded.size());
            for (int i = 0; i < versions.size(); i += 97) {
                assertEquals(versions.get(i).version(), loaded.get(i).version());
            }
            assertEquals(up, loaded.get(0).up());
            assertEquals(down, loaded.get(0).down());
            Migration squash = loaded.get(loaded.size() - 1);
            assertEquals(squashed, squash.squashed());
            assertEquals(irreversible, squash.irreversible());
        }
    }
}
