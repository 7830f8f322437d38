package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock lint: a warning on every draft, an error at freeze under {@code lockLint=fail} unless accepted. */
class LockLintTest {

    @TempDir
    Path history;

    private Compilation compile(String field, String... options) {
        var all = new ArrayList<String>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all)
                .compile(MigrationStepTest.datasource("jakarta", field));
    }

    @Test
    void aRewritingTypeChangeIsNamedAndFailsAStrictFreezeUntilAccepted() {
        assertThat(compile("@Column(name = \"readings\") Integer readings;", "-Adriftless.freeze=initial")).succeeded();
        String wider = "@Column(name = \"readings\") Long readings;";

        Compilation draft = compile(wider);
        assertThat(draft).succeeded();
        assertThat(draft).hadWarningContaining("[DL208] Version 2 has a step that stops a busy table: change type of"
                + " datasource.readings from integer to bigint: takes ACCESS EXCLUSIVE and rewrites the whole table");

        Compilation strict = compile(wider, "-Adriftless.freeze=wider", "-Adriftless.lockLint=fail");
        assertThat(strict).hadErrorContaining("[DL209] Version 2 was not frozen");
        assertFalse(Files.exists(history.resolve("V0002__wider.sql")));

        assertThat(compile(wider, "-Adriftless.freeze=wider", "-Adriftless.lockLint=fail",
                "-Adriftless.acceptLocks=true")).succeeded();
        assertTrue(Files.exists(history.resolve("V0002__wider.sql")));
    }

    @Test
    void safeChangesPassAStrictFreeze() {
        assertThat(compile("", "-Adriftless.freeze=initial")).succeeded();
        Compilation c = compile("@Column(name = \"vendor\", length = 80) String vendor;", "-Adriftless.freeze=vendor",
                "-Adriftless.lockLint=fail");
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(0);
    }
}
