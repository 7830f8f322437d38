package dev.driftless.evolution;

import dev.driftless.history.FrozenVersion;
import dev.driftless.migrate.Migration;
import java.util.List;

/** A frozen version as the migrator sees it: what the processor's generated class does, without generating it. */
record FrozenMigration(FrozenVersion frozen) implements Migration {

    @Override
    public int version() {
        return frozen.version();
    }

    @Override
    public String description() {
        return frozen.name();
    }

    @Override
    public String checksum() {
        return frozen.checksum();
    }

    @Override
    public List<String> up() {
        return frozen.up();
    }

    @Override
    public List<String> down() {
        return frozen.down();
    }
}
