package dev.driftless.cli;

import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.SampleVersions;
import java.util.List;

/** The sample versions as an application's generated index, for command lines run as processes. */
public final class SampleIndex implements MigrationIndex {
    @Override
    public List<Migration> migrations() {
        return SampleVersions.all();
    }
}
