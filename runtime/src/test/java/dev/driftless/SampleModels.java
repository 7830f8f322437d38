package dev.driftless;

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
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.util.List;

/** Small models shared by the runtime's tests. */
public final class SampleModels {
    private SampleModels() {}

    public static Table datasource() {
        return new Table(QualifiedName.of("datasource"),
                List.of(
                        new Column("id", ColumnType.of("bigint"), false, null, Identity.BY_DEFAULT, null),
                        Column.of("external_id", "varchar(100)", false),
                        Column.of("name", "varchar(200)", true).withComment("shown in dashboards")),
                new PrimaryKey("datasource_pkey", List.of("id")),
                List.of(new UniqueConstraint("datasource_external_id_key", List.of("external_id"))),
                List.of(),
                List.of(),
                "a meter or sensor");
    }

    public static Table hourly() {
        return new Table(QualifiedName.of("fact_energy_hourly"),
                List.of(
                        new Column("id", ColumnType.of("bigint"), false, null, Identity.BY_DEFAULT, null),
                        Column.of("datasource_id", "bigint", false),
                        Column.of("ts", "timestamp(6)", false),
                        Column.of("energy_kwh", "float8", true)),
                new PrimaryKey("fact_energy_hourly_pkey", List.of("id")),
                List.of(),
                List.of(new Index("idx_energy_hourly_ts", List.of(new IndexColumn("ts", true)), false)),
                List.of(new ForeignKey("fact_energy_hourly_datasource_id_fkey", List.of("datasource_id"),
                        QualifiedName.of("datasource"), List.of("id"), ReferentialAction.CASCADE)),
                null);
    }

    /** A table and a column named by reserved words, in a schema of its own. */
    public static Table order() {
        return new Table(new QualifiedName("Shop", "order"),
                List.of(Column.of("user", "integer", false), Column.of("select", "text", true).withDefault("'x'")),
                new PrimaryKey("order_pkey", List.of("user")),
                List.of(), List.of(), List.of(), null);
    }

    public static SchemaModel energy() {
        return new SchemaModel(List.of(datasource(), hourly()), List.of());
    }

    public static SchemaModel everything() {
        return new SchemaModel(List.of(datasource(), hourly(), order()),
                List.of(new Sequence(new QualifiedName("Shop", "order_seq"), 1, 50)));
    }
}
