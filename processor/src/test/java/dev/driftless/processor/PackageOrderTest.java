package dev.driftless.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.testing.PackageOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The processor's packages refer to each other in one direction only (ARCHITECTURE.md, "Package order"). */
class PackageOrderTest {

    /** Bottom first: the diagnostics, the readers, the history directory and the code generation, the shell. */
    static final PackageOrder PROCESSOR = new PackageOrder(List.of(
            Set.of("processor.diagnostics"),
            Set.of("processor.jpa", "processor.views"),
            Set.of("processor.history", "processor.codegen"),
            Set.of("processor")),
            // The runtime, which the processor depends on.
            Set.of("sql", "model", "annotations", "diff", "history", "plan", "docs", "introspect", "migrate", "cli"));

    @Test
    void theProcessorsPackagesFollowTheOrder() throws IOException {
        assertEquals(List.of(), PROCESSOR.check(Path.of("src", "main", "java")));
    }
}
