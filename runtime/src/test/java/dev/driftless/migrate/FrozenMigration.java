package dev.driftless.migrate;

import dev.driftless.history.FrozenVersion;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** A frozen version as the generated class presents it, for tests without the processor. */
public record FrozenMigration(FrozenVersion frozen, Map<String, JavaStep> javaSteps) implements Migration {

    public FrozenMigration(FrozenVersion frozen) {
        this(frozen, Map.of());
    }

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

    public List<String> irreversible() {
        return frozen.irreversible();
    }

    public SortedMap<Integer, String> squashed() {
        return frozen.squashed();
    }

    public JavaStep javaStep(String className) {
        JavaStep step = javaSteps.get(className);
        return step != null ? step : Migration.super.javaStep(className);
    }
}
