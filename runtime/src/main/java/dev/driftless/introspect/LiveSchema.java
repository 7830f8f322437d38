package dev.driftless.introspect;

import dev.driftless.model.Index;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
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

    /**
     * The model without the invalid indexes: what the schema is once they are dropped, which is what
     * a cleanup that drops them first plans from (an index the expected model has is then built anew).
     */
    public SchemaModel withoutInvalidIndexes() {
        var invalid = issues.stream().filter(SchemaIssue.InvalidIndex.class::isInstance)
                .map(SchemaIssue.InvalidIndex.class::cast).toList();
        if (invalid.isEmpty()) {
            return model;
        }
        return model.withTables(model.tables().stream().map(t -> new Table(t.name(), t.columns(), t.primaryKey(),
                t.uniqueConstraints(), t.indexes().stream().filter(x -> invalid.stream().noneMatch(
                        i -> i.table().equals(t.name()) && i.name().equals(x.name()))).toList(),
                t.foreignKeys(), t.checks(), t.comment())).toList()).withViews(model.views().stream()
                .map(v -> new dev.driftless.model.View(v.name(), v.query(), v.materialized(), v.indexes().stream()
                        .filter(x -> invalid.stream().noneMatch(i -> i.table().equals(v.name())
                                && i.name().equals(x.name()))).toList())).toList());
    }

    private static Optional<Index> index(SchemaModel in, SchemaIssue.InvalidIndex invalid) {
        // On a table, or on a materialized view.
        List<Index> indexes = in.table(invalid.table()).map(Table::indexes)
                .or(() -> in.view(invalid.table()).map(dev.driftless.model.View::indexes)).orElse(List.of());
        return indexes.stream().filter(x -> x.name().equals(invalid.name())).findFirst();
    }
}
