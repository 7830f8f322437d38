package dev.driftless.maven;

import dev.driftless.cli.DriftlessCli;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:status}: the database's version and what is pending. */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StatusMojo extends DriftlessMojo {

    /** Fail the build when versions are pending (the command line's exit 4); by default it only reports them. */
    @Parameter(property = "driftless.failIfPending", defaultValue = "false")
    boolean failIfPending;

    @Override
    String command() {
        return "status";
    }

    @Override
    void options(List<String> args) {}

    @Override
    boolean succeeded(int exit) {
        return exit == DriftlessCli.OK || exit == DriftlessCli.PENDING && !failIfPending;
    }
}
