package dev.driftless.history;

import dev.driftless.model.SchemaModel;
import java.util.Objects;

/** The schema model as of a frozen version; version 0 is the empty database before any version. */
public record Snapshot(int version, SchemaModel model) {

    public static final Snapshot EMPTY = new Snapshot(0, SchemaModel.EMPTY);

    public Snapshot {
        Objects.requireNonNull(model, "model");
        if (version < 0) {
            throw new IllegalArgumentException("negative version " + version);
        }
    }
}
