package dev.driftless.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.lang.model.SourceVersion;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The processor's tests run on the JDK the build names: a run asked to use another JDK (the jdk25
 * profile sets {@code driftless.test.javaFeature}) really does, with that JDK's javac.
 */
class JavaVersionTest {

    @Test
    void theTestsRunOnTheJdkTheBuildAskedFor() {
        String expected = System.getProperty("driftless.test.javaFeature", "");
        assumeTrue(!expected.isEmpty(), "no particular JDK asked for");
        assertEquals(Integer.parseInt(expected), Runtime.version().feature());
        assertEquals(SourceVersion.latest(), new DriftlessProcessor().getSupportedSourceVersion());
        assertEquals(Integer.parseInt(expected), SourceVersion.latest().ordinal(),
                "the javac compile-testing runs is this JDK's: " + ToolProvider.getSystemJavaCompiler());
    }
}
