package dev.driftless.bench;

import dev.driftless.history.FrozenVersion;
import dev.driftless.migrate.Migration;
import java.util.List;

/**
 * A frozen version as a generated class presents it to the migrator, for runs that plan in memory:
 * its statements and checksum computed once, as the generated class holds them in constants.
 */
record FrozenMigration(int version, String description, String checksum, List<String> up, List<String> down)
        implements Migration {

    FrozenMigration(FrozenVersion frozen) {
        this(frozen.version(), frozen.name(), frozen.checksum(), List.copyOf(frozen.allUp()),
                List.copyOf(frozen.allDown()));
    }
}
