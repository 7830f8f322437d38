package dev.driftless.diff;

import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.EnumType;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the enum types of two models differ. A type whose old values all stay, in their order, only
 * gains values ({@code ALTER TYPE ... ADD VALUE}); any other change re-creates it, because
 * PostgreSQL can neither drop nor reorder the values of an enum type.
 */
record EnumChanges(List<EnumType> created, List<EnumType> dropped, Map<EnumType, EnumType> changed) {

    static EnumChanges of(SchemaModel from, SchemaModel to) {
        var created = new ArrayList<EnumType>();
        var changed = new LinkedHashMap<EnumType, EnumType>();
        for (EnumType e : to.enumTypes()) {
            from.enumType(e.name()).ifPresentOrElse(
                    before -> {
                        if (!before.equals(e)) {
                            changed.put(before, e);
                        }
                    },
                    () -> created.add(e));
        }
        var dropped = from.enumTypes().stream().filter(e -> to.enumType(e.name()).isEmpty()).toList();
        return new EnumChanges(List.copyOf(created), dropped, changed);
    }

    /** Whether a column of this table has a type that is re-created, so the table's views must be rebuilt. */
    boolean reshapes(Table table) {
        return changed.entrySet().stream()
                .filter(e -> !onlyAdds(e.getKey(), e.getValue()))
                .anyMatch(e -> table.columns().stream().anyMatch(c -> uses(c.type(), e.getKey().name())));
    }

    /**
     * The operations for the changed types.
     *
     * @param tables the tables as they are when the operations run, with the columns that stay
     * @param tablesAfter the tables as the version leaves them, by name
     */
    List<Operation> changes(List<Table> tables, Function<QualifiedName, Table> tablesAfter) {
        var ops = new ArrayList<Operation>();
        changed.forEach((before, after) -> {
            if (onlyAdds(before, after)) {
                List<String> values = after.values();
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    if (!before.values().contains(v)) {
                        String next = values.subList(i + 1, values.size()).stream()
                                .filter(before.values()::contains).findFirst().orElse(null);
                        ops.add(new Operation.AddEnumValue(after.name(), v, next,
                                next == null && i > 0 ? values.get(i - 1) : null));
                    }
                }
            } else {
                var columns = new ArrayList<Operation.EnumColumn>();
                for (Table t : tables) {
                    for (Column c : t.columns()) {
                        if (uses(c.type(), before.name())) {
                            // The re-created type may lack the value the default names: the column gets
                            // the default it has after the version when its type stays.
                            Column later = tablesAfter.apply(t.name()).column(c.name()).orElseThrow();
                            columns.add(new Operation.EnumColumn(t.name(), c.name(), c.defaultExpression(),
                                    later.type().equals(c.type()) ? later.defaultExpression() : c.defaultExpression()));
                        }
                    }
                }
                ops.add(new Operation.ReplaceEnumType(before, after, columns));
            }
        });
        return ops;
    }

    /** Whether every value of {@code before} is in {@code after}, in the same order. */
    private static boolean onlyAdds(EnumType before, EnumType after) {
        return after.values().stream().filter(before.values()::contains).toList().equals(before.values());
    }

    /** Whether a column type names the enum type (quoted or not). */
    static boolean uses(ColumnType type, QualifiedName enumType) {
        return type.sql().replace("\"", "").equals(enumType.toString());
    }

    static List<Table> surviving(Map<QualifiedName, Table> before, Function<QualifiedName, Table> after) {
        var out = new ArrayList<Table>();
        before.forEach((name, t) -> {
            Table a = after.apply(name);
            if (a != null) {
                out.add(new Table(t.name(), t.columns().stream().filter(c -> a.column(c.name()).isPresent()).toList(),
                        null, List.of(), List.of(), List.of(), null));
            }
        });
        return out;
    }
}
