package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.driftless.processor.jpa.EntitySources.compile;
import static dev.driftless.processor.jpa.EntitySources.jakarta;
import static dev.driftless.processor.jpa.EntitySources.read;
import static dev.driftless.processor.jpa.EntitySources.readAll;
import static dev.driftless.processor.jpa.EntitySources.source;
import static dev.driftless.processor.jpa.EntitySources.table;
import static dev.driftless.processor.jpa.EntitySources.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
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
import dev.driftless.model.Sequence;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How entities read into the schema model under javac, for jakarta and javax alike. */
class JpaMappingTest {

    private static Column column(String name, String type, boolean nullable) {
        return Column.of(name, type, nullable);
    }

    private static ForeignKey foreignKey(String name, String column, QualifiedName target, String targetColumn) {
        return new ForeignKey(name, List.of(column), target, List.of(targetColumn), ReferentialAction.NO_ACTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void basicTypesTakeHibernatesPostgresTypes(String persistence) {
        Table t = table(read(source(persistence, "AllTypes",
                "@Entity public class AllTypes {",
                "  @Id Long id;",
                "  String text; @Column(length = 40) String shortText; @Column(length = 20000000) String huge;",
                "  Integer i; int ip; Long l; long lp; Short s; short sp; Byte b; byte bp;",
                "  Boolean bool; boolean boolp; Double d; double dp; Float f; float fp; Character ch; char chp;",
                "  java.math.BigDecimal amount; @Column(precision = 12, scale = 3) java.math.BigDecimal price;",
                "  @Column(precision = 10) java.math.BigDecimal whole;",
                "  java.math.BigInteger big; @Column(precision = 20) java.math.BigInteger bigger;",
                "  java.util.UUID uuid; byte[] bytes;",
                "  java.time.LocalDate day; java.time.LocalTime time; java.time.LocalDateTime local;",
                "  java.time.OffsetDateTime offset; java.time.ZonedDateTime zoned; java.time.Instant instant;",
                "  java.time.OffsetTime offsetTime;",
                "  @Enumerated(EnumType.STRING) Kind kindName; @Enumerated(EnumType.STRING) @Column(length = 12) Kind kindShort;",
                "  @Enumerated(EnumType.ORDINAL) Kind kindOrdinal; @Enumerated Kind kindBare; Kind kindDefault;",
                "  public enum Kind { A, B }",
                "}")), "alltypes");
        String[][] expected = {
                {"id", "bigint"},
                {"text", "character varying(255)"}, {"shorttext", "character varying(40)"}, {"huge", "text"},
                {"i", "integer"}, {"ip", "integer"}, {"l", "bigint"}, {"lp", "bigint"},
                {"s", "smallint"}, {"sp", "smallint"}, {"b", "smallint"}, {"bp", "smallint"},
                {"bool", "boolean"}, {"boolp", "boolean"}, {"d", "double precision"}, {"dp", "double precision"},
                {"f", "real"}, {"fp", "real"}, {"ch", "character(1)"}, {"chp", "character(1)"},
                {"amount", "numeric(38,2)"}, {"price", "numeric(12,3)"}, {"whole", "numeric(10,0)"},
                {"big", "numeric(38,0)"}, {"bigger", "numeric(20,0)"},
                {"uuid", "uuid"}, {"bytes", "bytea"}, {"day", "date"}, {"time", "time(0) without time zone"},
                {"local", "timestamp(6) without time zone"}, {"offset", "timestamp(6) with time zone"},
                {"zoned", "timestamp(6) with time zone"}, {"instant", "timestamp(6) with time zone"},
                {"offsettime", "time(0) without time zone"},
                {"kindname", "character varying(255)"}, {"kindshort", "character varying(12)"},
                {"kindordinal", "smallint"}, {"kindbare", "smallint"}, {"kinddefault", "smallint"}};
        assertEquals(List.of(expected).stream().map(e -> e[0]).toList(),
                t.columns().stream().map(Column::name).toList(), "columns in declaration order");
        for (String[] e : expected) {
            assertEquals(ColumnType.of(e[1]).sql(), type(t, e[0]), e[0]);
        }
    }

    @Test
    void secondPrecisionOfJpa32SetsTheTemporalPrecision() {
        Table t = table(read(jakarta("Clock", "@Entity public class Clock { @Id Long id;",
                "  @Column(secondPrecision = 3) java.time.Instant at;",
                "  @Column(secondPrecision = 0) java.time.LocalTime time;",
                "  @Column(secondPrecision = 9) java.time.LocalDateTime capped; }")), "clock");
        assertEquals("timestamp(3) with time zone", type(t, "at"));
        assertEquals("time(0) without time zone", type(t, "time"));
        assertEquals("timestamp(6) without time zone", type(t, "capped"), "PostgreSQL keeps at most 6");
    }

    @Test
    void nullabilityFollowsPrimitivesIdsColumnAndBasic() {
        Table t = table(read(jakarta("Reading",
                "@Entity public class Reading {",
                "  @Id @Column(nullable = true) Long id;",
                "  int count; Integer maybe; @Column(nullable = false) String name;",
                "  @Basic(optional = false) String required; String optional;",
                "}")), "reading");
        assertEquals(List.of(
                column("id", "bigint", false), column("count", "integer", false), column("maybe", "integer", true),
                column("name", "character varying(255)", false), column("required", "character varying(255)", false),
                column("optional", "character varying(255)", true)), t.columns());
    }

    @Test
    void columnAttributesNameLengthPrecisionUniqueAndComment() {
        Table t = table(read(jakarta("Meter",
                "@Entity @Table(comment = \"Energy meters\") public class Meter {",
                "  @Id Long id;",
                "  @Column(name = \"Serial_No\", length = 64, unique = true, nullable = false, comment = \"printed on it\")",
                "  String serial;",
                "  @Column(precision = 9, scale = 4) java.math.BigDecimal factor;",
                "}")), "meter");
        assertEquals(List.of(
                column("id", "bigint", false),
                column("serial_no", "character varying(64)", false).withComment("printed on it"),
                column("factor", "numeric(9,4)", true)), t.columns());
        assertEquals(new PrimaryKey("meter_pkey", List.of("id")), t.primaryKey());
        assertEquals(List.of(new UniqueConstraint("meter_serial_no_key", List.of("serial_no"))), t.uniqueConstraints());
        assertEquals("Energy meters", t.comment());
    }

    @Test
    void uniqueOnTheIdIsThePrimaryKeyAndAConstraintDeclaredTwiceIsKeptOnce() {
        Table t = table(read(jakarta("Code",
                "@Entity @Table(uniqueConstraints = @UniqueConstraint(columnNames = \"label\"))",
                "public class Code { @Id @Column(unique = true) String code; @Column(unique = true) String label; }")),
                "code");
        assertEquals(List.of(new UniqueConstraint("code_label_key", List.of("label"))), t.uniqueConstraints());
    }

    @Test
    void compositeIdsKeepDeclarationOrder() {
        Table t = table(read(jakarta("Tariff",
                "@Entity public class Tariff { double price; @Id String region; @Id java.time.LocalDate validFrom; }")),
                "tariff");
        assertEquals(new PrimaryKey("tariff_pkey", List.of("region", "validfrom")), t.primaryKey());
        assertEquals(List.of(false, false, false), t.columns().stream().map(Column::nullable).toList());
    }

    @Test
    void identityColumns() {
        SchemaModel model = read(
                jakarta("A", "@Entity public class A { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id; }"),
                jakarta("B", "@Entity public class B { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) int id; }"),
                jakarta("C", "@Entity public class C { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Short id; }"));
        assertEquals(new Column("id", ColumnType.of("bigint"), false, null, Identity.BY_DEFAULT, null),
                table(model, "a").columns().get(0));
        assertEquals(Identity.BY_DEFAULT, table(model, "b").columns().get(0).identity());
        assertEquals("smallint", type(table(model, "c"), "id"));
        assertTrue(model.sequences().isEmpty());
    }

    @Test
    void sequencesFollowHibernate7Defaults() {
        SchemaModel model = read(
                jakarta("Auto", "@Entity(name = \"Bee\") @Table(name = \"Hive\", schema = \"Farm\")",
                        "public class Auto { @Id @GeneratedValue Long id; }"),
                jakarta("Seq", "@Entity public class Seq { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Integer id; }"),
                jakarta("OnClass",
                        "@Entity @SequenceGenerator(name = \"gen\", sequenceName = \"Class_Ids\", initialValue = 100, allocationSize = 10)",
                        "public class OnClass { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"gen\") Long id; }"),
                jakarta("OnField", "@Entity public class OnField {",
                        "  @Id @GeneratedValue(generator = \"fieldgen\")",
                        "  @SequenceGenerator(name = \"fieldgen\", allocationSize = 1, schema = \"Other\") Long id; }"),
                jakarta("Shared", "@Entity public class Shared {",
                        "  @Id @GeneratedValue(generator = \"gen\") Long id; }"),
                jakarta("Named", "@Entity public class Named { @Id @GeneratedValue(generator = \"Undeclared\") Long id; }"),
                jakarta("Uuid", "@Entity public class Uuid { @Id @GeneratedValue java.util.UUID id; }"),
                jakarta("UuidStrategy", "@Entity public class UuidStrategy {",
                        "  @Id @GeneratedValue(strategy = GenerationType.UUID) String id; }"));
        assertEquals(List.of(
                new Sequence(QualifiedName.of("class_ids"), 100, 10),
                new Sequence(QualifiedName.of("hive_seq"), 1, 50),
                new Sequence(new QualifiedName("other", "fieldgen"), 1, 1),
                new Sequence(QualifiedName.of("seq_seq"), 1, 50),
                new Sequence(QualifiedName.of("undeclared"), 1, 50)), model.sequences());
        assertEquals(Identity.NONE, table(model, new QualifiedName("farm", "hive")).columns().get(0).identity());
    }

    @Test
    void hibernateGenericGeneratorsAreMappedAsHibernateMapsThem() {
        String imports = "import org.hibernate.annotations.GenericGenerator; import org.hibernate.annotations.Parameter;";
        SchemaModel model = read(
                jakarta("Meter", imports, "@SuppressWarnings(\"removal\") @Entity public class Meter {",
                        "  @Id @GeneratedValue(generator = \"seq\")",
                        "  @GenericGenerator(name = \"seq\", strategy = \"org.hibernate.id.enhanced.SequenceStyleGenerator\",",
                        "      parameters = {@Parameter(name = \"sequence_name\", value = \"meter_seq\"),",
                        "          @Parameter(name = \"increment_size\", value = \"1\")}) Long id; }"),
                jakarta("Dial", imports, "@SuppressWarnings(\"removal\") @Entity @GenericGenerator(name = \"dial_ids\", strategy = \"sequence\",",
                        "    parameters = {@Parameter(name = \"initial_value\", value = \"7\"), @Parameter(name = \"schema\", value = \"Other\")})",
                        "public class Dial { @Id @GeneratedValue(generator = \"dial_ids\") Integer id; }"),
                jakarta("Knob", imports, "@SuppressWarnings(\"removal\") @Entity public class Knob { @Id @GeneratedValue(generator = \"knob_ids\")",
                        "  @GenericGenerator(name = \"knob_ids\", type = org.hibernate.id.enhanced.SequenceStyleGenerator.class) Long id; }"),
                jakarta("Lever", imports, "@SuppressWarnings(\"removal\") @Entity public class Lever { @Id @GeneratedValue(generator = \"lever_ids\") Long id; }"),
                jakarta("Holder", imports, "@SuppressWarnings(\"removal\") @Entity @GenericGenerator(name = \"lever_ids\", strategy = \"native\")",
                        "public class Holder { @Id Long id; }"),
                jakarta("Ident", imports, "@SuppressWarnings(\"removal\") @Entity public class Ident { @Id @GeneratedValue(generator = \"ident\")",
                        "  @GenericGenerator(name = \"ident\", strategy = \"identity\") Long id; }"),
                jakarta("Counted", imports, "@SuppressWarnings(\"removal\") @Entity public class Counted { @Id @GeneratedValue(generator = \"inc\")",
                        "  @GenericGenerator(name = \"inc\", strategy = \"increment\") Long id; }"),
                jakarta("Assigned", imports, "@SuppressWarnings(\"removal\") @Entity public class Assigned { @Id @GeneratedValue(generator = \"a\")",
                        "  @GenericGenerator(name = \"a\", strategy = \"assigned\") Long id; }"),
                jakarta("Hex", imports, "@SuppressWarnings(\"removal\") @Entity public class Hex { @Id @GeneratedValue(generator = \"hex\")",
                        "  @GenericGenerator(name = \"hex\", strategy = \"uuid\") String id; }"),
                jakarta("Uuid", imports, "@SuppressWarnings(\"removal\") @Entity public class Uuid { @Id @GeneratedValue(generator = \"u\")",
                        "  @GenericGenerator(name = \"u\", strategy = \"uuid2\") java.util.UUID id; }"),
                jakarta("Shared", imports, "@SuppressWarnings(\"removal\") @Entity public class Shared { @Id @GeneratedValue(generator = \"f\")",
                        "  @GenericGenerator(name = \"f\", strategy = \"foreign\",",
                        "      parameters = @Parameter(name = \"property\", value = \"meter\")) Long id;",
                        "  @OneToOne Meter meter; }"),
                jakarta("Drawn", imports, "@SuppressWarnings(\"removal\") @Entity public class Drawn { @Id @GeneratedValue(generator = \"t\")",
                        "  @GenericGenerator(name = \"t\", strategy = \"table\", parameters = {",
                        "      @Parameter(name = \"table_name\", value = \"id_blocks\"),",
                        "      @Parameter(name = \"segment_column_name\", value = \"block\"),",
                        "      @Parameter(name = \"value_column_name\", value = \"next\")}) Long id; }"));
        assertEquals(List.of(
                new Sequence(QualifiedName.of("knob_ids"), 1, 50),
                new Sequence(QualifiedName.of("lever_ids"), 1, 50),
                new Sequence(QualifiedName.of("meter_seq"), 1, 1),
                new Sequence(new QualifiedName("other", "dial_ids"), 7, 50)), model.sequences());
        assertEquals(Identity.BY_DEFAULT, table(model, "ident").columns().get(0).identity());
        for (String none : List.of("meter", "counted", "assigned", "hex", "uuid", "shared", "drawn")) {
            assertEquals(Identity.NONE, table(model, none).columns().get(0).identity(), none);
        }
        Table blocks = table(model, "id_blocks");
        assertEquals(List.of(column("next", "bigint", true), column("block", "character varying(255)", false)), blocks.columns());
        assertEquals(List.of("block"), blocks.primaryKey().columns());
    }

    /**
     * A package's {@code @TableGenerator}: named by a TABLE or AUTO id, it is that id's; on Hibernate 7 it is also
     * the generator of the package's ids whose {@code @GeneratedValue} names none (6.6: {@code hibernate_sequences},
     * and an AUTO id's own sequence). Its unique constraints and indexes are not created, as Hibernate creates none.
     */
    @Test
    void aPackagesTableGeneratorIsFoundByNameAndOnHibernate7IsTheDefault() {
        JavaFileObject pkg = com.google.testing.compile.JavaFileObjects.forSourceLines("test.package-info",
                "@TableGenerator(name = \"ids\", table = \"blocks\",",
                "    uniqueConstraints = @UniqueConstraint(columnNames = \"next_val\"), indexes = @Index(columnList = \"next_val\"))",
                "package test;", "import jakarta.persistence.*;");
        JavaFileObject named = jakarta("Named", "@Entity public class Named {",
                "  @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = \"ids\") Long id; }");
        JavaFileObject autoNamed = jakarta("Pass", "@Entity public class Pass { @Id @GeneratedValue(generator = \"ids\") Long id; }");
        JavaFileObject plain = jakarta("Plain", "@Entity public class Plain { @Id @GeneratedValue(strategy = GenerationType.TABLE) Long id; }");
        JavaFileObject auto = jakarta("Token", "@Entity public class Token { @Id @GeneratedValue Long id; }");
        var h66 = ModelCapture.on(HibernateLine.H6_6);
        assertThat(compile(h66, pkg, named, autoNamed, plain, auto)).succeededWithoutWarnings();
        SchemaModel model = h66.read().schema();
        assertEquals(List.of(new Sequence(QualifiedName.of("token_seq"), 1, 50)), model.sequences());
        assertEquals(List.of("blocks", "hibernate_sequences", "named", "pass", "plain", "token"),
                model.tables().stream().map(t -> t.name().name()).sorted().toList());
        Table blocks = table(model, "blocks");
        assertEquals(List.of(), blocks.uniqueConstraints());
        assertEquals(List.of(), blocks.indexes());
        for (HibernateLine line : List.of(HibernateLine.H7_1, HibernateLine.H7_4)) {
            var h7 = ModelCapture.on(line);
            assertThat(compile(h7, pkg, named, autoNamed, plain, auto)).succeededWithoutWarnings();
            model = h7.read().schema();
            assertEquals(List.of(), model.sequences(), line::toString);
            assertEquals(List.of("blocks", "named", "pass", "plain", "token"),
                    model.tables().stream().map(t -> t.name().name()).sorted().toList(), line::toString);
        }
    }

    /**
     * A {@code @GeneratedValue} that names no generator: Hibernate 7 takes the generator on the id whatever its
     * name, 6.6 only an unnamed one (else the default sequence or id table).
     */
    @Test
    void anUnnamedGeneratedValueTakesTheIdsNamedGeneratorOnHibernate7() {
        JavaFileObject rivet = jakarta("Rivet", "@Entity public class Rivet { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE)",
                "  @SequenceGenerator(name = \"rivet_gen\", sequenceName = \"rivet_numbers\", allocationSize = 3) Long id; }");
        JavaFileObject seal = jakarta("Seal", "@Entity public class Seal { @Id @GeneratedValue(strategy = GenerationType.TABLE)",
                "  @TableGenerator(name = \"seal_gen\", table = \"seal_blocks\") Long id; }");
        var h66 = ModelCapture.on(HibernateLine.H6_6);
        assertThat(compile(h66, rivet, seal)).succeededWithoutWarnings();
        assertEquals(List.of(new Sequence(QualifiedName.of("rivet_seq"), 1, 50)), h66.read().schema().sequences());
        assertEquals(List.of("hibernate_sequences", "rivet", "seal"),
                h66.read().schema().tables().stream().map(t -> t.name().name()).sorted().toList());
        var h71 = ModelCapture.on(HibernateLine.H7_1);
        assertThat(compile(h71, rivet, seal)).succeededWithoutWarnings();
        assertEquals(List.of(new Sequence(QualifiedName.of("rivet_numbers"), 1, 3)), h71.read().schema().sequences());
        assertEquals(List.of("rivet", "seal", "seal_blocks"),
                h71.read().schema().tables().stream().map(t -> t.name().name()).sorted().toList());
    }

    /** Hibernate 6.6 keeps @GeneratedValue's AUTO over an identity @GenericGenerator: a sequence named like the generator. */
    @Test
    void anIdentityGenericGeneratorIsASequenceOnHibernate66() {
        JavaFileObject crane = jakarta("Crane", "import org.hibernate.annotations.GenericGenerator;",
                "@SuppressWarnings(\"removal\") @Entity public class Crane { @Id @GeneratedValue(generator = \"crane_gen\")",
                "  @GenericGenerator(name = \"crane_gen\", strategy = \"identity\") Long id; }");
        var capture = ModelCapture.on(dev.driftless.processor.jpa.HibernateLine.H6_6);
        assertThat(compile(capture, crane)).succeededWithoutWarnings();
        SchemaModel model = capture.read().schema();
        assertEquals(List.of(new Sequence(QualifiedName.of("crane_gen"), 1, 50)), model.sequences());
        assertEquals(Identity.NONE, table(model, "crane").columns().get(0).identity());
        assertEquals(Identity.BY_DEFAULT, table(read(crane), "crane").columns().get(0).identity());
    }

    @Test
    void manyToOneBecomesATypedColumnAndAForeignKey() {
        SchemaModel model = read(
                jakarta("Datasource", "@Entity @Table(schema = \"Ref\") public class Datasource {",
                        "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = \"DS_ID\") Integer id;",
                        "  @Column(length = 30, unique = true) String code; }"),
                jakarta("Batch",
                        "@Entity @Table(name = \"ingest_batch\") public class Batch {",
                        "  @Id java.util.UUID id;",
                        "  @ManyToOne Datasource source;",
                        "  @ManyToOne(optional = false) @JoinColumn(name = \"Owner\") Datasource owner;",
                        "  @ManyToOne @JoinColumn(name = \"must\", nullable = false) Datasource must;",
                        "  @ManyToOne @JoinColumn(referencedColumnName = \"CODE\") Datasource byCode;",
                        "  @OneToOne @JoinColumn(name = \"previous_id\") Batch previous;",
                        "  @ManyToOne(targetEntity = Datasource.class) Object untyped;",
                        "  @ManyToOne @JoinColumn(name = \"named_fk\", foreignKey = @ForeignKey(name = \"FK_Named\")) Datasource named;",
                        "  @ManyToOne @JoinColumn(name = \"loose\", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT)) Datasource loose;",
                        "  @OneToMany(mappedBy = \"previous\") java.util.List<Batch> children;",
                        "  @OneToOne(mappedBy = \"previous\") Batch next;",
                        "}"));
        Table batch = table(model, "ingest_batch");
        assertEquals(List.of(
                column("id", "uuid", false),
                column("source_ds_id", "integer", true),
                column("owner", "integer", false),
                column("must", "integer", false),
                column("bycode_code", "character varying(30)", true),
                column("previous_id", "uuid", true),
                column("untyped_ds_id", "integer", true),
                column("named_fk", "integer", true),
                column("loose", "integer", true)), batch.columns(), "typed as the target, without its identity");
        QualifiedName datasource = new QualifiedName("ref", "datasource");
        QualifiedName self = QualifiedName.of("ingest_batch");
        assertEquals(List.of(
                foreignKey("fk_named", "named_fk", datasource, "ds_id"),
                foreignKey("ingest_batch_bycode_code_fkey", "bycode_code", datasource, "code"),
                foreignKey("ingest_batch_must_fkey", "must", datasource, "ds_id"),
                foreignKey("ingest_batch_owner_fkey", "owner", datasource, "ds_id"),
                foreignKey("ingest_batch_previous_id_fkey", "previous_id", self, "id"),
                foreignKey("ingest_batch_source_ds_id_fkey", "source_ds_id", datasource, "ds_id"),
                foreignKey("ingest_batch_untyped_ds_id_fkey", "untyped_ds_id", datasource, "ds_id")),
                batch.foreignKeys());
        assertEquals(List.of(new UniqueConstraint("ingest_batch_previous_id_key", List.of("previous_id"))),
                batch.uniqueConstraints(), "a one-to-one is unique");
    }

    @Test
    void aSecondaryTablesUniqueConstraintsAndIndexesAreOnIt() {
        SchemaModel model = read(jakarta("Lamp", "@Entity @SecondaryTable(name = \"lamp_spec\",",
                "    uniqueConstraints = @UniqueConstraint(name = \"lamp_spec_model_uk\", columnNames = \"model\"),",
                "    indexes = {@Index(name = \"lamp_spec_watts\", columnList = \"watts desc\"), @Index(columnList = \"model, watts\")})",
                "public class Lamp { @Id Long id; String name;",
                "  @Column(table = \"lamp_spec\") String model; @Column(table = \"lamp_spec\") Integer watts; }"));
        Table spec = table(model, "lamp_spec");
        assertEquals(List.of(new UniqueConstraint("lamp_spec_model_uk", List.of("model"))), spec.uniqueConstraints());
        assertEquals(List.of(
                new Index("lamp_spec_model_watts_idx", List.of(IndexColumn.asc("model"), IndexColumn.asc("watts")), false),
                new Index("lamp_spec_watts", List.of(new IndexColumn("watts", true)), false)), spec.indexes());
        assertEquals(List.of(), table(model, "lamp").indexes(), "not on the entity's table");
    }

    @Test
    void aJoinColumnInASecondaryTableIsThereWithItsForeignKey() {
        SchemaModel model = read(
                jakarta("Aisle", "@Entity public class Aisle { @Id Long id; }"),
                jakarta("Pair", "@Entity public class Pair { @Id Long a; @Id Long b; }"),
                jakarta("Shelf", "@Entity @SecondaryTable(name = \"shelf_place\") public class Shelf { @Id Long id;",
                        "  @ManyToOne @JoinColumn(name = \"aisle_id\", table = \"shelf_place\", nullable = false) Aisle aisle;",
                        "  @OneToOne @JoinColumn(table = \"shelf_place\", foreignKey = @ForeignKey(name = \"shelf_twin_fk\"))",
                        "  Shelf twin;",
                        "  @ManyToOne @JoinColumns({@JoinColumn(name = \"pair_a\", referencedColumnName = \"a\", table = \"shelf_place\"),",
                        "    @JoinColumn(name = \"pair_b\", referencedColumnName = \"b\", table = \"shelf_place\")}) Pair pair;",
                        "  @ManyToOne Aisle spare; }"));
        Table shelf = table(model, "shelf");
        assertEquals(List.of(column("id", "bigint", false), column("spare_id", "bigint", true)), shelf.columns());
        assertEquals(List.of(foreignKey("shelf_spare_id_fkey", "spare_id", QualifiedName.of("aisle"), "id")), shelf.foreignKeys());
        Table place = table(model, "shelf_place");
        assertEquals(List.of(column("id", "bigint", false), column("aisle_id", "bigint", false),
                column("twin_id", "bigint", true), column("pair_a", "bigint", true), column("pair_b", "bigint", true)),
                place.columns());
        assertEquals(List.of(
                new ForeignKey("shelf_place_aisle_id_fkey", List.of("aisle_id"), QualifiedName.of("aisle"), List.of("id"),
                        ReferentialAction.NO_ACTION),
                new ForeignKey("shelf_place_id_fkey", List.of("id"), QualifiedName.of("shelf"), List.of("id"),
                        ReferentialAction.NO_ACTION),
                new ForeignKey("shelf_place_pair_a_pair_b_fkey", List.of("pair_a", "pair_b"), QualifiedName.of("pair"),
                        List.of("a", "b"), ReferentialAction.NO_ACTION),
                foreignKey("shelf_twin_fk", "twin_id", QualifiedName.of("shelf"), "id")), place.foreignKeys());
        assertEquals(List.of(new UniqueConstraint("shelf_place_twin_id_key", List.of("twin_id"))), place.uniqueConstraints(),
                "a one-to-one's unique constraint is in the table of its column");
    }

    @Test
    void aRelationIdTakesItsTargetsKey() {
        SchemaModel model = read(
                jakarta("Meter", "@Entity public class Meter { @Id @Column(length = 16) String serial; }"),
                jakarta("Calibration", "@Entity public class Calibration {",
                        "  @Id @ManyToOne Meter meter; @Id java.time.LocalDate day; }"));
        Table calibration = table(model, "calibration");
        assertEquals(List.of(column("meter_serial", "character varying(16)", false), column("day", "date", false)),
                calibration.columns());
        assertEquals(new PrimaryKey("calibration_pkey", List.of("meter_serial", "day")), calibration.primaryKey());
    }

    @Test
    void aTargetOnTheClassPathIsReadTheSameWay(@TempDir Path classes) throws IOException, URISyntaxException {
        JavaFileObject target = jakarta("Supplier",
                "@Entity @Table(name = \"suppliers\") public class Supplier { @Id @Column(name = \"supplier_no\") Long number; }");
        Compilation first = Compiler.javac().compile(target);
        assertThat(first).succeeded();
        for (JavaFileObject file : first.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                Path out = classes.resolve(path.substring(path.indexOf(StandardLocation.CLASS_OUTPUT.getName())
                        + StandardLocation.CLASS_OUTPUT.getName().length() + 1));
                Files.createDirectories(out.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
        File jpa = new File(jakarta.persistence.Entity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var capture = ModelCapture.sorted();
        Compilation second = Compiler.javac().withProcessors(capture).withClasspath(List.of(classes.toFile(), jpa))
                .compile(jakarta("Order", "@Entity @Table(name = \"orders\") public class Order {",
                        "  @Id Long id; @ManyToOne(optional = false) Supplier supplier; }"));
        assertThat(second).succeededWithoutWarnings();
        Table orders = table(capture.model(), "orders");
        assertEquals(column("supplier_supplier_no", "bigint", false), orders.columns().get(1));
        assertEquals(List.of(foreignKey("orders_supplier_supplier_no_fkey", "supplier_supplier_no",
                QualifiedName.of("suppliers"), "supplier_no")), orders.foreignKeys());
        assertEquals(1, capture.model().tables().size(), "only the given entities become tables");
    }

    @Test
    void tableIndexesUniqueConstraintsAndSchema() {
        Table t = read(jakarta("Hourly",
                "@Entity @Table(name = \"Fact_Energy_Hourly\", schema = \"CEI\",",
                "  indexes = { @Index(columnList = \"TS desc, meter\"), @Index(name = \"IDX_METER\", columnList = \"meter ASC\", unique = true) },",
                "  uniqueConstraints = { @UniqueConstraint(columnNames = {\"meter\", \"ts\"}),",
                "    @UniqueConstraint(name = \"UQ_Day\", columnNames = \"day\") })",
                "public class Hourly { @Id Long id; String meter; java.time.LocalDateTime ts; java.time.LocalDate day; }"))
                .tables().get(0);
        assertEquals(new QualifiedName("cei", "fact_energy_hourly"), t.name());
        assertEquals(List.of(
                new Index("fact_energy_hourly_ts_meter_idx", List.of(new IndexColumn("ts", true), IndexColumn.asc("meter")), false),
                new Index("idx_meter", List.of(IndexColumn.asc("meter")), true)), t.indexes());
        assertEquals(List.of(
                new UniqueConstraint("fact_energy_hourly_meter_ts_key", List.of("meter", "ts")),
                new UniqueConstraint("uq_day", List.of("day"))), t.uniqueConstraints());
        assertEquals(new PrimaryKey("fact_energy_hourly_pkey", List.of("id")), t.primaryKey());
    }

    @Test
    void joinAndCollectionTablesKeepTheirIndexesAndUniqueConstraints() {
        SchemaModel model = read(jakarta("Site", "@Entity public class Site { @Id Long id; }"),
                jakarta("Crate", "@Entity public class Crate { @Id Long id;",
                        "  @ManyToMany @JoinTable(name = \"crate_sites\",",
                        "    indexes = { @Index(columnList = \"sites_id DESC\"), @Index(name = \"Crate_Sites_Owner\", columnList = \"crate_id\") },",
                        "    uniqueConstraints = @UniqueConstraint(name = \"crate_sites_pair\", columnNames = {\"sites_id\", \"crate_id\"}))",
                        "  java.util.List<Site> sites;",
                        "  @ElementCollection @CollectionTable(name = \"crate_labels\",",
                        "    indexes = @Index(columnList = \"labels\", unique = true),",
                        "    uniqueConstraints = @UniqueConstraint(columnNames = {\"crate_id\", \"labels\"}))",
                        "  java.util.List<String> labels; }"));
        Table sites = table(model, "crate_sites");
        assertEquals(List.of(new Index("crate_sites_owner", List.of(IndexColumn.asc("crate_id")), false),
                new Index("crate_sites_sites_id_idx", List.of(new IndexColumn("sites_id", true)), false)), sites.indexes());
        assertEquals(List.of(new UniqueConstraint("crate_sites_pair", List.of("sites_id", "crate_id"))), sites.uniqueConstraints());
        Table labels = table(model, "crate_labels");
        assertEquals(List.of(new Index("crate_labels_labels_key", List.of(IndexColumn.asc("labels")), true)), labels.indexes());
        assertEquals(List.of(new UniqueConstraint("crate_labels_crate_id_labels_key", List.of("crate_id", "labels"))),
                labels.uniqueConstraints());
    }

    /**
     * A to-one with {@code @JoinTable} is mapped through that table, as Hibernate maps it: keyed by
     * the owner's key (named as the owner's key columns), the target's key beside it, unique for a
     * one-to-one; before, it was refused (DL112).
     */
    @Test
    void aToOneThroughAJoinTableIsKeyedByTheOwnersKey() {
        SchemaModel model = read(jakarta("Item", "@Entity public class Item { @Id Long id; }"),
                jakarta("Tag", "@Entity public class Tag { @Id String code; }"),
                jakarta("Box", "@Entity public class Box { @Id Long id;",
                        "  @ManyToOne @JoinTable(name = \"box_item\") Item item;",
                        "  @OneToOne(optional = false) @JoinTable(joinColumns = @JoinColumn(name = \"box_ref\")) Tag tag; }"));
        assertEquals(1, table(model, "box").columns().size());
        Table item = table(model, "box_item");
        assertEquals(List.of(Column.of("id", "bigint", false), Column.of("item_id", "bigint", true)), item.columns());
        assertEquals(new PrimaryKey("box_item_pkey", List.of("id")), item.primaryKey());
        assertEquals(List.of(
                new ForeignKey("box_item_id_fkey", List.of("id"), QualifiedName.of("box"), List.of("id"), ReferentialAction.NO_ACTION),
                new ForeignKey("box_item_item_id_fkey", List.of("item_id"), QualifiedName.of("item"), List.of("id"),
                        ReferentialAction.NO_ACTION)), item.foreignKeys());
        // The implied name, <table>_<target table>; a one-to-one's target column unique.
        Table tag = table(model, "box_tag");
        assertEquals(List.of(Column.of("box_ref", "bigint", false), Column.of("tag_code", "character varying(255)", false)),
                tag.columns());
        assertEquals(new PrimaryKey("box_tag_pkey", List.of("box_ref")), tag.primaryKey());
        assertEquals(List.of(new UniqueConstraint("box_tag_tag_code_key", List.of("tag_code"))), tag.uniqueConstraints());
    }

    @Test
    void aOneToManyJoinColumnTakesItsColumnDefinitionAndUniqueAsHibernateDoes() {
        SchemaModel model = read(jakarta("Item", "@Entity public class Item { @Id Long id; }"),
                jakarta("Box", "@Entity public class Box { @Id Long id;",
                        "  @OneToMany @JoinColumn(name = \"box_id\", columnDefinition = \"integer\", unique = true)",
                        "  java.util.Set<Item> items; }"));
        Table item = table(model, "item");
        assertEquals("integer", type(item, "box_id"));
        assertEquals(List.of(new UniqueConstraint("item_box_id_key", List.of("box_id"))), item.uniqueConstraints());
        assertEquals(List.of(new ForeignKey("item_box_id_fkey", List.of("box_id"), QualifiedName.of("box"), List.of("id"),
                ReferentialAction.NO_ACTION)), item.foreignKeys());
    }

    @Test
    void aOneToManyJoinColumnReferencingTheKeyByNameIsTheDefault() {
        SchemaModel model = read(jakarta("Item", "@Entity public class Item { @Id Long id; }"),
                jakarta("Box", "@Entity public class Box { @Id Long id;",
                        "  @OneToMany @JoinColumn(name = \"box_id\", referencedColumnName = \"id\") java.util.Set<Item> items; }"));
        assertEquals("bigint", type(table(model, "item"), "box_id"));
    }

    @Test
    void mappedSuperclassFieldsComeFirstAndOnlyPersistentFieldsCount() {
        Table t = table(read(
                jakarta("Base", "@MappedSuperclass public abstract class Base<K> { @Id K id; java.time.Instant createdAt; }"),
                jakarta("Plain", "public abstract class Plain extends Base<java.util.UUID> { String notMapped; }"),
                jakarta("Meter",
                        "@Entity public class Meter extends Plain {",
                        "  static int counter; transient String cache; @Transient String derived;",
                        "  static final String CONSTANT = \"x\"; String serial;",
                        "}")), "meter");
        assertEquals(List.of(column("id", "uuid", false), column("createdat", "timestamp(6) with time zone", true),
                column("serial", "character varying(255)", true)), t.columns());
    }

    @Test
    void namesAreFoldedToLowerCaseAsPostgresqlKeepsThem() {
        Table t = read(jakarta("CamelCase", "@Entity(name = \"MyEntity\") public class CamelCase {",
                "  @Id Long someId; @Column(name = \"MixedCase\") String x; String camelField; }")).tables().get(0);
        assertEquals(QualifiedName.of("myentity"), t.name());
        assertEquals(List.of("someid", "mixedcase", "camelfield"), t.columns().stream().map(Column::name).toList());
        assertEquals("myentity_pkey", t.primaryKey().name());
    }

    @Test
    void javaxAndJakartaReadAlike() {
        SchemaModel jakarta = readBoth("jakarta");
        assertEquals(jakarta, readBoth("javax"));
        assertEquals(List.of("things", "owner"), jakarta.tables().stream().map(t -> t.name().name()).toList());
        Table things = table(jakarta, new QualifiedName("inv", "things"));
        assertEquals(7, things.columns().size());
        assertEquals(2, things.uniqueConstraints().size());
        assertEquals(2, things.foreignKeys().size());
        assertEquals(1, things.indexes().size());
        assertEquals(List.of(new Sequence(QualifiedName.of("shared_ids"), 1, 20)), jakarta.sequences());
    }

    private static SchemaModel readBoth(String persistence) {
        return read(
                source(persistence, "Base", "@MappedSuperclass public abstract class Base {",
                        "  @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"ids\")",
                        "  @SequenceGenerator(name = \"ids\", sequenceName = \"shared_ids\", allocationSize = 20) Long id; }"),
                source(persistence, "Thing", "@Entity @Table(name = \"things\", schema = \"inv\",",
                        "  indexes = @Index(columnList = \"name DESC, kind\", unique = true),",
                        "  uniqueConstraints = @UniqueConstraint(name = \"things_code\", columnNames = \"code\"))",
                        "public class Thing extends Base {",
                        "  @Column(nullable = false, length = 10) String name; @Enumerated(EnumType.STRING) Kind kind;",
                        "  @Column(unique = true, precision = 8, scale = 2) java.math.BigDecimal code; int count;",
                        "  @ManyToOne @JoinColumn(name = \"parent\") Thing parent; @ManyToOne(optional = false) Owner owner;",
                        "  @Transient String ignored;",
                        "  public enum Kind { A, B } }"),
                source(persistence, "Owner", "@Entity public class Owner {",
                        "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Integer id;",
                        "  @OneToMany(mappedBy = \"owner\") java.util.Set<Thing> things; }"));
    }

    @Test
    void theModelDoesNotDependOnTheOrderOfTheEntities() {
        JavaFileObject[] sources = {
                jakarta("Zeta", "@Entity public class Zeta { @Id @GeneratedValue Long id; @ManyToOne Alpha alpha; }"),
                jakarta("Alpha", "@Entity @Table(indexes = @Index(columnList = \"name\"))",
                        "public class Alpha { @Id Long id; String name; }"),
                jakarta("Mid", "@Entity public class Mid { @Id @GeneratedValue Long id; @ManyToOne Zeta zeta; }")};
        var sorted = ModelCapture.sorted();
        var reversed = ModelCapture.reversed();
        assertThat(compile(sorted, sources)).succeededWithoutWarnings();
        assertThat(compile(reversed, sources[2], sources[1], sources[0])).succeededWithoutWarnings();
        assertEquals(sorted.model(), reversed.model());
        assertEquals(List.of("alpha", "mid", "zeta"),
                sorted.model().tables().stream().map(t -> t.name().name()).toList());
    }

    @Test
    void renamesAndTheElementsBehindTablesAndColumnsAreKept() {
        JpaModel read = readAll(jakarta("Hourly", "import dev.driftless.annotations.RenamedFrom;",
                "@Entity public class Hourly { @Id Long id;",
                "  @RenamedFrom(\"Energy_Kwh\") @Column(name = \"kwh\") Double kwh; }"));
        QualifiedName hourly = QualifiedName.of("hourly");
        // The old name is the database's, exactly: never folded like a name JPA writes.
        assertEquals("Energy_Kwh", read.renames().oldColumnName(hourly, "kwh"));
        assertNull(read.renames().oldColumnName(hourly, "id"));
        assertEquals("kwh", read.elementOf(hourly, "kwh").orElseThrow().getSimpleName().toString());
        assertEquals("Hourly", read.elementOf(hourly, "missing").orElseThrow().getSimpleName().toString());
    }

    private static SchemaModel structures(String persistence) {
        return read(
                source(persistence, "Address", "@Embeddable public class Address {",
                        "  @Column(length = 80) String street; @Column(nullable = false) String city; double lat; }"),
                source(persistence, "Animal", "@Entity @DiscriminatorValue(\"A\") public class Animal { @Id Long id; }"),
                source(persistence, "Dog", "@Entity public class Dog extends Animal { int legs; @Column(nullable = false) String breed; }"),
                source(persistence, "Vehicle", "@Entity @Inheritance(strategy = InheritanceType.JOINED)",
                        "public class Vehicle { @Id Long id; }"),
                source(persistence, "Car", "@Entity public class Car extends Vehicle { int seats; }"),
                source(persistence, "Person", "@Entity public class Person { @Id Long id;",
                        "  @Embedded @AttributeOverride(name = \"street\", column = @Column(name = \"home_street\"))",
                        "  Address home;",
                        "  @ElementCollection @OrderColumn java.util.List<String> nicknames;",
                        "  @ManyToMany java.util.Set<Animal> pets;",
                        "  @Lob String biography;",
                        "  @Temporal(TemporalType.DATE) java.util.Date born; }"));
    }

    @Test
    void embeddablesHierarchiesAndCollectionsReadAlikeFromJavaxAndJakarta() {
        SchemaModel model = structures("jakarta");
        assertEquals(model, structures("javax"));
        Table person = table(model, "person");
        assertEquals(List.of("id", "home_street", "city", "lat", "biography", "born"),
                person.columns().stream().map(Column::name).toList());
        assertEquals(Column.of("city", "character varying(255)", false), person.column("city").orElseThrow());
        assertTrue(person.column("lat").orElseThrow().nullable(), "a primitive in an embeddable allows null, as in Hibernate");
        assertEquals("oid", type(person, "biography"));
        assertEquals("date", type(person, "born"));

        Table nicknames = table(model, "person_nicknames");
        assertEquals(new PrimaryKey("person_nicknames_pkey", List.of("person_id", "nicknames_order")), nicknames.primaryKey());
        assertEquals(List.of(foreignKey("person_nicknames_person_id_fkey", "person_id", QualifiedName.of("person"), "id")),
                nicknames.foreignKeys());

        Table pets = table(model, "person_animal");
        assertEquals(new PrimaryKey("person_animal_pkey", List.of("person_id", "pets_id")), pets.primaryKey());

        Table animal = table(model, "animal");
        assertEquals(List.of("id", "dtype", "legs", "breed"), animal.columns().stream().map(Column::name).toList());
        assertTrue(animal.column("legs").orElseThrow().nullable(), "a subclass's primitive allows null in the single table");
        assertEquals(List.of(new CheckConstraint("animal_check", "dtype <> 'Dog' or (legs is not null)"),
                new CheckConstraint("animal_dtype_check", "dtype in ('A','Dog')")), animal.checks());

        Table car = table(model, "car");
        assertEquals(new PrimaryKey("car_pkey", List.of("id")), car.primaryKey());
        assertEquals(List.of(foreignKey("car_id_fkey", "id", QualifiedName.of("vehicle"), "id")), car.foreignKeys());
    }

    @Test
    void beanValidationShapesColumnsAsHibernatesValidatorIntegrationDoes() {
        Table t = table(read(jakarta("Signup", "@Entity public class Signup { @Id Long id;",
                "  @jakarta.validation.constraints.NotNull String email;",
                "  @jakarta.validation.constraints.Size(max = 40) String nick;",
                "  @jakarta.validation.constraints.Size(max = 40) @Column(length = 10) String code; }")), "signup");
        assertEquals(Column.of("email", "character varying(255)", false), t.column("email").orElseThrow());
        assertEquals("character varying(40)", type(t, "nick"));
        assertEquals("character varying(40)", type(t, "code"), "@Size wins over @Column(length), as in Hibernate");
    }
}
