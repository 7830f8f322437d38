package dev.driftless.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:sql -Ddriftless.from=0 -Ddriftless.to=3}: the offline script between two versions (no database). */
@Mojo(name = "sql", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class SqlMojo extends DriftlessMojo {

    /** The version the database is at. */
    @Parameter(property = "driftless.from", required = true)
    String from;

    /** The version the script takes it to. */
    @Parameter(property = "driftless.to", required = true)
    String to;

    /** Write the script without the check that a downgrade's drops discard no data. */
    @Parameter(property = "driftless.force", defaultValue = "false")
    boolean force;

    /** The file to write the script to; by default it is logged. */
    @Parameter(property = "driftless.output")
    File output;

    @Override
    String command() {
        return "sql";
    }

    @Override
    boolean connects() {
        return false;
    }

    @Override
    void options(List<String> args) {
        add(args, "--from", from);
        add(args, "--to", to);
        flag(args, "--force", force);
    }

    @Override
    PrintStream report() throws MojoExecutionException {
        if (output == null) {
            return super.report();
        }
        try {
            File dir = output.getAbsoluteFile().getParentFile();
            Files.createDirectories(dir.toPath());
            getLog().info("writing the script to " + output);
            return new PrintStream(Files.newOutputStream(output.toPath()), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
