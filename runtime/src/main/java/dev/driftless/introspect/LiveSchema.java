package dev.driftless.introspect;

import dev.driftless.model.Index;
import dev.driftless.model.SchemaModel;
import java.util.List;
import java.util.Optional;

/**
 * The live schema as {@link PostgresIntrospector} reads it: the model (invalid indexes included,
 * since they exist and hold their names) and the issues a drift check reports beside its
 * differences.
 */
public record LiveSchema(SchemaModel model, List<SchemaIssue> issues) {

    public LiveSchema {
        issues = List.copyOf(issues);
    }

    /**
     * The issues as seen against {@code expected}: an invalid index knows whether the model has this
     * very index (its name, columns and uniqueness), which a rebuild makes valid; any other is to be dropped.
     */
    public List<SchemaIssue> issuesAgainst(SchemaModel expected) {
        return issues.stream().map(i -> i instanceof SchemaIssue.InvalidIndex invalid
                ? invalid.modelled(index(expected, invalid).isPresent() && index(expected, invalid).equals(index(model, invalid)))
                : i).toList();
    }

    private static Optional<Index> index(SchemaModel in, SchemaIssue.InvalidIndex invalid) {
        return in.table(invalid.table()).flatMap(t -> t.indexes().stream()
                .filter(x -> x.name().equals(invalid.name())).findFirst());
    }
}
