package dev.driftless.bench.locks;

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

/**
 * The benchmark's schema as a model: {@code datasource} and the big {@code fact_energy_hourly}, in
 * the state one change starts from, and the same with one change made.
 *
 * @param noteWidth the length of {@code note varchar(n)}, which the widening change doubles for good
 * @param datasourceName the name of the parent table, {@code datasource} unless renamed
 * @param factComment whether {@code fact_energy_hourly} has the nullable column {@code comment text}
 */
record BenchTable(int noteWidth, boolean noteRequired, String uid, boolean datasourceIndex, boolean datasourceTsUnique,
        boolean datasourceForeignKey, String datasourceIdType, String qualityName, String qualityType,
        String datasourceName, boolean factComment) {

    static final QualifiedName FACT = QualifiedName.of("fact_energy_hourly");
    static final QualifiedName DATASOURCE = QualifiedName.of("datasource");
    static final String INDEX = "fact_energy_hourly_datasource_id_idx";
    static final String UNIQUE = "fact_energy_hourly_datasource_id_ts_key";
    static final String FOREIGN_KEY = "fact_energy_hourly_datasource_id_fkey";

    /** The state the setup leaves. */
    static BenchTable initial() {
        return new BenchTable(50, false, null, false, false, false, "integer", "quality", "smallint", "datasource", false);
    }

    SchemaModel model() {
        Table datasource = new Table(QualifiedName.of(datasourceName), List.of(Column.of("id", "integer", false), Column.of("name", "text", false)),
                new PrimaryKey("datasource_pkey", List.of("id")), List.of(), List.of(), List.of(), null);
        var columns = new ArrayList<Column>(List.of(
                Column.of("id", "bigint", false),
                Column.of("datasource_id", datasourceIdType, false),
                Column.of("ts", "timestamp with time zone", false),
                Column.of("kwh", "double precision", true),
                Column.of("note", "character varying(" + noteWidth + ")", !noteRequired),
                Column.of(qualityName, qualityType, true)));
        if (factComment) {
            columns.add(Column.of("comment", "text", true));
        }
        if (uid != null) {
            columns.add(new Column("uid", ColumnType.of("uuid"), false, uid, Identity.NONE, null));
        }
        Table fact = new Table(FACT, columns, new PrimaryKey("fact_energy_hourly_pkey", List.of("id")),
                datasourceTsUnique ? List.of(new UniqueConstraint(UNIQUE, List.of("datasource_id", "ts"))) : List.of(),
                datasourceIndex ? List.of(new Index(INDEX, List.of(new IndexColumn("datasource_id", false)), false))
                        : List.of(),
                datasourceForeignKey ? List.of(new ForeignKey(FOREIGN_KEY, List.of("datasource_id"),
                        QualifiedName.of(datasourceName),
                        List.of("id"), ReferentialAction.NO_ACTION)) : List.of(),
                null);
        return new SchemaModel(List.of(datasource, fact), List.of());
    }

    BenchTable withNoteWidth(int value) {
        return new BenchTable(value, noteRequired, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withNoteRequired() {
        return new BenchTable(noteWidth, true, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withUid(String defaultExpression) {
        return new BenchTable(noteWidth, noteRequired, defaultExpression, datasourceIndex, datasourceTsUnique,
                datasourceForeignKey, datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withDatasourceIndex() {
        return new BenchTable(noteWidth, noteRequired, uid, true, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withDatasourceTsUnique() {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, true, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withDatasourceForeignKey() {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, datasourceTsUnique, true,
                datasourceIdType, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withDatasourceIdType(String type) {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                type, qualityName, qualityType, datasourceName, factComment);
    }

    BenchTable withQuality(String name, String type) {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, name, type, datasourceName, factComment);
    }

    BenchTable withDatasourceName(String name) {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, name, factComment);
    }

    BenchTable withFactComment() {
        return new BenchTable(noteWidth, noteRequired, uid, datasourceIndex, datasourceTsUnique, datasourceForeignKey,
                datasourceIdType, qualityName, qualityType, datasourceName, true);
    }
}
