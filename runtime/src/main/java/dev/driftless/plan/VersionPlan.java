package dev.driftless.plan;

import dev.driftless.diff.OnlineRenames;
import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.model.SchemaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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

    /**
     * A planned version with the operations it was planned from, for checks and notes, and the
     * model it reaches: the snapshot to freeze with it. That is the model asked for, plus what the
     * online renames under way keep ({@link OnlineRenames}).
     */
    public record Planned(FrozenVersion version, List<Operation> operations, SchemaModel reached) {
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
        return plan(history, model, name, renames, HandWrittenSteps.NONE);
    }

    /**
     * The next version with hand-written steps around its generated statements; a version of
     * hand-written steps only when the model did not change, and empty when neither did. Its
     * steps that discard data (and the reasons the steps give) make it irreversible.
     *
     * @throws IllegalArgumentException when a rename declared online cannot be done online, or a
     *     fill of the steps cannot be planned ({@link PostgresPlanner#checkFills})
     */
    public static Optional<Planned> plan(History history, SchemaModel model, String name, Renames renames,
            HandWrittenSteps steps) {
        SchemaModel before = history.snapshot().model();
        SchemaModel target = OnlineRenames.target(before, model, renames);
        List<Operation> up = SchemaDiff.between(before, target, renames.inPlace());
        if (up.isEmpty() && steps.isEmpty()) {
            return Optional.empty();
        }
        List<String> unplannable = PostgresPlanner.checkFills(up, steps.fills());
        if (!unplannable.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unplannable));
        }
        List<Operation> down = SchemaDiff.between(target, before, renames.inverse());
        var operations = new ArrayList<String>();
        steps.before().forEach(s -> operations.add("hand-written step before: " + excerpt(s)));
        for (Operation o : up) {
            operations.add(o.describe());
            if (o instanceof Operation.AddColumn add && PostgresPlanner.fillOf(steps.fills(), add) != null) {
                operations.add(excerpt(PostgresPlanner.fillOf(steps.fills(), add).describe()));
            }
        }
        steps.after().forEach(s -> operations.add("hand-written step after: " + excerpt(s)));
        var irreversible = new ArrayList<String>();
        up.stream().filter(Operation::destructive).forEach(o -> irreversible.add(o.describe()));
        irreversible.addAll(steps.irreversible());
        return Optional.of(new Planned(new FrozenVersion(
                history.lastVersion() + 1,
                name,
                history.headChecksum(),
                operations,
                PostgresPlanner.statements(up, steps.fills()),
                PostgresPlanner.statements(down),
                steps.withoutFills(),
                irreversible,
                new TreeMap<>()), up, target));
    }

    /**
     * A squash: the version that replaces every version of the history for new databases; it builds the last
     * snapshot from nothing, runs the given hand-written steps (seed data still wanted), and keeps
     * the checksums of the versions it replaces so that databases that applied them stay valid.
     */
    public static FrozenVersion squash(History history, String name, HandWrittenSteps steps) {
        if (history.versions().isEmpty()) {
            throw new IllegalArgumentException("there is no frozen version to squash");
        }
        if (!steps.fills().isEmpty()) {
            throw new IllegalArgumentException("a squash builds new databases, whose tables have no rows to fill: remove"
                    + " the " + HandWrittenSteps.FILL + " sections from " + HandWrittenSteps.FILE_NAME);
        }
        SchemaModel model = history.snapshot().model();
        List<Operation> up = SchemaDiff.between(SchemaModel.EMPTY, model);
        var squashed = new TreeMap<Integer, String>();
        for (FrozenVersion v : history.versions()) {
            squashed.putAll(v.squashed());
            // A database made from an earlier squash recorded the squash's checksum for its version.
            squashed.put(v.version(), v.isSquash() ? v.squashed().get(v.version()) + "," + v.checksum() : v.checksum());
        }
        var operations = new ArrayList<String>();
        operations.add("squash: versions " + squashed.firstKey() + " to " + squashed.lastKey() + " squashed");
        steps.before().forEach(s -> operations.add("hand-written step before: " + excerpt(s)));
        up.forEach(o -> operations.add(o.describe()));
        steps.after().forEach(s -> operations.add("hand-written step after: " + excerpt(s)));
        return new FrozenVersion(history.lastVersion(), name, FrozenVersion.NO_PARENT, operations,
                PostgresPlanner.statements(up), PostgresPlanner.statements(SchemaDiff.between(model, SchemaModel.EMPTY)),
                steps, steps.irreversible(), squashed);
    }

    private static String excerpt(String statement) {
        String line = statement.strip().replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
