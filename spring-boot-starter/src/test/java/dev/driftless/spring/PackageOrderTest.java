package dev.driftless.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.testing.PackageOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The starter is one package on top of the runtime's migrator (ARCHITECTURE.md, "Package order"). */
class PackageOrderTest {

    /** The runtime's packages the starter may use: not the CLI, which is a shell of its own. */
    static final PackageOrder STARTER = new PackageOrder(List.of(Set.of("spring")),
            Set.of("sql", "model", "annotations", "diff", "history", "plan", "introspect", "migrate"));

    @Test
    void theStarterUsesTheRuntimeBelowTheCli() throws IOException {
        assertEquals(List.of(), STARTER.check(Path.of("src", "main", "java")));
    }
}
