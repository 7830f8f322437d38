package dev.driftless.plan;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.model.SchemaModel;
import java.util.List;
import java.util.Optional;

/** Plans the next version: what it would take to bring the last frozen snapshot to the model. */
public final class VersionPlan {

    private VersionPlan() {}

    /**
     * The next version on top of {@code history}, or empty when the model equals the last snapshot.
     *
     * @param name the version's name, as given to freeze ({@code draft} before it is frozen)
     */
    public static Optional<FrozenVersion> next(History history, SchemaModel model, String name) {
        return next(history, model, name, Renames.NONE);
    }

    /** The next version, with the model's declared renames done as renames, both ways. */
    public static Optional<FrozenVersion> next(History history, SchemaModel model, String name, Renames renames) {
        return plan(history, model, name, renames).map(Planned::version);
    }

    /** A planned version with the operations it was planned from, for checks and notes. */
    public record Planned(FrozenVersion version, List<Operation> operations) {
        public Planned {
            operations = List.copyOf(operations);
        }

        /** The operations that can discard data: dropped tables and columns, changed types. */
        public List<Operation> destructive() {
            return operations.stream().filter(Operation::destructive).toList();
        }
    }

    /** Like {@link #next(History, SchemaModel, String, Renames)}, keeping the operations. */
    public static Optional<Planned> plan(History history, SchemaModel model, String name, Renames renames) {
        SchemaModel before = history.snapshot().model();
        List<Operation> up = SchemaDiff.between(before, model, renames);
        if (up.isEmpty()) {
            return Optional.empty();
        }
        List<Operation> down = SchemaDiff.between(model, before, renames.inverse());
        return Optional.of(new Planned(new FrozenVersion(
                history.lastVersion() + 1,
                name,
                history.headChecksum(),
                up.stream().map(Operation::describe).toList(),
                PostgresPlanner.statements(up),
                PostgresPlanner.statements(down)), up));
    }
}
