package dev.driftless.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn driftless:migrate}: applies the pending versions, up to {@code driftless.to} (a version,
 * or {@code +N} for the next N); with {@code driftless.schemas} or {@code driftless.schemasFrom}, every
 * tenant schema, {@code driftless.parallel} at a time, failing the build when any tenant failed.
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class MigrateMojo extends DriftlessMojo {

    /** The version to migrate to ({@code 3}), or {@code +N}; by default the latest. */
    @Parameter(property = "driftless.to")
    String to;

    /** Print the statements instead of running them. */
    @Parameter(property = "driftless.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Tenants: the schemas to migrate, separated by commas. */
    @Parameter(property = "driftless.schemas")
    String schemas;

    /** Tenants: a file with one schema a line, or a query (SELECT ...) whose first column names them. */
    @Parameter(property = "driftless.schemasFrom")
    String schemasFrom;

    /** Tenants: how many to migrate at a time (default 4). */
    @Parameter(property = "driftless.parallel")
    Integer parallel;

    @Override
    String command() {
        return "migrate";
    }

    @Override
    void options(List<String> args) {
        add(args, "--to", to);
        flag(args, "--dry-run", dryRun);
        add(args, "--schemas", schemas);
        add(args, "--schemas-from", schemasFrom);
        add(args, "--parallel", parallel == null ? null : parallel.toString());
    }
}
