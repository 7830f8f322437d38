package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:repair}: clears the records of failed attempts, once their cause is fixed. */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RepairMojo extends DriftlessMojo {

    /** Also when undoing a version the code no longer has discards data. */
    @Parameter(property = "driftless.force", defaultValue = "false")
    boolean force;

    @Override
    String command() {
        return "repair";
    }

    @Override
    void options(List<String> args) {
        flag(args, "--force", force);
    }
}
