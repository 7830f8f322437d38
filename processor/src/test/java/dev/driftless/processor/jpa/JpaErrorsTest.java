package dev.driftless.processor.jpa;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.driftless.processor.jpa.EntitySources.compile;
import static dev.driftless.processor.jpa.EntitySources.jakarta;
import static dev.driftless.processor.jpa.EntitySources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.processor.DriftlessProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad models get a coded error on the offending element, all in one run, never a crash. */
class JpaErrorsTest {

    private ModelCapture capture;

    private Compilation compileAll(JavaFileObject... sources) {
        capture = ModelCapture.sorted();
        return compile(capture, sources);
    }

    /** One error with this code, on the line of {@code file} that contains {@code line}, saying {@code hint}. */
    private static void assertError(Compilation c, JavaFileObject file, String code, String line, String hint) {
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[" + code + "]").inFile(file).onLineContaining(line);
        assertThat(c).hadErrorContaining(hint);
        assertEquals(1, c.errors().stream().filter(d -> d.getMessage(null).contains("[" + code + "]")).count(),
                () -> "one " + code + " in " + c.errors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void anEntityWithoutId(String persistence) {
        JavaFileObject f = source(persistence, "NoId", "@Entity", "public class NoId { String name; }");
        assertError(compileAll(f), f, "DL100", "public class NoId", "add an @Id field");
    }

    @Test
    void anIdInheritedFromAMappedSuperclassCounts() {
        JavaFileObject base = jakarta("Base", "@MappedSuperclass public abstract class Base { @Id Long id; }");
        JavaFileObject f = jakarta("Child", "@Entity public class Child extends Base { String name; }");
        assertThat(compileAll(base, f)).succeededWithoutWarnings();
    }

    @Test
    void aTypeWithoutMapping() {
        JavaFileObject f = jakarta("Odd", "@Entity public class Odd { @Id Long id;",
                "  java.util.Map<String, String> tags; }");
        assertError(compileAll(f), f, "DL101", "tags", "@Transient");
        assertTrue(capture.model().tables().isEmpty(), "a table in error is left out");
    }

    @Test
    void anUnmappableIdIsOneErrorNotTwo() {
        JavaFileObject f = jakarta("OddId", "@Entity public class OddId {", "  @Id Object id; }");
        Compilation c = compileAll(f);
        assertError(c, f, "DL101", "Object id", "no PostgreSQL mapping");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void twoAttributesOnOneColumn() {
        JavaFileObject f = jakarta("Twice", "@Entity public class Twice { @Id Long id; String name;",
                "  @Column(name = \"NAME\") String label; }");
        assertError(compileAll(f), f, "DL102", "String label", "mapped twice (also by Twice.name)");
    }

    @Test
    void twoEntitiesOnOneTable() {
        JavaFileObject a = jakarta("A", "@Entity @Table(name = \"shared\") public class A { @Id Long id; }");
        JavaFileObject b = jakarta("B", "@Entity", "@Table(name = \"SHARED\")", "public class B { @Id Long id; }");
        Compilation c = compileAll(b, a);
        assertError(c, b, "DL103", "@Table(name = \"SHARED\")", "Entities test.A and test.B both map table shared");
        assertEquals(1, capture.model().tables().size(), "the first entity's table is kept");
    }

    @Test
    void identityOnAStringId() {
        JavaFileObject f = jakarta("Code", "@Entity public class Code {",
                "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY)", "  String code; }");
        assertError(compileAll(f), f, "DL104", "GenerationType.IDENTITY", "needs an integer id, but Code.code is java.lang.String");
    }

    @Test
    void aRelationToANonEntity() {
        JavaFileObject f = jakarta("Holder", "@Entity public class Holder { @Id Long id;",
                "  @ManyToOne", "  String owner; }");
        assertError(compileAll(f), f, "DL105", "@ManyToOne", "is not an @Entity");
    }

    @Test
    void anIndexOnAMissingColumn() {
        JavaFileObject f = jakarta("Indexed", "@Entity @Table(name = \"indexed\", indexes = {",
                "    @Index(columnList = \"name\"),",
                "    @Index(columnList = \"missing DESC\") })",
                "public class Indexed { @Id Long id; String name; }");
        assertError(compileAll(f), f, "DL106", "@Index(columnList = \"missing DESC\")",
                "names column 'missing', which table indexed does not have: use one of its columns (id, name)");
    }

    @Test
    void aUniqueConstraintOnAMissingColumn() {
        JavaFileObject f = jakarta("Uniq", "@Entity @Table(",
                "  uniqueConstraints = @UniqueConstraint(columnNames = {\"id\", \"userName\"}))",
                "public class Uniq { @Id Long id; String user; }");
        assertError(compileAll(f), f, "DL106", "@UniqueConstraint", "names column 'username'");
    }

    @Test
    void aJoinTableIndexOnAMissingColumn() {
        JavaFileObject site = jakarta("Site", "@Entity public class Site { @Id Long id; }");
        JavaFileObject f = jakarta("Crate", "@Entity public class Crate { @Id Long id;",
                "  @ManyToMany @JoinTable(name = \"crate_sites\", indexes = @Index(columnList = \"site\"))",
                "  java.util.Set<Site> sites; }");
        assertError(compileAll(site, f), f, "DL106", "@Index(columnList = \"site\")",
                "@Index names column 'site', which table crate_sites does not have: use one of its columns (crate_id, sites_id)");
    }

    @Test
    void aCollectionTableUniqueConstraintOnAMissingColumn() {
        JavaFileObject f = jakarta("Crate", "@Entity public class Crate { @Id Long id;",
                "  @ElementCollection @CollectionTable(name = \"crate_labels\",",
                "    uniqueConstraints = @UniqueConstraint(columnNames = \"label\"))",
                "  java.util.Set<String> labels; }");
        assertError(compileAll(f), f, "DL106", "@UniqueConstraint(columnNames = \"label\")",
                "@UniqueConstraint names column 'label', which table crate_labels does not have: use one of its columns"
                        + " (crate_id, labels)");
    }

    @Test
    void anIndexOnAColumnWhoseFieldFailedReportsOnlyTheField() {
        JavaFileObject f = jakarta("Tagged", "@Entity @Table(indexes = @Index(columnList = \"tags\"))",
                "public class Tagged { @Id Long id;", "  java.util.Map<String, String> tags; }");
        Compilation c = compileAll(f);
        assertError(c, f, "DL101", "java.util.Map", "no PostgreSQL mapping");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void aNonPositiveLength() {
        JavaFileObject f = jakarta("Short", "@Entity public class Short { @Id Long id;",
                "  @Column(length = 0) String name; }");
        assertError(compileAll(f), f, "DL107", "String name", "a length must be positive");
    }

    @Test
    void scaleOverPrecision() {
        JavaFileObject f = jakarta("Money", "@Entity public class Money { @Id Long id;",
                "  @Column(precision = 4, scale = 6) java.math.BigDecimal amount; }");
        assertError(compileAll(f), f, "DL108", "amount", "cannot exceed the precision");
    }

    @Test
    void identifiersOver63Bytes() {
        String longName = "x".repeat(64);
        JavaFileObject f = jakarta("Long", "@Entity public class Long {", "  @Id java.lang.Long id;",
                "  @Column(name = \"" + longName + "\")", "  String value; }");
        assertError(compileAll(f), f, "DL109", "@Column(name", "Column name '" + longName + "' is 64 bytes long");
    }

    @Test
    void aDerivedNameIsShortenedAsPostgresqlShortensItAndOnlyAWrittenNameIsRefused() {
        String table = "ü".repeat(30); // 30 characters, 60 bytes: fits, but <table>_pkey would not
        JavaFileObject f = jakarta("Umlaut", "@Entity", "@Table(name = \"" + table + "\")",
                "public class Umlaut { @Id Long id; @Column(unique = true) String code; }");
        ModelCapture capture = ModelCapture.sorted();
        Compilation compilation = Compiler.javac().withProcessors(capture).compile(f);
        assertThat(compilation).succeededWithoutWarnings();
        Table t = capture.model().table(QualifiedName.of(table)).orElseThrow();
        assertEquals("ü".repeat(29) + "_pkey", t.primaryKey().name());
        assertEquals("ü".repeat(27) + "_code_key", t.uniqueConstraints().get(0).name());
        String written = "ü".repeat(29) + "_own_key";
        JavaFileObject named = jakarta("Named", "@Entity", "@Table(name = \"named\", uniqueConstraints = "
                + "@UniqueConstraint(name = \"" + written + "\", columnNames = \"code\"))",
                "public class Named { @Id Long id; String code; }");
        assertError(compileAll(named), named, "DL109", "@UniqueConstraint",
                "Unique constraint name '" + written + "' is 66 bytes long");
    }

    @Test
    void aJoinColumnReferencingAMissingColumn() {
        JavaFileObject target = jakarta("Target", "@Entity public class Target { @Id Long id; }");
        JavaFileObject f = jakarta("Ref", "@Entity public class Ref { @Id Long id;",
                "  @ManyToOne @JoinColumn(referencedColumnName = \"code\")", "  Target target; }");
        assertError(compileAll(target, f), f, "DL110", "@JoinColumn", "table target has no such column");
    }

    @Test
    void aJoinColumnToACompositeKey() {
        JavaFileObject target = jakarta("Pair", "@Entity public class Pair { @Id Long a; @Id Long b; }");
        JavaFileObject f = jakarta("ToPair", "@Entity public class ToPair { @Id Long id;",
                "  @ManyToOne @JoinColumn(name = \"pair_id\")", "  Pair pair; }");
        assertError(compileAll(target, f), f, "DL111", "@JoinColumn(name", "whose primary key has 2 columns");
    }

    @Test
    void mappingsNotReadAreRefusedNotIgnored() {
        JavaFileObject g = jakarta("Part", "@Entity public class Part { @Id Long id;",
                "  @Column(options = \"compression lz4\") String detail;",
                "  @ManyToOne @JoinColumn(columnDefinition = \"bigint not null\") Part parent; }");
        Compilation d = compileAll(g);
        assertThat(d).hadErrorContaining("[DL156] @Column(options = \"compression lz4\") on Part.detail: Hibernate 7.1 appends"
                + " this SQL text to its DDL").inFile(g).onLineContaining("lz4");
        assertThat(d).hadErrorContaining("[DL126] @JoinColumn(columnDefinition) on Part.parent is 'bigint not null'")
                .inFile(g).onLineContaining("bigint not null");
        assertEquals(2, d.errors().size(), () -> d.errors().toString());
    }

    /** Every annotation whose options Hibernate 7 appends to the DDL, each where it is written. */
    private static final String[] PERMIT = {
            "@Entity @Table(options = \"with (fillfactor = 70)\",",
            "  indexes = @Index(columnList = \"code\", options = \"index_options_text\"),",
            "  uniqueConstraints = @UniqueConstraint(columnNames = \"serial\", options = \"unique_options_text\"))",
            "@SecondaryTable(name = \"permit_detail\", options = \"secondary_options_text\")",
            "public class Permit { @Id Long id;",
            "  @Column(options = \"column_options_text\") String code;",
            "  String serial;",
            "  @ManyToOne @JoinColumn(options = \"join_options_text\") Permit parent;",
            "  @ManyToOne @JoinColumn(name = \"owner_id\", foreignKey = @ForeignKey(options = \"fk_options_text\")) Permit owner;",
            "  @ManyToMany @JoinTable(name = \"permit_links\", options = \"join_table_options_text\")",
            "  java.util.Set<Permit> links;",
            "  @ElementCollection @CollectionTable(name = \"permit_notes\", options = \"collection_options_text\")",
            "  java.util.Set<String> notes; }"};

    @Test
    void optionsThatHibernate7AppendsToTheDdlAreRefusedWhereTheyAreWritten() {
        JavaFileObject f = jakarta("Permit", PERMIT);
        Compilation c = compileAll(f);
        assertThat(c).failed();
        for (String[] expected : new String[][] {{"@Table", "with (fillfactor = 70)", "test.Permit"},
                {"@Index", "index_options_text", "test.Permit"}, {"@UniqueConstraint", "unique_options_text", "test.Permit"},
                {"@SecondaryTable", "secondary_options_text", "test.Permit"}, {"@Column", "column_options_text", "Permit.code"},
                {"@JoinColumn", "join_options_text", "Permit.parent"}, {"@ForeignKey", "fk_options_text", "Permit.owner"},
                {"@JoinTable", "join_table_options_text", "Permit.links"},
                {"@CollectionTable", "collection_options_text", "Permit.notes"}}) {
            assertThat(c).hadErrorContaining("[DL156] " + expected[0] + "(options = \"" + expected[1] + "\") on " + expected[2]
                    + ": Hibernate 7.1 appends this SQL text to its DDL as it is written, which the schema model cannot"
                    + " represent").inFile(f).onLineContaining(expected[1]);
        }
        assertThat(c).hadErrorContaining("leave options out, and give a column's type in columnDefinition, or write the"
                + " SQL in src/main/driftless/next.sql");
        assertEquals(9, c.errors().size(), () -> c.errors().toString());
    }

    /** The other annotations whose options Hibernate 7 appends: none is passed over without a word. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@DiscriminatorColumn(options = \"disc_text\") public class Permit { @Id Long id; } | @DiscriminatorColumn | test.Permit",
            "public class Permit { @Id @GeneratedValue @SequenceGenerator(name = \"p\", options = \"seq_text\") Long id; } | @SequenceGenerator | Permit.id",
            "public class Permit { @Id Long id; @ElementCollection @OrderColumn(options = \"order_text\") java.util.List<String> tags; } | @OrderColumn | Permit.tags",
            "public class Permit { @Id Long id; @ElementCollection @MapKeyColumn(options = \"key_text\") java.util.Map<String, String> tags; } | @MapKeyColumn | Permit.tags",
            "@AttributeOverride(name = \"id\", column = @Column(options = \"override_text\")) public class Permit extends Base { } | @Column | test.Permit"})
    void optionsOfTheOtherAnnotationsAreRefusedToo(String declaration, String annotation, String where) {
        JavaFileObject base = jakarta("Base", "@MappedSuperclass public class Base { @Id Long id; }");
        JavaFileObject f = jakarta("Permit", "@Entity " + declaration);
        Compilation c = compileAll(base, f);
        assertError(c, f, "DL156", "_text", annotation + "(options = \"");
        assertThat(c).hadErrorContaining(") on " + where + ": Hibernate 7.1 appends this SQL text");
    }

    @Test
    void optionsOnASingleTableSubclassAreRefusedToo() {
        JavaFileObject root = jakarta("Part", "@Entity public class Part { @Id Long id; }");
        JavaFileObject f = jakarta("Bolt", "@Entity @SecondaryTable(name = \"bolt_detail\", options = \"bolt_text\")",
                "public class Bolt extends Part { String size; }");
        assertError(compileAll(root, f), f, "DL156", "bolt_text", "@SecondaryTable(options = \"bolt_text\") on test.Bolt");
    }

    /** A mapped superclass's attributes and generators, shared by two entities: each options refused once, where written. */
    @Test
    void optionsOnAMappedSuperclassAreRefusedOnceWhereTheyAreWritten() {
        JavaFileObject site = jakarta("Site", "@Entity public class Site { @Id Long id; }");
        JavaFileObject base = jakarta("Base", "@MappedSuperclass",
                "@SequenceGenerator(name = \"base_ids\", sequenceName = \"base_seq\", options = \"ms_sequence_text\")",
                "public abstract class Base {",
                "  @Id @GeneratedValue(generator = \"base_ids\") Long id;",
                "  @Column(options = \"ms_column_text\") String code;",
                "  @ManyToOne @JoinColumn(options = \"ms_join_text\") Site site; }");
        JavaFileObject part = jakarta("Part", "@Entity public class Part extends Base { }");
        JavaFileObject bolt = jakarta("Bolt", "@Entity public class Bolt extends Base { }");
        Compilation c = compileAll(site, base, part, bolt);
        assertThat(c).failed();
        for (String[] expected : new String[][] {{"@SequenceGenerator", "ms_sequence_text", "test.Base"},
                {"@Column", "ms_column_text", "Base.code"}, {"@JoinColumn", "ms_join_text", "Base.site"}}) {
            assertThat(c).hadErrorContaining("[DL156] " + expected[0] + "(options = \"" + expected[1] + "\") on " + expected[2]
                    + ": Hibernate 7.1 appends this SQL text").inFile(base).onLineContaining(expected[1]);
        }
        assertEquals(3, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void theOptionsOfATableGeneratorOnAMappedSuperclassAreRefused() {
        JavaFileObject base = jakarta("Base", "@MappedSuperclass",
                "@TableGenerator(name = \"base_ids\", table = \"base_ids\", options = \"ms_table_text\")",
                "public abstract class Base {",
                "  @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = \"base_ids\") Long id; }");
        JavaFileObject part = jakarta("Part", "@Entity public class Part extends Base { }");
        assertError(compileAll(base, part), base, "DL156", "ms_table_text",
                "@TableGenerator(options = \"ms_table_text\") on test.Base: Hibernate 7.1 appends this SQL text");
    }

    /** A generator the processor finds on another entity's field that is no attribute (a static one) is checked too. */
    @Test
    void theOptionsOfAGeneratorDeclaredElsewhereAreRefused() {
        JavaFileObject holder = jakarta("Holder", "@Entity public class Holder { @Id Long id;",
                "  @SequenceGenerator(name = \"shared_ids\", sequenceName = \"shared_seq\", options = \"shared_text\")",
                "  static Long generatorHolder; }");
        JavaFileObject f = jakarta("Part", "@Entity public class Part { @Id @GeneratedValue(generator = \"shared_ids\") Long id; }");
        assertError(compileAll(holder, f), holder, "DL156", "shared_text",
                "@SequenceGenerator(options = \"shared_text\") on Holder.generatorHolder: Hibernate 7.1 appends this SQL text");
    }

    @Test
    void optionsAreIgnoredOnHibernate66AsHibernate66IgnoresThem() {
        capture = ModelCapture.on(HibernateLine.H6_6);
        Compilation c = compile(capture, jakarta("Permit", PERMIT));
        assertThat(c).succeededWithoutWarnings();
        Table permit = capture.model().table(QualifiedName.of("permit")).orElseThrow();
        assertTrue(permit.column("code").isPresent() && permit.column("parent_id").isPresent(), permit::toString);
        assertTrue(capture.model().table(QualifiedName.of("permit_links")).isPresent());
    }

    @Test
    void theOptionsOfACheckArePassedOverWithAWarningAsHibernateWritesNoneOnPostgresql() {
        JavaFileObject f = jakarta("Gauge", "@Entity @Table(check = @CheckConstraint(name = \"gauge_low\", constraint = \"low >= 0\",",
                "  options = \"not valid\")) public class Gauge { @Id Long id; int low; }");
        Compilation c = compileAll(f);
        assertWarning(c, f, "DL157", "gauge_low", "@CheckConstraint(options = \"not valid\") on test.Gauge is ignored:"
                + " Hibernate 7.1 writes no options of a check on PostgreSQL, so the check is created without them");
        Table gauge = capture.model().table(QualifiedName.of("gauge")).orElseThrow();
        assertEquals(List.of("low >= 0"), gauge.checks().stream().map(k -> k.expression()).toList());
    }

    @Test
    void aJoinColumnInATableThatIsNoSecondaryTableOfTheEntity() {
        JavaFileObject aisle = jakarta("Aisle", "@Entity public class Aisle { @Id Long id; }");
        JavaFileObject f = jakarta("Shelf", "@Entity @SecondaryTable(name = \"shelf_place\") public class Shelf { @Id Long id;",
                "  @ManyToOne @JoinColumn(name = \"aisle_id\", table = \"shelf_places\") Aisle aisle; }");
        assertError(compileAll(aisle, f), f, "DL147", "shelf_places", "@JoinColumn(table = \"shelf_places\") on Shelf.aisle"
                + " names no @SecondaryTable of test.Shelf: declare @SecondaryTable(name = \"shelf_places\") on the entity");
    }

    @Test
    void joinColumnsInDifferentTables() {
        JavaFileObject pair = jakarta("Pair", "@Entity public class Pair { @Id Long a; @Id Long b; }");
        JavaFileObject f = jakarta("Shelf", "@Entity @SecondaryTable(name = \"shelf_place\") public class Shelf { @Id Long id;",
                "  @ManyToOne @JoinColumns({@JoinColumn(name = \"pair_a\", referencedColumnName = \"a\", table = \"shelf_place\"),",
                "    @JoinColumn(name = \"pair_b\", referencedColumnName = \"b\")}) Pair pair; }");
        assertError(compileAll(pair, f), f, "DL112", "@JoinColumns", "@JoinColumns(table) on Shelf.pair is not mapped by this"
                + " version of Driftless yet: its join columns name different tables (shelf_place, the entity's table)");
    }

    @Test
    void aCheckOnOneOfJoinColumnsIsRefusedAsOnASingleJoinColumn() {
        JavaFileObject pair = jakarta("Pair", "@Entity public class Pair { @Id Long a; @Id Long b; }");
        JavaFileObject f = jakarta("Shelf", "@Entity public class Shelf { @Id Long id;",
                "  @ManyToOne @JoinColumns({@JoinColumn(name = \"pair_a\", referencedColumnName = \"a\"),",
                "    @JoinColumn(name = \"pair_b\", referencedColumnName = \"b\", check = @CheckConstraint(constraint = \"pair_b > 0\"))})",
                "  Pair pair; }");
        assertError(compileAll(pair, f), f, "DL112", "pair_b > 0", "@JoinColumn(check) on Shelf.pair is not mapped by this"
                + " version of Driftless yet");
    }

    @Test
    void keyJoinColumnsThatNameNoJoinedKey() {
        JavaFileObject root = jakarta("Meter", "@Entity @PrimaryKeyJoinColumn(name = \"meter_id\")",
                "public class Meter { @Id Long id; }");
        JavaFileObject parent = jakarta("Vehicle", "@Entity @Inheritance(strategy = InheritanceType.JOINED)",
                "public class Vehicle { @Id Long id; }");
        JavaFileObject wrongReference = jakarta("Car", "@Entity",
                "@PrimaryKeyJoinColumn(name = \"car_id\", referencedColumnName = \"vehicle_no\")",
                "public class Car extends Vehicle { int seats; }");
        Compilation c = compileAll(root, parent, wrongReference);
        assertThat(c).hadErrorContaining("[DL152] @PrimaryKeyJoinColumn on test.Meter names the key columns of a joined"
                + " subclass's table, but test.Meter is not a subclass").inFile(root).onLineContaining("@PrimaryKeyJoinColumn");
        assertThat(c).hadErrorContaining("[DL153] @PrimaryKeyJoinColumn(referencedColumnName = \"vehicle_no\") on test.Car:"
                + " the key of test.Vehicle has no such column (it has id)").inFile(wrongReference)
                .onLineContaining("vehicle_no");
        assertEquals(2, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void anIntegerDiscriminatorValueThatIsNoNumber() {
        JavaFileObject root = jakarta("Part", "@Entity @DiscriminatorColumn(discriminatorType = DiscriminatorType.INTEGER)",
                "@DiscriminatorValue(\"1\") public class Part { @Id Long id; }");
        JavaFileObject bolt = jakarta("Bolt", "@Entity @DiscriminatorValue(\"bolt\")",
                "public class Bolt extends Part { String size; }");
        Compilation c = compileAll(root, bolt);
        assertThat(c).hadErrorContaining("[DL155] @DiscriminatorValue(\"bolt\") on test.Bolt is not a whole number, but"
                + " the discriminator of test.Part is INTEGER").inFile(bolt).onLineContaining("@DiscriminatorValue");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void genericGeneratorsDriftlessDoesNotKnowAreRefused() {
        String imports = "import org.hibernate.annotations.GenericGenerator; import org.hibernate.annotations.Parameter;";
        JavaFileObject custom = jakarta("Custom", imports, "@SuppressWarnings(\"removal\") @Entity public class Custom { @Id @GeneratedValue(generator = \"c\")",
                "  @GenericGenerator(name = \"c\", strategy = \"com.acme.SnowflakeIds\")", "  Long id; }");
        JavaFileObject optimizer = jakarta("Tuned", imports, "@SuppressWarnings(\"removal\") @Entity public class Tuned { @Id @GeneratedValue(generator = \"o\")",
                "  @GenericGenerator(name = \"o\", strategy = \"sequence\", parameters = {",
                "      @Parameter(name = \"optimizer\", value = \"none\"), @Parameter(name = \"increment_size\", value = \"10\")})",
                "  Long id; }");
        JavaFileObject nativeParameters = jakarta("Native", imports, "@SuppressWarnings(\"removal\") @Entity public class Native {",
                "  @Id @GeneratedValue(generator = \"n\")",
                "  @GenericGenerator(name = \"n\", strategy = \"native\", parameters = @Parameter(name = \"initial_value\", value = \"5\"))",
                "  Long id; }");
        JavaFileObject strategy = jakarta("Strategy", imports, "@SuppressWarnings(\"removal\") @Entity public class Strategy {",
                "  @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = \"s\")",
                "  @GenericGenerator(name = \"s\", strategy = \"sequence\") Long id; }");
        JavaFileObject twins = jakarta("Twins", imports, "@SuppressWarnings(\"removal\") @Entity @SequenceGenerator(name = \"twin\", sequenceName = \"twin_seq\")",
                "public class Twins { @Id @GeneratedValue(generator = \"twin\")",
                "  @GenericGenerator(name = \"twin\", strategy = \"sequence\") Long id; }");
        JavaFileObject badNumber = jakarta("Odd", imports, "@SuppressWarnings(\"removal\") @Entity public class Odd { @Id @GeneratedValue(generator = \"x\")",
                "  @GenericGenerator(name = \"x\", strategy = \"sequence\", parameters = @Parameter(name = \"increment_size\", value = \"ten\"))",
                "  Long id; }");
        Compilation c = compileAll(custom, optimizer, nativeParameters, strategy, twins, badNumber);
        assertThat(c).hadErrorContaining("[DL112] @GenericGenerator(name = \"c\", type/strategy = \"com.acme.SnowflakeIds\") on "
                + "Custom.id is not mapped by this version of Driftless yet: Driftless maps the generators sequence").inFile(custom)
                .onLineContaining("@GenericGenerator");
        assertThat(c).hadErrorContaining("with the parameters [optimizer] on Tuned.id").inFile(optimizer)
                .onLineContaining("@GenericGenerator");
        assertThat(c).hadErrorContaining("give native no parameters").inFile(nativeParameters).onLineContaining("@GenericGenerator");
        assertThat(c).hadErrorContaining("[DL112] @GeneratedValue(strategy = SEQUENCE) naming @GenericGenerator(name = \"s\", "
                + "strategy = \"sequence\") on Strategy.id").inFile(strategy).onLineContaining("@GeneratedValue");
        assertThat(c).hadErrorContaining("a @SequenceGenerator of the same name is declared too").inFile(twins)
                .onLineContaining("@GenericGenerator");
        assertThat(c).hadErrorContaining("give initial_value and increment_size as whole numbers").inFile(badNumber)
                .onLineContaining("@GenericGenerator");
        assertEquals(6, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void theTableStrategyNameIsRefusedOnHibernate66() {
        JavaFileObject f = jakarta("Drawn", "import org.hibernate.annotations.GenericGenerator;",
                "@SuppressWarnings(\"removal\") @Entity public class Drawn { @Id @GeneratedValue(generator = \"t\")",
                "  @GenericGenerator(name = \"t\", strategy = \"table\") Long id; }");
        Compilation c = compile(ModelCapture.on(HibernateLine.H6_6), f);
        assertError(c, f, "DL112", "@GenericGenerator", "enhanced-table, uuid2");
    }

    @Test
    void idTablesAndFormulasThatCannotBeMapped() {
        JavaFileObject clash = jakarta("Ticket", "@Entity public class Ticket {",
                "  @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = \"t\")",
                "  @TableGenerator(name = \"t\", table = \"site\") Long id; }");
        JavaFileObject site = jakarta("Site", "@Entity public class Site { @Id Long id; }");
        JavaFileObject indexed = jakarta("Badge", "@Entity public class Badge {",
                "  @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = \"b\")",
                "  @TableGenerator(name = \"b\", catalog = \"other\") Long id; }");
        JavaFileObject both = jakarta("Reading", "@Entity public class Reading { @Id Long id;",
                "  @ManyToOne @JoinColumn(name = \"site_id\")",
                "  @org.hibernate.annotations.JoinFormula(\"site_ref\") Site site; }");
        Compilation c = compileAll(clash, site, indexed, both);
        assertThat(c).hadErrorContaining("[DL154] The id table site that test.Ticket draws ids from is the table of entity"
                + " test.Site").inFile(clash).onLineContaining("@TableGenerator");
        assertThat(c).hadErrorContaining("[DL112] @TableGenerator(catalog) on Badge.id").inFile(indexed)
                .onLineContaining("@TableGenerator");
        assertThat(c).hadErrorContaining("[DL112] @JoinFormula on Reading.site is not mapped by this version of Driftless"
                + " yet: use the formula or the join column, not both").inFile(both).onLineContaining("JoinFormula");
        assertEquals(3, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void mapsIdThatMapsNothing() {
        JavaFileObject owner = jakarta("Owner", "@Entity public class Owner { @Id Long id; }");
        JavaFileObject noRelation = jakarta("A", "@Entity public class A { @Id Long id; @MapsId Long other; }");
        JavaFileObject noId = jakarta("B", "@Entity public class B { @EmbeddedId BKey key;",
                "  @MapsId @OneToOne Owner owner; }");
        JavaFileObject key = jakarta("BKey", "@Embeddable public class BKey implements java.io.Serializable {",
                "  Long ownerId; int n; }");
        JavaFileObject wrongName = jakarta("C", "@Entity public class C { @EmbeddedId BKey key;",
                "  @MapsId(\"owner\") @ManyToOne Owner owner; }");
        Compilation c = compileAll(owner, noRelation, noId, key, wrongName);
        assertThat(c).hadErrorContaining("[DL132] @MapsId on A.other cannot be read: it belongs on a @ManyToOne")
                .inFile(noRelation).onLineContaining("@MapsId");
        assertThat(c).hadErrorContaining("[DL132] @MapsId on B.owner cannot be read: without a value it maps the"
                + " entity's @Id attribute, and there is none").inFile(noId).onLineContaining("@MapsId");
        assertThat(c).hadErrorContaining("[DL132] @MapsId on C.owner cannot be read: the @EmbeddedId has no"
                + " attribute 'owner'").inFile(wrongName).onLineContaining("@MapsId");
    }

    @Test
    void joinColumnsThatLeaveOutAKeyColumn() {
        JavaFileObject target = jakarta("Pair", "@Entity public class Pair { @Id Long a; @Id Long b; }");
        JavaFileObject f = jakarta("ToPair", "@Entity public class ToPair { @Id Long id;",
                "  @ManyToOne @JoinColumns({@JoinColumn(name = \"pair_a\", referencedColumnName = \"a\")})",
                "  Pair pair; }");
        assertError(compileAll(target, f), f, "DL130", "@ManyToOne", "must reference every column of the primary key");
    }

    @Test
    void aColumnInASecondaryTableThatIsNotDeclared() {
        JavaFileObject f = jakarta("Refund", "@Entity @SecondaryTable(name = \"refund_detail\")",
                "public class Refund { @Id Long id;",
                "  @Column(table = \"refund_details\") String explanation; }");
        assertError(compileAll(f), f, "DL131", "refund_details", "names no @SecondaryTable of test.Refund");
    }

    @Test
    void aSingleTableSubclassNamesOnlyItsOwnOrItsParentsSecondaryTables() {
        JavaFileObject root = jakarta("Gadget", "@Entity public class Gadget { @Id Long id; }");
        JavaFileObject heater = jakarta("Heater", "@Entity @SecondaryTable(name = \"heater_detail\")",
                "public class Heater extends Gadget { @Column(table = \"heater_detail\") Integer fins; }");
        JavaFileObject lamp = jakarta("Lamp", "@Entity",
                "public class Lamp extends Gadget { @Column(table = \"heater_detail\") Integer watts; }");
        assertError(compileAll(root, heater, lamp), lamp, "DL131", "heater_detail", "names no @SecondaryTable of test.Lamp");
    }

    @Test
    void twoClassesOfAHierarchyDeclaringOneSecondaryTable() {
        JavaFileObject root = jakarta("Gadget", "@Entity @SecondaryTable(name = \"detail\") public class Gadget { @Id Long id; }");
        JavaFileObject heater = jakarta("Heater", "@Entity @SecondaryTable(name = \"DETAIL\")",
                "public class Heater extends Gadget { Integer fins; }");
        assertError(compileAll(root, heater), heater, "DL165", "@SecondaryTable(name = \"DETAIL\")",
                "test.Gadget and test.Heater both declare @SecondaryTable detail in one single-table hierarchy");
    }

    @Test
    void inheritanceDeclaredBelowTheRoot() {
        JavaFileObject parent = jakarta("Animal", "@Entity @Inheritance(strategy = InheritanceType.JOINED)",
                "public class Animal { @Id Long id; }");
        JavaFileObject child = jakarta("Dog", "@Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)",
                "public class Dog extends Animal { String name; }");
        assertError(compileAll(parent, child), child, "DL121", "SINGLE_TABLE", "move @Inheritance to test.Animal");
    }

    @Test
    void anEmbeddedTypeThatIsNotEmbeddable() {
        JavaFileObject address = jakarta("Address", "public class Address { String street; }");
        JavaFileObject f = jakarta("Customer", "@Entity public class Customer { @Id Long id;",
                "  @Embedded Address address; }");
        assertError(compileAll(address, f), f, "DL122", "Address address", "annotate the class with @Embeddable");
    }

    @Test
    void anEmbeddableThatContainsItself() {
        JavaFileObject node = jakarta("Node", "@Embeddable public class Node { String label; @Embedded Node next; }");
        JavaFileObject f = jakarta("Tree", "@Entity public class Tree { @Id Long id;", "  @Embedded Node root; }");
        Compilation c = compileAll(node, f);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL123]").inFile(node).onLineContaining("Node next");
        assertThat(c).hadErrorContaining("cannot contain itself");
    }

    @Test
    void identityInATablePerClassHierarchy() {
        JavaFileObject root = jakarta("Payment", "@Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)",
                "public abstract class Payment {", "  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id; }");
        JavaFileObject card = jakarta("Card", "@Entity public class Card extends Payment { String digits; }");
        Compilation c = compileAll(root, card);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL124]").inFile(root).onLineContaining("IDENTITY");
        assertThat(c).hadErrorContaining("use SEQUENCE");
    }

    @Test
    void aRelationToAnEntityWithoutKey() {
        JavaFileObject target = jakarta("Keyless", "@Entity public class Keyless { String name; }");
        JavaFileObject f = jakarta("Pointer", "@Entity public class Pointer { @Id Long id;",
                "  @ManyToOne Keyless target; }");
        Compilation c = compileAll(target, f);
        assertThat(c).hadErrorContaining("[DL100]").inFile(target).onLineContaining("class Keyless");
        assertThat(c).hadErrorContaining("[DL125]").inFile(f).onLineContaining("@ManyToOne");
        assertThat(c).hadErrorContaining("give the target entity an @Id");
    }

    @Test
    void aColumnDefinitionWithConstraints() {
        JavaFileObject f = jakarta("Note", "@Entity public class Note { @Id Long id;",
                "  @Column(columnDefinition = \"text not null default ''\") String body; }");
        assertError(compileAll(f), f, "DL126", "columnDefinition", "write only the SQL type");
    }

    @Test
    void aConverterWhoseDatabaseTypeCannotBeTold() {
        JavaFileObject raw = jakarta("Raw", "@SuppressWarnings({\"rawtypes\", \"unchecked\"})",
                "public class Raw implements AttributeConverter {",
                "  public Object convertToDatabaseColumn(Object o) { return o; }",
                "  public Object convertToEntityAttribute(Object o) { return o; } }");
        JavaFileObject f = jakarta("Flag", "@Entity public class Flag { @Id Long id;",
                "  @Convert(converter = Raw.class) Boolean on; }");
        assertError(compileAll(raw, f), f, "DL127", "@Convert", "does not implement AttributeConverter<X, Y>");
    }

    @Test
    void aJdbcTypeCodeWithoutMapping() {
        JavaFileObject f = jakarta("Doc", "@Entity public class Doc { @Id Long id;",
                "  @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.SQLXML) String xml; }");
        assertError(compileAll(f), f, "DL128", "SQLXML", "use SqlTypes.JSON, ARRAY");
    }

    @Test
    void anElementCollectionOfARawType() {
        JavaFileObject f = jakarta("Bag", "@Entity public class Bag { @Id Long id;",
                "  @SuppressWarnings(\"rawtypes\") @ElementCollection java.util.List items; }");
        assertError(compileAll(f), f, "DL129", "java.util.List items", "declare it as Set<E>, List<E> or Map<K, V>");
    }

    @Test
    void twoColumnsOfTwoEmbeddedValuesCollide() {
        JavaFileObject address = jakarta("Address", "@Embeddable public class Address { String street; }");
        JavaFileObject f = jakarta("Customer", "@Entity public class Customer { @Id Long id;",
                "  @Embedded Address home;", "  @Embedded Address work; }");
        Compilation c = compileAll(address, f);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL102] Column street of table customer is mapped twice");
        assertThat(c).hadErrorContaining("give one of the attributes another @Column(name)");
    }

    /** A one-to-many's join column that the target maps with another type: one column cannot be both. */
    /** Hibernate 6.6 and 7.x refuse a table on a one-to-many's join column, its target's own table and secondary tables included. */
    @ParameterizedTest
    @ValueSource(strings = {"item_extra", "item", "box"})
    void aOneToManyJoinColumnInANamedTable(String table) {
        JavaFileObject item = jakarta("Item", "@Entity @SecondaryTable(name = \"item_extra\") public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"box_id\", table = \"" + table + "\") java.util.Set<Item> items; }");
        assertError(compileAll(item, f), f, "DL162", "table = ", "@JoinColumn(table = \"" + table + "\") on Box.items:"
                + " a @OneToMany's join column is in the table of its target test.Item, and Hibernate refuses any table here"
                + " (\"has foreign key in secondary table\"), that table and its secondary tables included: leave table out");
    }

    /**
     * {@code @ForeignKey(foreignKeyDefinition)} is SQL Hibernate writes as the constraint: refused
     * wherever a foreign key is declared, as on a {@code @JoinColumn}; before, it was passed over.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@ManyToMany @JoinTable(foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (box_id) references box\")) java.util.Set<Item> items;",
            "@ManyToMany @JoinTable(inverseForeignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (items_id) references item\")) java.util.Set<Item> items;",
            "@ManyToMany @JoinTable(joinColumns = @JoinColumn(name = \"box_id\", foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (box_id) references box\"))) java.util.Set<Item> items;",
            "@ElementCollection @CollectionTable(foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (box_id) references box\")) java.util.Set<String> items;",
            "@ElementCollection @MapKeyJoinColumn(foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (items_key) references item\")) java.util.Map<Item, String> items;"})
    void aForeignKeyDefinitionIsRefusedOnEveryForeignKey(String attribute) {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;", "  " + attribute + " }");
        assertError(compileAll(item, f), f, "DL112", "foreignKeyDefinition",
                "@ForeignKey(foreignKeyDefinition) on Box.items is not mapped by this version of Driftless yet: leave"
                        + " foreignKeyDefinition out");
    }

    /**
     * A to-one with {@code @JoinTable} is mapped through that table, but not as (part of) the id, in
     * an embeddable or beside join columns of its own: refused there, never read as a join column.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@Entity public class Box { @Id Long id; | @ManyToOne @JoinTable(name = \"box_item\") @JoinColumn(name = \"item_ref\") Item item; } | @JoinTable(name = \"box_item\") | a to-one with both @JoinColumn and @JoinTable",
            "@Entity public class Box { @Id Long id; | @OneToOne @JoinTable(name = \"box_item\") @JoinColumns(@JoinColumn(name = \"item_ref\")) Item item; } | @JoinTable(name = \"box_item\") | a to-one with both @JoinColumn and @JoinTable",
            "@Entity public class Box { @Id Long id; @MapsId | @OneToOne @JoinTable(name = \"box_item\") Item item; } | @JoinTable(name = \"box_item\") | a to-one through a join table that is (part of) the id",
            "@Entity @IdClass(Box.Key.class) public class Box { @Id Long id; public static class Key implements java.io.Serializable { Long id; Long item; } @Id | @ManyToOne @JoinTable(name = \"box_item\") Item item; } | @JoinTable(name = \"box_item\") | a to-one through a join table that is (part of) the id",
            "@Entity public class Box { @Id Long id; @Embedded Place place; @Embeddable public static class Place { String shelf; | @ManyToOne @JoinTable(name = \"box_item\") Item item; } } | @JoinTable(name = \"box_item\") | a to-one through a join table in an embeddable"})
    void aToOneThroughAJoinTableIsRefusedWhereDriftlessDoesNotMapIt(String head, String attribute, String line, String hint) {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", head, "  " + attribute);
        Compilation c = compileAll(item, f);
        assertError(c, f, "DL112", line, "is not mapped by this version of Driftless yet");
        assertThat(c).hadErrorContaining(hint);
    }

    /** Hibernate creates no index of a to-one's join table, and both its foreign keys whatever @ForeignKey says. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "indexes = @Index(columnList = \"item_id\") | @JoinTable(indexes) on Box.item is ignored: Hibernate creates no index of a @ManyToOne's join table; remove it",
            "inverseForeignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT) | @JoinTable(inverseForeignKey) on Box.item is ignored: Hibernate creates both foreign keys of a @ManyToOne's join table whatever @ForeignKey says",
            "foreignKey = @ForeignKey(name = \"box_fk\") | @JoinTable(foreignKey) on Box.item is ignored",
            "joinColumns = @JoinColumn(name = \"box_ref\", foreignKey = @ForeignKey(name = \"box_fk\")) | @JoinColumn(foreignKey) of @JoinTable(joinColumns) on Box.item is ignored"})
    void whatHibernatePassesOverOnAToOneJoinTableIsIgnoredWithAWarning(String member, String hint) {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;",
                "  @ManyToOne @JoinTable(name = \"box_item\", " + member + ") Item item; }");
        Compilation c = compileAll(item, f);
        assertThat(c).succeeded();
        assertWarning(c, f, "DL158", "@ManyToOne @JoinTable", hint);
    }

    /** Two to-ones naming one join table: Hibernate refuses it (a duplicate secondary table); before, DL103 said two entities mapped it. */
    @Test
    void twoToOnesThroughOneJoinTableAreRefused() {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;",
                "  @ManyToOne @JoinTable(name = \"box_item\") Item first;",
                "  @ManyToOne @JoinTable(name = \"box_item\") Item second; }");
        assertError(compileAll(item, f), f, "DL159", "Item second", "@JoinTable on Box.second names the table box_item, the"
                + " join table of Box.first too; Hibernate joins a table to test.Box once");
    }

    @Test
    void aForeignKeyDefinitionOnAJoinedSubclassKeyIsRefused() {
        JavaFileObject root = jakarta("Vehicle", "@Entity @Inheritance(strategy = InheritanceType.JOINED) public class Vehicle { @Id Long id; }");
        JavaFileObject f = jakarta("Truck", "@Entity @PrimaryKeyJoinColumn(name = \"truck_id\","
                + " foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (truck_id) references vehicle\"))",
                "public class Truck extends Vehicle { Integer axles; }");
        assertError(compileAll(root, f), f, "DL112", "foreignKeyDefinition",
                "@ForeignKey(foreignKeyDefinition) on test.Truck is not mapped by this version of Driftless yet");
    }

    /** What Hibernate maps on a one-to-many's join column that Driftless does not yet is refused, never passed over. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "check = @CheckConstraint(constraint = \"box_id > 0\") | @JoinColumn(check) on Box.items is not mapped",
            "foreignKey = @ForeignKey(foreignKeyDefinition = \"foreign key (box_id) references box\") | @ForeignKey(foreignKeyDefinition) on Box.items is not mapped",
            "referencedColumnName = \"code\" | @JoinColumn(referencedColumnName) on Box.items is not mapped"})
    void aOneToManyJoinColumnAttributeNotMappedYet(String attribute, String hint) {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id; @Column(unique = true) String code;",
                "  @OneToMany @JoinColumn(name = \"box_id\", " + attribute + ")", "  java.util.Set<Item> items; }");
        assertError(compileAll(item, f), f, "DL112", "@JoinColumn(name = \"box_id\"", hint);
    }

    /** Hibernate puts @JoinColumns of a one-to-many in the target's table; without the refusal, Driftless made a join table. */
    @Test
    void joinColumnsOnAOneToManyAreRefusedNotMadeAJoinTable() {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long a; @Id Long b;",
                "  @OneToMany @JoinColumns({@JoinColumn(name = \"box_a\", referencedColumnName = \"a\"),",
                "    @JoinColumn(name = \"box_b\", referencedColumnName = \"b\")}) java.util.Set<Item> items; }");
        assertError(compileAll(item, f), f, "DL112", "@JoinColumns", "@JoinColumns on Box.items is not mapped by this"
                + " version of Driftless yet: a @OneToMany's join columns in the table of test.Item");
    }

    @Test
    void aOneToManyJoinColumnDefinitionThatIsMoreThanAType() {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"box_id\", columnDefinition = \"bigint not null\") java.util.Set<Item> items; }");
        assertError(compileAll(item, f), f, "DL126", "bigint not null", "@JoinColumn(columnDefinition) on Box.items is 'bigint not null'");
    }

    @Test
    void theOptionsOfAOneToManyJoinColumnAreRefusedOnHibernate7() {
        JavaFileObject item = jakarta("Item", "@Entity public class Item { @Id Long id; }");
        JavaFileObject f = jakarta("Box", "@Entity public class Box { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"box_id\", options = \"join_options_text\",",
                "    foreignKey = @ForeignKey(name = \"box_fk\", options = \"fk_options_text\")) java.util.Set<Item> items; }");
        Compilation c = compileAll(item, f);
        assertThat(c).hadErrorContaining("[DL156] @JoinColumn(options = \"join_options_text\") on Box.items")
                .inFile(f).onLineContaining("join_options_text");
        assertThat(c).hadErrorContaining("[DL156] @ForeignKey(options = \"fk_options_text\") on Box.items")
                .inFile(f).onLineContaining("fk_options_text");
        assertEquals(2, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void aOneToManyJoinColumnThatClashesWithTheTargetsColumn() {
        JavaFileObject line = jakarta("Line", "@Entity public class Line { @Id Long id; String owner_id; }");
        JavaFileObject f = jakarta("Owner", "@Entity public class Owner { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"owner_id\") java.util.List<Line> lines; }");
        assertError(compileAll(line, f), f, "DL149", "@JoinColumn", "Column owner_id of table line is mapped by both"
                + " Owner.lines and Line.owner_id, which give it two types (bigint and character varying(255)): give the"
                + " @OneToMany's @JoinColumn another name, so that each has its own column");
    }

    /** Both sides of a bidirectional one-to-many write the shared join column: Hibernate refuses it. */
    @Test
    void aRequiredOneToManyAndItsManyToOneBothWriteTheJoinColumn() {
        JavaFileObject line = jakarta("Line", "@Entity public class Line { @Id Long id;",
                "  @ManyToOne(optional = false) @JoinColumn(name = \"owner_id\", nullable = false) Owner owner; }");
        JavaFileObject f = jakarta("Owner", "@Entity public class Owner { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"owner_id\", nullable = false) java.util.List<Line> lines; }");
        assertError(compileAll(line, f), f, "DL149", "@JoinColumn", "Column owner_id of table line is mapped by both"
                + " Owner.lines and Line.owner, which both write it (a @OneToMany whose @JoinColumn is nullable = false"
                + " writes it with each new row, and Hibernate refuses the mapping): mark the @JoinColumn of Line.owner"
                + " insertable = false, updatable = false");
    }

    /** The two sides of one join column reference different entities. */
    @Test
    void aOneToManyAndAManyToOneToAnotherEntityOnOneColumn() {
        JavaFileObject other = jakarta("Other", "@Entity public class Other { @Id Long id; }");
        JavaFileObject line = jakarta("Line", "@Entity public class Line { @Id Long id;",
                "  @ManyToOne @JoinColumn(name = \"owner_id\") Other other; }");
        JavaFileObject f = jakarta("Owner", "@Entity public class Owner { @Id Long id;",
                "  @OneToMany @JoinColumn(name = \"owner_id\") java.util.List<Line> lines; }");
        assertError(compileAll(other, line, f), f, "DL149", "@JoinColumn", "Column owner_id of table line is mapped by"
                + " both Owner.lines and Line.other, which reference two keys (owner (id) and other (id)): give the"
                + " @OneToMany's @JoinColumn another name, so that each relation has its own column");
    }

    @Test
    void oneIndexNameInTwoTables() {
        JavaFileObject a = jakarta("A", "@Entity @Table(indexes = @Index(name = \"idx_ts\", columnList = \"ts\"))",
                "public class A { @Id Long id; java.time.Instant ts; }");
        JavaFileObject b = jakarta("B", "@Entity @Table(indexes =", "  @Index(name = \"IDX_TS\", columnList = \"ts\"))",
                "public class B { @Id Long id; java.time.Instant ts; }");
        assertError(compileAll(b, a), b, "DL113", "IDX_TS",
                "Index name 'idx_ts' is already used by the index declared on test.A");
    }

    @Test
    void oneNameForAConstraintAndAnIndexOfOneTable() {
        JavaFileObject f = jakarta("Clash", "@Entity @Table(uniqueConstraints = @UniqueConstraint(name = \"clash_code\", columnNames = \"code\"),",
                "  indexes = @Index(name = \"clash_code\", columnList = \"code\"))",
                "public class Clash { @Id Long id; String code; }");
        assertError(compileAll(f), f, "DL113", "@Index(name", "already used by the unique constraint declared on test.Clash");
    }

    @Test
    void generationAStrategyCannotDo() {
        JavaFileObject seq = jakarta("Seq", "@Entity public class Seq {",
                "  @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) String code; }");
        JavaFileObject uuid = jakarta("Uuid", "@Entity public class Uuid {",
                "  @Id @GeneratedValue(strategy = GenerationType.UUID) Long id; }");
        Compilation c = compileAll(seq, uuid);
        assertThat(c).hadErrorContaining("[DL114] @GeneratedValue(strategy = SEQUENCE) cannot generate java.lang.String")
                .inFile(seq).onLineContaining("GenerationType.SEQUENCE");
        assertThat(c).hadErrorContaining("[DL114] @GeneratedValue(strategy = UUID) cannot generate java.lang.Long")
                .inFile(uuid).onLineContaining("GenerationType.UUID");
    }

    @Test
    void oneSequenceWithTwoIncrements() {
        JavaFileObject a = jakarta("A", "@Entity public class A { @Id @GeneratedValue(generator = \"a\")",
                "  @SequenceGenerator(name = \"a\", sequenceName = \"ids\") Long id; }");
        JavaFileObject b = jakarta("B", "@Entity public class B { @Id @GeneratedValue(generator = \"b\")",
                "  @SequenceGenerator(name = \"b\", sequenceName = \"ids\", allocationSize = 1) Long id; }");
        assertError(compileAll(a, b), b, "DL115", "sequenceName = \"ids\", allocationSize = 1",
                "Sequence ids is declared with start 1 and increment 1 here, but with start 1 and increment 50");
    }

    @Test
    void anEntityFieldWithoutRelation() {
        JavaFileObject target = jakarta("Target", "@Entity public class Target { @Id Long id; }");
        JavaFileObject f = jakarta("Plain", "@Entity public class Plain { @Id Long id;", "  Target target; }");
        assertError(compileAll(target, f), f, "DL116", "Target target", "add @ManyToOne");
    }

    @Test
    void aZeroAllocationSize() {
        JavaFileObject f = jakarta("Zero", "@Entity public class Zero { @Id @GeneratedValue(generator = \"z\")",
                "  @SequenceGenerator(name = \"z\", allocationSize = 0)", "  Long id; }");
        assertError(compileAll(f), f, "DL117", "allocationSize = 0", "for sequence z");
    }

    @Test
    void anUnreadableColumnList() {
        JavaFileObject f = jakarta("Listed", "@Entity @Table(indexes = {",
                "  @Index(columnList = \"a,,b\"),",
                "  @Index(columnList = \"a DOWN\") })",
                "public class Listed { @Id Long id; String a; String b; }");
        Compilation c = compileAll(f);
        assertThat(c).hadErrorContaining("[DL118] @Index(columnList = \"a,,b\") cannot be read: 'a,,b' has an empty entry")
                .inFile(f).onLineContaining("a,,b");
        assertThat(c).hadErrorContaining("[DL118] @Index(columnList = \"a DOWN\") cannot be read").inFile(f)
                .onLineContaining("a DOWN");
    }

    @Test
    void aPrecisionPostgresqlRefuses() {
        JavaFileObject f = jakarta("Huge", "@Entity public class Huge { @Id Long id;",
                "  @Column(precision = 1001) java.math.BigDecimal amount; }");
        assertError(compileAll(f), f, "DL119", "precision = 1001", "a precision from 1 to 1000");
    }

    @Test
    void aReferenceToAColumnThatIsNotUnique() {
        JavaFileObject target = jakarta("Target", "@Entity public class Target { @Id Long id; String code; }");
        JavaFileObject f = jakarta("Ref", "@Entity public class Ref { @Id Long id;",
                "  @ManyToOne @JoinColumn(referencedColumnName = \"code\")", "  Target target; }");
        assertError(compileAll(target, f), f, "DL120", "@JoinColumn", "column code of table target is neither");
    }

    @Test
    void aScaleWithoutPrecisionIsAWarning() {
        JavaFileObject f = jakarta("Rate", "@Entity public class Rate { @Id Long id;",
                "  @Column(scale = 4) java.math.BigDecimal rate; }");
        Compilation c = compileAll(f);
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[DL150] @Column(scale = 4) on Rate.rate is ignored").inFile(f)
                .onLineContaining("scale = 4");
        assertEquals("numeric(38,2)", EntitySources.type(capture.model().tables().get(0), "rate"));
    }

    @Test
    void anUnexpectedFailureIsReportedOnTheEntityNotThrown() {
        JavaFileObject f = jakarta("Boom", "@Entity", "public class Boom { @Id Long id; }");
        capture = ModelCapture.withEnvironment(JpaErrorsTest::withFailingTypes);
        Compilation c = compile(capture, f);
        assertError(c, f, "DL199", "public class Boom",
                "Driftless could not read entity test.Boom (java.lang.IllegalStateException: types fail)");
        assertTrue(capture.model().tables().isEmpty());
    }

    /** The same environment, but every call on its Types fails. */
    private static ProcessingEnvironment withFailingTypes(ProcessingEnvironment env) {
        Types failing = (Types) Proxy.newProxyInstance(Types.class.getClassLoader(), new Class<?>[] {Types.class},
                (proxy, method, args) -> {
                    throw new IllegalStateException("types fail");
                });
        return (ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getTypeUtils")) {
                        return failing;
                    }
                    try {
                        return method.invoke(env, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** One warning with this code, on the line of {@code file} that contains {@code line}, saying {@code hint}. */
    private static void assertWarning(Compilation c, JavaFileObject file, String code, String line, String hint) {
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("[" + code + "]").inFile(file).onLineContaining(line);
        assertThat(c).hadWarningContaining(hint);
        assertEquals(1, c.warnings().stream().filter(d -> d.getMessage(null).contains("[" + code + "]")).count(),
                () -> "one " + code + " in " + c.warnings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "record Point(@Id Long id, String name) {} | a record | make it a class",
            "interface Named { } | an interface | declare the entity as a class",
            "enum Color { RED, GREEN } | an enum | declare the entity as a class"})
    void anEntityThatIsNotAClass(String declaration, String kind, String hint) {
        String name = declaration.split("[ (]")[1];
        JavaFileObject f = jakarta(name, "@Entity", "public " + declaration);
        Compilation c = compileAll(f);
        assertError(c, f, "DL133", "public " + declaration.split(" ")[0], "test." + name + " is " + kind);
        assertThat(c).hadErrorContaining(hint);
    }

    @Test
    void aRecordEntityNextToAClassEntityIsReportedAndTheClassIsRead() {
        JavaFileObject point = jakarta("Point", "@Entity public record Point(@Id Long id) {}");
        JavaFileObject good = jakarta("Good", "@Entity public class Good { @Id Long id; }");
        Compilation c = compileAll(point, good);
        assertError(c, point, "DL133", "record Point", "Hibernate cannot load its rows");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
        assertEquals(List.of(QualifiedName.of("good")), capture.model().tables().stream().map(t -> t.name()).toList());
    }

    @Test
    void theProcessorPassesARecordEntityToTheReader(@TempDir Path history) {
        JavaFileObject f = jakarta("Point", "@Entity public record Point(@Id Long id) {}");
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history).compile(f);
        assertError(c, f, "DL133", "record Point", "make it a class");
    }

    /** Hibernate 7 refuses an id below the root in every strategy (a ClassCastException while binding). */
    @ParameterizedTest
    @ValueSource(strings = {"JOINED", "SINGLE_TABLE", "TABLE_PER_CLASS"})
    void anIdDeclaredBelowTheRootOfAHierarchy(String strategy) {
        JavaFileObject root = jakarta("Vehicle", "@Entity @Inheritance(strategy = InheritanceType." + strategy + ")",
                "public class Vehicle { @Id Long id; }");
        JavaFileObject car = jakarta("Car", "@Entity public class Car extends Vehicle {", "  @Id Long carId;",
                "  int seats; }");
        Compilation c = compileAll(root, car);
        assertError(c, car, "DL134", "Long carId", "Car.carId is an @Id of test.Car, below test.Vehicle");
        assertThat(c).hadErrorContaining("remove @Id");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOINED", "SINGLE_TABLE"})
    void anIdOfTheSameNameBelowTheRootIsOneError(String strategy) {
        JavaFileObject root = jakarta("Vehicle", "@Entity @Inheritance(strategy = InheritanceType." + strategy + ")",
                "public class Vehicle { @Id Long id; }");
        JavaFileObject car = jakarta("Car", "@Entity public class Car extends Vehicle {", "  @Id Long id;", "  int seats; }");
        Compilation c = compileAll(root, car);
        assertError(c, car, "DL134", "Long id", "Car.id is an @Id of test.Car");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void anIdInAMappedSuperclassBetweenEntities() {
        JavaFileObject root = jakarta("Vehicle", "@Entity @Inheritance(strategy = InheritanceType.JOINED)",
                "public class Vehicle { @Id Long id; }");
        JavaFileObject middle = jakarta("Motorized", "@MappedSuperclass public class Motorized extends Vehicle {",
                "  @Id Long engineId; }");
        JavaFileObject car = jakarta("Car", "@Entity public class Car extends Motorized { int seats; }");
        Compilation c = compileAll(root, middle, car);
        assertError(c, middle, "DL134", "Long engineId", "Motorized.engineId is an @Id of test.Car");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    /**
     * {@code @Temporal} on a type other than java.util.Date/Calendar, against what Hibernate 7
     * does with each pair (seen by booting it on each): it refuses a java.time or java.sql type
     * with another kind of value, ignores it on a type that is no date or time, and accepts the
     * rest.
     */
    @ParameterizedTest
    @CsvSource({
            "java.time.LocalDate, DATE, ok", "java.time.LocalDate, TIME, refused", "java.time.LocalDate, TIMESTAMP, refused",
            "java.time.LocalTime, DATE, refused", "java.time.LocalTime, TIME, ok", "java.time.LocalTime, TIMESTAMP, refused",
            "java.time.LocalDateTime, DATE, refused", "java.time.LocalDateTime, TIME, refused",
            "java.time.LocalDateTime, TIMESTAMP, ok",
            "java.time.OffsetDateTime, DATE, refused", "java.time.OffsetDateTime, TIME, refused",
            "java.time.OffsetDateTime, TIMESTAMP, ok",
            "java.time.ZonedDateTime, DATE, refused", "java.time.ZonedDateTime, TIME, refused",
            "java.time.ZonedDateTime, TIMESTAMP, ok",
            "java.time.OffsetTime, DATE, refused", "java.time.OffsetTime, TIME, ok", "java.time.OffsetTime, TIMESTAMP, refused",
            "java.time.Instant, DATE, ok", "java.time.Instant, TIME, ok", "java.time.Instant, TIMESTAMP, ok",
            "java.sql.Date, DATE, ok", "java.sql.Date, TIME, refused", "java.sql.Date, TIMESTAMP, refused",
            "java.sql.Time, DATE, refused", "java.sql.Time, TIME, ok", "java.sql.Time, TIMESTAMP, refused",
            "java.sql.Timestamp, DATE, ok", "java.sql.Timestamp, TIME, refused",
            "java.sql.Timestamp, TIMESTAMP, ok",
            "java.util.Date, DATE, ok", "java.util.Date, TIME, ok", "java.util.Calendar, TIMESTAMP, ok",
            "String, DATE, ignored", "Long, TIMESTAMP, ignored", "java.util.UUID, TIME, ignored"})
    void aTemporalThatDoesNotFitItsType(String type, String kind, String hibernate) {
        JavaFileObject f = jakarta("Stamp", "@Entity public class Stamp { @Id Long id;",
                "  @Temporal(TemporalType." + kind + ")", "  " + type + " at; }");
        Compilation c = compileAll(f);
        switch (hibernate) {
            case "ok" -> assertThat(c).succeededWithoutWarnings();
            case "refused" -> assertError(c, f, "DL135", "TemporalType." + kind,
                    "@Temporal(" + kind + ") on Stamp.at cannot map its type " + type);
            default -> assertWarning(c, f, "DL151", "TemporalType." + kind,
                    "@Temporal on Stamp.at is ignored: its type " + type.replaceFirst("^(String|Long)$", "java.lang.$1")
                            + " is not a date or a time");
        }
    }

    @Test
    void aTemporalOnTheElementsOfACollection() {
        JavaFileObject f = jakarta("Log", "@Entity public class Log { @Id Long id;",
                "  @ElementCollection @Temporal(TemporalType.DATE)", "  java.util.Set<java.time.LocalDateTime> days; }");
        assertError(compileAll(f), f, "DL135", "TemporalType.DATE", "for a DATE column use java.time.LocalDate");
    }

    /** Hibernate 7 accepts these as versions (booted on each) and refuses the rest. */
    @ParameterizedTest
    @ValueSource(strings = {"int", "Integer", "long", "Long", "short", "Short", "byte", "Byte", "java.time.Instant",
            "java.time.LocalDateTime", "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.util.Date",
            "java.util.Calendar", "java.sql.Timestamp", "byte[]"})
    void aVersionOfATypeHibernateIncrements(String type) {
        JavaFileObject f = jakarta("Versioned", "@Entity public class Versioned { @Id Long id;",
                "  @Version " + type + " version; }");
        assertThat(compileAll(f)).succeededWithoutWarnings();
    }

    @ParameterizedTest
    @ValueSource(strings = {"String", "java.time.LocalDate", "java.time.LocalTime", "java.time.OffsetTime", "java.sql.Date",
            "java.sql.Time", "java.math.BigInteger", "java.math.BigDecimal", "boolean", "char", "double", "java.util.UUID"})
    void aVersionOfATypeHibernateCannotIncrement(String type) {
        JavaFileObject f = jakarta("Versioned", "@Entity public class Versioned { @Id Long id;",
                "  @Version " + type + " version; }");
        assertError(compileAll(f), f, "DL136", "@Version", "@Version on Versioned.version has type ");
    }

    @Test
    void aVersionInAnEmbeddable() {
        JavaFileObject audit = jakarta("Audit", "@Embeddable public class Audit {", "  @Version int revision; }");
        JavaFileObject f = jakarta("Doc", "@Entity public class Doc { @Id Long id; @Embedded Audit audit; }");
        assertError(compileAll(audit, f), audit, "DL136", "int revision", "a version belongs to the entity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"String", "int", "Integer"})
    void anEnumeratedThatIsNotAnEnum(String type) {
        JavaFileObject f = jakarta("Coded", "@Entity public class Coded { @Id Long id;",
                "  @Enumerated(EnumType.STRING) " + type + " status; }");
        assertError(compileAll(f), f, "DL137", "status", "@Enumerated on Coded.status, whose type");
    }

    @Test
    void anEnumeratedCollectionOfEnumsIsFine() {
        JavaFileObject mood = jakarta("Mood", "public enum Mood { CALM, ANGRY }");
        JavaFileObject f = jakarta("Diary", "@Entity public class Diary { @Id Long id;",
                "  @ElementCollection @Enumerated(EnumType.STRING) java.util.Set<Mood> moods; }");
        assertThat(compileAll(mood, f)).succeededWithoutWarnings();
    }

    /** An entity with {@code n} int columns besides its id. */
    private static JavaFileObject wide(String name, int n, String... tableArguments) {
        var lines = new ArrayList<String>();
        lines.add("@Entity" + (tableArguments.length == 0 ? "" : " @Table(" + String.join(" ", tableArguments) + ")"));
        lines.add("public class " + name + " { @Id Long id;");
        for (int i = 0; i < n; i++) {
            lines.add("  int c" + i + ";");
        }
        lines.add("}");
        return jakarta(name, lines.toArray(String[]::new));
    }

    private static String columns(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
    }

    @Test
    void moreColumnsThanPostgresqlAllowsInATable() {
        JavaFileObject f = wide("Wide", PostgresLimits.MAX_COLUMNS);
        assertError(compileAll(f), f, "DL138", "public class Wide",
                "Table wide has 1601 columns; PostgreSQL allows at most 1600 in a table, counting the columns dropped");
        assertThat(compileAll(wide("Fits", PostgresLimits.MAX_COLUMNS - 1))).succeededWithoutWarnings();
    }

    @Test
    void moreColumnsThanPostgresqlAllowsInAnIndexOrAConstraint() {
        int max = PostgresLimits.MAX_KEY_COLUMNS;
        JavaFileObject f = wide("Keyed", max + 1,
                "indexes = { @Index(name = \"fits\", columnList = \"" + columns(0, max) + "\"),\n",
                "  @Index(name = \"too_many\", columnList = \"" + columns(0, max + 1) + "\") },\n",
                "  uniqueConstraints = @UniqueConstraint(name = \"too_unique\", columnNames = {"
                        + columns(0, max + 1).replaceAll("(c\\d+)", "\"$1\"") + "})");
        Compilation c = compileAll(f);
        assertThat(c).hadErrorContaining("[DL139] Index too_many of table keyed has 33 columns; PostgreSQL allows at "
                + "most 32").inFile(f).onLineContaining("too_many");
        assertThat(c).hadErrorContaining("[DL139] Unique constraint too_unique of table keyed has 33 columns").inFile(f)
                .onLineContaining("too_unique");
        assertEquals(2, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void aSetOfWideEmbeddablesHasAPrimaryKeyOverTheLimit() {
        var fields = new StringBuilder();
        for (int i = 0; i < PostgresLimits.MAX_KEY_COLUMNS; i++) {
            fields.append(" @Column(nullable = false) int v").append(i).append(';');
        }
        JavaFileObject value = jakarta("Sample", "@Embeddable public class Sample {" + fields + " }");
        JavaFileObject f = jakarta("Probe", "@Entity public class Probe { @Id Long id;",
                "  @ElementCollection java.util.Set<Sample> samples; }");
        assertError(compileAll(value, f), f, "DL139", "samples",
                "Primary key probe_samples_pkey of table probe_samples has 33 columns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)",
            "@Enumerated(EnumType.STRING)", "@Enumerated(EnumType.ORDINAL)", ""})
    void anEnumWithoutConstants(String mapping) {
        JavaFileObject status = jakarta("Status", "public enum Status { }");
        JavaFileObject f = jakarta("Ticket", "@Entity public class Ticket { @Id Long id;", "  " + mapping,
                "  Status status; }");
        Compilation c = compileAll(status, f);
        assertError(c, f, "DL140", "Status status", "Ticket.status has the enum type test.Status, which has no constants");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void twoEmbeddablesThatEmbedEachOtherAreOneError() {
        JavaFileObject a = jakarta("Front", "@Embeddable public class Front { String label; @Embedded Back back; }");
        JavaFileObject b = jakarta("Back", "@Embeddable public class Back { String note; @Embedded Front front; }");
        JavaFileObject f = jakarta("Card", "@Entity public class Card { @Id Long id;", "  @Embedded Front face; }");
        Compilation c = compileAll(a, b, f);
        assertError(c, b, "DL123", "Front front",
                "test.Front embeds test.Back (Front.back), which embeds test.Front (Back.front), within itself");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void anElementCollectionOfEntities() {
        JavaFileObject tag = jakarta("Tag", "@Entity public class Tag { @Id Long id; }");
        JavaFileObject f = jakarta("Post", "@Entity public class Post { @Id Long id;",
                "  @ElementCollection java.util.Set<Tag> tags; }");
        Compilation c = compileAll(tag, f);
        assertError(c, f, "DL141", "Set<Tag> tags", "map a collection of entities with @OneToMany or @ManyToMany");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    /**
     * A relation or an embedded value that does not fit whether its type is a collection. Hibernate
     * 7 refuses a to-many on one entity; it maps a to-one or an embedded value on a collection as if
     * the type were its element, which fails when a row is loaded into the collection-typed field.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@OneToMany | Target target | which is one entity, not a collection | with @ManyToOne or @OneToOne",
            "@ManyToMany | Target target | which is one entity, not a collection | with @ManyToOne or @OneToOne",
            "@ManyToOne | java.util.List<Target> targets | which is a collection | with @OneToMany or @ManyToMany",
            "@OneToOne | java.util.Set<Target> targets | which is a collection | with @OneToMany or @ManyToMany",
            "@Embedded | java.util.List<Part> parts | which is a collection | of embeddables with @ElementCollection"})
    void aMappingThatDoesNotFitWhetherItsTypeIsACollection(String annotation, String field, String what, String hint) {
        JavaFileObject target = jakarta("Target", "@Entity public class Target { @Id Long id; }");
        JavaFileObject part = jakarta("Part", "@Embeddable public class Part { String name; }");
        JavaFileObject f = jakarta("Holder", "@Entity public class Holder { @Id Long id;", "  " + annotation,
                "  " + field + "; }");
        Compilation c = compileAll(target, part, f);
        String name = field.substring(field.lastIndexOf(' ') + 1);
        assertError(c, f, "DL142", annotation, annotation + " on Holder." + name + " does not fit its type");
        assertThat(c).hadErrorContaining(what);
        assertThat(c).hadErrorContaining(hint);
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void anEnumeratedWithAConverter() {
        JavaFileObject mood = jakarta("Mood", "public enum Mood { CALM, ANGRY }");
        JavaFileObject converter = jakarta("MoodCode", "public class MoodCode implements AttributeConverter<Mood, Integer> {",
                "  public Integer convertToDatabaseColumn(Mood m) { return 1; }",
                "  public Mood convertToEntityAttribute(Integer i) { return null; } }");
        JavaFileObject f = jakarta("Diary", "@Entity public class Diary { @Id Long id;",
                "  @Enumerated(EnumType.STRING) @Convert(converter = MoodCode.class) Mood mood; }");
        assertError(compileAll(mood, converter, f), f, "DL143", "Mood mood", "remove @Enumerated, or remove @Convert");
    }

    @Test
    void aGeneratedValueOffTheId() {
        JavaFileObject f = jakarta("Counter", "@Entity public class Counter { @Id Long id;",
                "  @GeneratedValue Long serial; }");
        assertError(compileAll(f), f, "DL144", "Long serial", "@GeneratedValue on Counter.serial, which is not part of the id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@OneToMany(mappedBy = \"nope\") java.util.List<Line> lines | @ManyToOne Shop shop",
            "@ManyToMany(mappedBy = \"nope\") java.util.Set<Line> lines | @ManyToMany java.util.Set<Shop> shops",
            "@OneToOne(mappedBy = \"nope\") Line line | @OneToOne Shop shop"})
    void aMappedByNamingNoAttribute(String field, String inverse) {
        JavaFileObject line = jakarta("Line", "@Entity public class Line { @Id Long id; " + inverse + "; }");
        JavaFileObject f = jakarta("Shop", "@Entity public class Shop { @Id Long id;", "  " + field + "; }");
        Compilation c = compileAll(line, f);
        assertError(c, f, "DL145", "nope", "the target entity test.Line has no attribute 'nope'");
        assertThat(c).hadErrorContaining("name the attribute of test.Line that refers back to test.Shop");
        assertEquals(1, c.errors().size(), () -> c.errors().toString());
    }

    @Test
    void aMappedByNamingAnAttributeOfAnotherEntity() {
        JavaFileObject other = jakarta("Other", "@Entity public class Other { @Id Long id; }");
        JavaFileObject line = jakarta("Line", "@Entity public class Line { @Id Long id; @ManyToOne Other other; }");
        JavaFileObject f = jakarta("Shop", "@Entity public class Shop { @Id Long id;",
                "  @OneToMany(mappedBy = \"other\") java.util.List<Line> lines; }");
        assertError(compileAll(other, line, f), f, "DL145", "mappedBy", "Line.other refers to test.Other, not to test.Shop");
    }

    @Test
    void aMappedByNamingAnInheritedAttributeIsFine() {
        JavaFileObject base = jakarta("Owned", "@MappedSuperclass public class Owned { @ManyToOne Shop shop; }");
        JavaFileObject line = jakarta("Line", "@Entity public class Line extends Owned { @Id Long id; }");
        JavaFileObject f = jakarta("Shop", "@Entity public class Shop { @Id Long id;",
                "  @OneToMany(mappedBy = \"shop\") java.util.List<Line> lines; }");
        assertThat(compileAll(base, line, f)).succeededWithoutWarnings();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ManyToOne", "OneToOne"})
    void aColumnOnAToOneRelation(String relation) {
        JavaFileObject target = jakarta("Target", "@Entity public class Target { @Id Long id; }");
        JavaFileObject f = jakarta("Ref", "@Entity public class Ref { @Id Long id;",
                "  @" + relation + " @Column(name = \"owner\") Target target; }");
        assertError(compileAll(target, f), f, "DL146", "owner", "use @JoinColumn(name = ...) instead");
    }

    @Test
    void everyErrorOfOneRunIsReportedAndTheOtherTablesAreKept() {
        JavaFileObject a = jakarta("NoIdA", "@Entity public class NoIdA { String a; }");
        JavaFileObject b = jakarta("NoIdB", "@Entity public class NoIdB { String b; }");
        JavaFileObject good = jakarta("Good", "@Entity public class Good { @Id Long id; }");
        Compilation c = compileAll(a, b, good);
        assertThat(c).hadErrorContaining("[DL100]").inFile(a).onLineContaining("NoIdA");
        assertThat(c).hadErrorContaining("[DL100]").inFile(b).onLineContaining("NoIdB");
        assertEquals(2, capture.errors());
        assertEquals(QualifiedName.of("good"), capture.model().tables().get(0).name());
        assertEquals(1, capture.model().tables().size());
        assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
                && d.getMessage(null).contains("Exception")), "no stack trace");
    }
}
