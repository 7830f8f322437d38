package dev.driftless.introspect;

import dev.driftless.model.SchemaModel;
import java.util.List;

/**
 * The live schema as {@link PostgresIntrospector} reads it: the model (invalid indexes included,
 * since they exist and hold their names) and the issues a drift check reports beside its
 * differences.
 */
public record LiveSchema(SchemaModel model, List<SchemaIssue> issues) {

    public LiveSchema {
        issues = List.copyOf(issues);
    }

    /** The issues as seen against {@code expected}: an invalid index knows whether the model has one of its name. */
    public List<SchemaIssue> issuesAgainst(SchemaModel expected) {
        return issues.stream().map(i -> i instanceof SchemaIssue.InvalidIndex invalid
                ? invalid.modelled(expected.table(invalid.table())
                        .map(t -> t.indexes().stream().anyMatch(x -> x.name().equals(invalid.name()))).orElse(false))
                : i).toList();
    }
}
