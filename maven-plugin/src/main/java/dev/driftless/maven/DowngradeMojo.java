package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:downgrade -Ddriftless.to=-1}: reverts the applied versions above a version, or the last N. */
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DowngradeMojo extends DriftlessMojo {

    /** The version to downgrade to ({@code 0} reverts every version), or {@code -N} for the last N. */
    @Parameter(property = "driftless.to")
    String to;

    /** Print the statements instead of running them. */
    @Parameter(property = "driftless.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Also through irreversible versions and downs that discard the rows or values they drop. */
    @Parameter(property = "driftless.force", defaultValue = "false")
    boolean force;

    @Override
    String command() {
        return "downgrade";
    }

    @Override
    void options(List<String> args) throws MojoExecutionException {
        if (blank(to)) {
            throw new MojoExecutionException("driftless:downgrade needs driftless.to: a version (-Ddriftless.to=2,"
                    + " 0 reverts every version) or -N to revert the last N (-Ddriftless.to=-1)");
        }
        add(args, "--to", to);
        flag(args, "--dry-run", dryRun);
        flag(args, "--force", force);
    }
}
