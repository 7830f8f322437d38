package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code mvn driftless:baseline}: records a database Driftless did not build as being at the snapshot's version. */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class BaselineMojo extends DriftlessMojo {

    /** A snapshot.driftless of another version than the application's latest. */
    @Parameter(property = "driftless.snapshot")
    String snapshot;

    /** Record it even though the schema differs from the snapshot. */
    @Parameter(property = "driftless.force", defaultValue = "false")
    boolean force;

    /**
     * First rename, in the same transaction, every constraint and index that differs from the
     * snapshot only in its name (Hibernate's {@code FK<hash>}, a hand-written name) to the snapshot's name.
     */
    @Parameter(property = "driftless.alignNames", defaultValue = "false")
    boolean alignNames;

    @Override
    String command() {
        return "baseline";
    }

    @Override
    void options(List<String> args) {
        add(args, "--snapshot", snapshot);
        flag(args, "--force", force);
        flag(args, "--align-names", alignNames);
    }
}
