package dev.driftless.bench;

import dev.driftless.bench.ModelSpec.Entity;
import dev.driftless.bench.ModelSpec.Field;
import dev.driftless.bench.ModelSpec.FieldType;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schema the processor reads from the entities {@link EntitySources} writes for a spec. The one
 * place the benchmarks build model records: when a record gains a component, only this class changes.
 * The harness checks the claim: it compiles the sources with {@code -Adriftless.check=true} against
 * a history whose snapshot came from here, which fails on any difference.
 */
final class SchemaFactory {

    private SchemaFactory() {}

    static SchemaModel model(ModelSpec spec) {
        Map<String, String> tables = spec.entities().stream()
                .collect(Collectors.toMap(Entity::className, Entity::table));
        return new SchemaModel(spec.entities().stream().map(e -> table(e, tables::get)).toList(), List.of());
    }

    private static Table table(Entity entity, Function<String, String> tableOf) {
        String name = entity.table();
        List<Column> columns = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        for (Field f : entity.fields()) {
            if (f.type() == FieldType.ENUM) {
                // The check Hibernate 6+ (and so the processor) gives a STRING enum column.
                checks.add(new CheckConstraint(name + "_" + f.column() + "_check", f.column() + " in ("
                        + EntitySources.ENUM_VALUES.stream().map(v -> "'" + v + "'").collect(Collectors.joining(","))
                        + ")"));
            }
            columns.add(new Column(f.column(), ColumnType.of(sqlType(f)), f.nullable(), null,
                    f.type() == FieldType.ID ? Identity.BY_DEFAULT : Identity.NONE, null));
            if (f.unique()) {
                uniques.add(new UniqueConstraint(name + "_" + f.column() + "_key", List.of(f.column())));
            }
            if (f.type() == FieldType.MANY_TO_ONE) {
                foreignKeys.add(new ForeignKey(name + "_" + f.column() + "_fkey", List.of(f.column()),
                        QualifiedName.of(tableOf.apply(f.target())), List.of("id"), ReferentialAction.NO_ACTION));
            }
        }
        List<Index> indexes = entity.indexes().stream()
                .map(i -> new Index(i.name(), i.columns().stream().map(IndexColumn::asc).toList(), false))
                .toList();
        return new Table(QualifiedName.of(name), columns, new PrimaryKey(name + "_pkey", List.of("id")), uniques,
                indexes, foreignKeys, checks, null);
    }

    /** The PostgreSQL type of a field, as Hibernate maps its Java type. */
    static String sqlType(Field f) {
        return switch (f.type()) {
            case ID, MANY_TO_ONE -> "bigint";
            case STRING, ENUM -> "character varying(" + f.length() + ")";
            case INTEGER, INT -> "integer";
            case DECIMAL -> "numeric(" + f.precision() + "," + f.scale() + ")";
            case BOOLEAN -> "boolean";
            case INSTANT -> "timestamp(6) with time zone";
            case LOCAL_DATE_TIME -> "timestamp(6) without time zone";
            case LOCAL_DATE -> "date";
            case DOUBLE -> "double precision";
            case UUID -> "uuid";
        };
    }
}
