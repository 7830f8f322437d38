package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:check}: compares the live schema with the snapshot of its version; drift fails the build. */
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends DriftlessMojo {

    /** A snapshot.driftless to compare with instead of the application's. */
    @Parameter(property = "driftless.snapshot")
    String snapshot;

    /** Print the report as one JSON object. */
    @Parameter(property = "driftless.json", defaultValue = "false")
    boolean json;

    @Override
    String command() {
        return "check";
    }

    @Override
    void options(List<String> args) {
        add(args, "--snapshot", snapshot);
        flag(args, "--json", json);
    }
}
