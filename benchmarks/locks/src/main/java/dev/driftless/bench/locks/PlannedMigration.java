package dev.driftless.bench.locks;

import dev.driftless.history.FrozenVersion;
import dev.driftless.migrate.Migration;
import java.util.List;

/**
 * A planned version as a generated class presents it to the migrator. The first version stands for
 * the schema the benchmark built itself, so it is recorded without running anything.
 */
record PlannedMigration(FrozenVersion frozen, boolean alreadyThere) implements Migration {

    public int version() {
        return frozen.version();
    }

    public String description() {
        return frozen.name();
    }

    public String checksum() {
        return frozen.checksum();
    }

    public List<String> up() {
        return alreadyThere ? List.of() : frozen.allUp();
    }

    public List<String> down() {
        return frozen.allDown();
    }
}
