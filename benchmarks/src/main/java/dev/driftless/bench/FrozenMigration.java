package dev.driftless.bench;

import dev.driftless.history.FrozenVersion;
import dev.driftless.migrate.Migration;
import java.util.List;

/** A frozen version as a generated class presents it to the migrator, for runs that plan in memory. */
record FrozenMigration(FrozenVersion frozen) implements Migration {

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
        return frozen.allUp();
    }

    public List<String> down() {
        return frozen.allDown();
    }
}
