package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
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
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How entities read into the schema model, under javac, for jakarta and javax alike. */
class JpaMappingTest {

    private static JavaFileObject source(String name, String persistence, String... lines) {
        var all = new java.util.ArrayList<String>();
        all.add("package test;");
        all.add("import " + persistence + ".persistence.*;");
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + name, all);
    }

    private static SchemaModel read(JavaFileObject... sources) {
        var capture = new ModelCapture();
        Compilation c = Compiler.javac().withProcessors(capture).compile(sources);
        assertThat(c).succeededWithoutWarnings();
        return capture.model;
    }

    private static Table table(SchemaModel model, String name) {
        return model.table(QualifiedName.of(name)).orElseThrow(() -> new AssertionError("no table " + name + " in " + model));
    }

    private static String type(Table t, String column) {
        return t.column(column).orElseThrow(() -> new AssertionError("no column " + column)).type().sql();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void basicTypesTakeHibernatesPostgresTypes(String persistence) {
        Table t = table(read(source("AllTypes", persistence,
                "@Entity public class AllTypes {",
                "  @Id Long id;",
                "  String text; @Column(length = 40) String shortText;",
                "  Integer i; int ip; Long l; long lp; Short s; short sp; Byte b; byte bp;",
                "  Boolean bool; boolean boolp; Double d; double dp; Float f; float fp; Character ch; char chp;",
                "  java.math.BigDecimal amount; @Column(precision = 12, scale = 3) java.math.BigDecimal price;",
                "  java.math.BigInteger big; java.util.UUID uuid; byte[] bytes;",
                "  java.time.LocalDate day; java.time.LocalTime time; java.time.LocalDateTime local;",
                "  java.time.OffsetDateTime offset; java.time.ZonedDateTime zoned; java.time.Instant instant;",
                "  java.time.OffsetTime offsetTime;",
                "  @Enumerated(EnumType.STRING) Kind kindName; @Enumerated Kind kindOrdinal; Kind kindDefault;",
                "  public enum Kind { A, B }",
                "}")), "alltypes");
        var expected = new String[][] {
                {"text", "character varying(255)"}, {"shorttext", "character varying(40)"},
                {"i", "integer"}, {"ip", "integer"}, {"l", "bigint"}, {"lp", "bigint"},
                {"s", "smallint"}, {"sp", "smallint"}, {"b", "smallint"}, {"bp", "smallint"},
                {"bool", "boolean"}, {"boolp", "boolean"}, {"d", "double precision"}, {"dp", "double precision"},
                {"f", "real"}, {"fp", "real"}, {"ch", "character(1)"}, {"chp", "character(1)"},
                {"amount", "numeric(38,2)"}, {"price", "numeric(12,3)"}, {"big", "numeric(38,0)"},
                {"uuid", "uuid"}, {"bytes", "bytea"}, {"day", "date"}, {"time", "time(6) without time zone"},
                {"local", "timestamp(6) without time zone"}, {"offset", "timestamp(6) with time zone"},
                {"zoned", "timestamp(6) with time zone"}, {"instant", "timestamp(6) with time zone"},
                {"offsettime", "time(6) with time zone"}, {"kindname", "character varying(255)"},
                {"kindordinal", "smallint"}, {"kinddefault", "smallint"}};
        for (String[] e : expected) {
            assertEquals(e[1], type(t, e[0]), e[0]);
        }
        assertEquals(expected.length + 1, t.columns().size());
    }

    @Test
    void nullabilityFollowsPrimitivesIdsAndColumn() {
        Table t = table(read(source("Reading", "jakarta",
                "@Entity public class Reading {",
                "  @Id Long id; int count; Integer maybe; @Column(nullable = false) String name;",
                "  @Column(unique = true) String code;",
                "}")), "reading");
        assertEquals(List.of(false, false, true, false, true), t.columns().stream().map(Column::nullable).toList());
        assertEquals(new PrimaryKey("reading_pkey", List.of("id")), t.primaryKey());
        assertEquals(List.of(new UniqueConstraint("reading_code_key", List.of("code"))), t.uniqueConstraints());
    }

    @Test
    void compositeIdsKeepDeclarationOrder() {
        Table t = table(read(source("Tariff", "jakarta",
                "@Entity public class Tariff { @Id String region; @Id java.time.LocalDate validFrom; double price; }")),
                "tariff");
        assertEquals(List.of("region", "validfrom"), t.primaryKey().columns());
    }

    @Test
    void identityAndSequences() {
        SchemaModel model = read(
                source("A", "jakarta", "@Entity public class A { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id; }"),
                source("B", "jakarta", "@Entity(name = \"Bee\") @Table(name = \"b\") public class B { @Id @GeneratedValue Long id; }"),
                source("C", "jakarta",
                        "@Entity @SequenceGenerator(name = \"cgen\", sequenceName = \"c_ids\", initialValue = 100, allocationSize = 10)",
                        "public class C { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"cgen\") Integer id; }"),
                source("D", "jakarta", "@Entity public class D { @Id @GeneratedValue java.util.UUID id; }"));
        assertEquals(Identity.BY_DEFAULT, table(model, "a").columns().get(0).identity());
        assertEquals(Identity.NONE, table(model, "b").columns().get(0).identity());
        assertEquals(List.of(
                new Sequence(QualifiedName.of("bee_seq"), 1, 50),
                new Sequence(QualifiedName.of("c_ids"), 100, 10)), model.sequences());
    }

    @Test
    void manyToOneBecomesATypedColumnAndAForeignKey() {
        SchemaModel model = read(
                source("Datasource", "jakarta", "@Entity public class Datasource { @Id @Column(name = \"ds_id\") Integer id; }"),
                source("Batch", "jakarta",
                        "@Entity @Table(name = \"ingest_batch\") public class Batch {",
                        "  @Id java.util.UUID id;",
                        "  @ManyToOne Datasource source;",
                        "  @ManyToOne(optional = false) @JoinColumn(name = \"owner\") Datasource owner;",
                        "  @OneToOne @JoinColumn(name = \"previous_id\", referencedColumnName = \"id\") Batch previous;",
                        "  @OneToMany(mappedBy = \"x\") java.util.List<Datasource> ignored;",
                        "}"));
        Table batch = table(model, "ingest_batch");
        assertEquals(List.of(
                new Column("id", ColumnType.of("uuid"), false, null, Identity.NONE, null),
                new Column("source_ds_id", ColumnType.of("integer"), true, null, Identity.NONE, null),
                new Column("owner", ColumnType.of("integer"), false, null, Identity.NONE, null),
                new Column("previous_id", ColumnType.of("uuid"), true, null, Identity.NONE, null)),
                batch.columns());
        assertEquals(List.of(
                new ForeignKey("ingest_batch_owner_fkey", List.of("owner"), QualifiedName.of("datasource"), List.of("ds_id"), ReferentialAction.NO_ACTION),
                new ForeignKey("ingest_batch_previous_id_fkey", List.of("previous_id"), QualifiedName.of("ingest_batch"), List.of("id"), ReferentialAction.NO_ACTION),
                new ForeignKey("ingest_batch_source_ds_id_fkey", List.of("source_ds_id"), QualifiedName.of("datasource"), List.of("ds_id"), ReferentialAction.NO_ACTION)),
                batch.foreignKeys());
        assertEquals(List.of(new UniqueConstraint("ingest_batch_previous_id_key", List.of("previous_id"))),
                batch.uniqueConstraints(), "a one-to-one is unique");
    }

    @Test
    void tableIndexesUniqueConstraintsAndSchema() {
        Table t = read(source("Hourly", "jakarta",
                "@Entity @Table(name = \"Fact_Energy_Hourly\", schema = \"CEI\",",
                "  indexes = { @Index(columnList = \"ts DESC, meter\"), @Index(name = \"IDX_METER\", columnList = \"meter\", unique = true) },",
                "  uniqueConstraints = @UniqueConstraint(columnNames = {\"meter\", \"ts\"}))",
                "public class Hourly { @Id Long id; String meter; java.time.LocalDateTime ts; }")).tables().get(0);
        assertEquals(new QualifiedName("cei", "fact_energy_hourly"), t.name());
        assertEquals(List.of(
                new Index("fact_energy_hourly_ts_meter_idx", List.of(new IndexColumn("ts", true), IndexColumn.asc("meter")), false),
                new Index("idx_meter", List.of(IndexColumn.asc("meter")), true)), t.indexes());
        assertEquals(List.of(new UniqueConstraint("fact_energy_hourly_meter_ts_key", List.of("meter", "ts"))),
                t.uniqueConstraints());
    }

    @Test
    void mappedSuperclassFieldsComeFirstAndNonPersistentFieldsAreSkipped() {
        Table t = table(read(
                source("Base", "jakarta", "@MappedSuperclass public abstract class Base { @Id Long id; java.time.Instant createdAt; }"),
                source("Meter", "jakarta",
                        "@Entity public class Meter extends Base {",
                        "  static int counter; transient String cache; @Transient String derived; String serial;",
                        "}")), "meter");
        assertEquals(List.of("id", "createdat", "serial"), t.columns().stream().map(Column::name).toList());
    }

    @Test
    void javaxAndJakartaReadAlike() {
        String[] body = {
                "@Entity @Table(indexes = @Index(columnList = \"name\"))",
                "public class Thing { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;",
                "  @Column(nullable = false, length = 10) String name; @ManyToOne Thing parent; }"};
        assertEquals(read(source("Thing", "jakarta", body)), read(source("Thing", "javax", body)));
    }
}
