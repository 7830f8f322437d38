package dev.driftless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.testing.PackageOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's packages refer to each other in one direction only (ARCHITECTURE.md, "Package order"). */
class PackageOrderTest {

    /** Bottom first. {@code sql} (SQL text: quoting, literals, the lexer) refers to no other package. */
    static final PackageOrder RUNTIME = new PackageOrder(List.of(
            Set.of("sql"),
            Set.of("model", "annotations"),
            Set.of("diff", "history"),
            Set.of("plan", "docs"),
            Set.of("introspect"),
            Set.of("migrate"),
            Set.of("cli")), Set.of());

    @Test
    void theRuntimesPackagesFollowTheOrder() throws IOException {
        assertEquals(List.of(), RUNTIME.check(Path.of("src", "main", "java")));
    }

    @Test
    void aReferenceAgainstTheOrderIsFound(@TempDir Path root) throws IOException {
        write(root, "model/Table.java", """
                package dev.driftless.model;
                import dev.driftless.model.Column;
                // dev.driftless.migrate.Migrator in a comment, and in a string, is no reference:
                class Table { String s = "dev.driftless.cli.DriftlessCli"; String t = \"""
                    dev.driftless.plan.PostgresPlanner
                    \"""; }
                """);
        write(root, "diff/Diff.java", """
                package dev.driftless.diff;
                import static dev.driftless.plan.PostgresPlanner.plan;
                class Diff { dev.driftless.history.History h; dev.driftless.model.Table t; }
                """);
        write(root, "gone/Gone.java", "package dev.driftless.gone;\nclass Gone {}\n");
        List<String> found = RUNTIME.check(root).stream().map(v -> v.from() + " -> " + v.to() + ": " + v.why()).toList();
        assertEquals(List.of(
                "diff -> history: same layer: peers are independent",
                "diff -> plan: upwards: plan is above diff",
                "gone -> gone: package not placed in the order"), found);
    }

    private static void write(Path root, String file, String content) throws IOException {
        Path p = root.resolve("dev/driftless").resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
