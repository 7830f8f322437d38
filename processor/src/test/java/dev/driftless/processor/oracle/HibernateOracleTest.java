package dev.driftless.processor.oracle;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationIndex;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.processor.CompiledClassLoader;
import dev.driftless.processor.DriftlessProcessor;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hibernate is the oracle. The corpus under {@code src/test/corpus} uses every mapping the
 * processor reads. Database A gets Hibernate's own schema creation; database B gets the version
 * Driftless froze for the same classes, applied by the {@link Migrator}. Both are read back from
 * {@code pg_catalog} and must agree fact by fact (see {@link SchemaFacts} for the one naming rule),
 * and Hibernate's schema validation must accept database B.
 *
 * <p>It runs once for each Hibernate line the processor models: on the test class path's Hibernate
 * here, and in the build's {@code hibernate-lines} executions with another line's hibernate-core in its
 * place (the system property {@code driftless.test.hibernateLine} says which). The processor is given
 * no line: it must find the one on the class path by itself, and say so. A corpus file that only some
 * lines map names them in a {@code // Hibernate lines:} comment.
 */
class HibernateOracleTest {

    private static final Path CORPUS = Path.of("src", "test", "corpus");
    /**
     * Ids drawn from tables, apart: Hibernate 7.1 writes each id table's first row twice, so its own
     * schema creation fails on the second insert unless errors are let pass; the catalogs are
     * compared as for the corpus.
     */
    private static final Path ID_TABLES = Path.of("src", "test", "corpus-idtables");

    private boolean haltOnError = true;

    /** The Hibernate line on this test's class path. */
    static final String LINE = System.getProperty("driftless.test.hibernateLine", "7.1");

    private static final Pattern LINES_COMMENT = Pattern.compile("(?m)^// Hibernate lines: (.+)$");

    @TempDir
    Path history;

    private String naming;

    /**
     * @param naming Driftless's {@code driftless.naming}; Hibernate gets the physical naming
     *     strategy that option stands for
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpa", "snake_case", "quoted"})
    void driftlessBuildsTheSchemaHibernateBuildsAndHibernateValidatesIt(String naming) throws Exception {
        String expected = buildBothAndCompare(naming, "postgresql");
        if (naming.equals("jpa")) {
            // The comparison covers the constructs, not an empty or partial schema, and what sets the lines apart.
            for (String witness : lineWitnesses()) {
                assertTrue(expected.contains(witness), () -> "no '" + witness + "' on Hibernate " + LINE + " in\n" + expected);
            }
            for (String witness : witnesses()) {
                assertTrue(expected.contains(witness), () -> "no '" + witness + "' in\n" + expected);
            }
            // @SecondaryTable(foreignKey = @ForeignKey(NO_CONSTRAINT)): no foreign key.
            assertFalse(expected.contains("table kennel_log foreign key"), expected);
        }
    }

    /**
     * With {@code driftless.derivedNames=hibernate} the unnamed foreign keys and non-unique indexes
     * get Hibernate's own names, compared exactly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpa", "snake_case", "quoted"})
    void withHibernateNamesEveryForeignKeyAndIndexIsNamedAsHibernateNamesIt(String naming) throws Exception {
        String expected = buildBothAndCompare(naming, "hibernate");
        // Hibernate's names are there to compare: a foreign key and an index of the corpus.
        assertTrue(expected.matches("(?s).*foreign key (?i:fk)[0-9a-y]{20,} .*"), expected);
        assertTrue(expected.matches("(?s).*index (?i:idx)[0-9a-y]{20,} .*"), expected);
    }

    /**
     * Builds database A with Hibernate and database B with Driftless's frozen version, with the given
     * {@code driftless.derivedNames}, compares them (foreign key and index names exactly under
     * {@code hibernate}) and has Hibernate validate B; returns A's facts.
     */
    private String buildBothAndCompare(String naming, String derivedNames) throws Exception {
        this.naming = naming;
        boolean exactNames = derivedNames.equals("hibernate");
        Compilation compilation = Compiler.javac()
                .withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=corpus", "-Adriftless.naming=" + naming,
                        "-Adriftless.derivedNames=" + derivedNames)
                .compile(corpus(CORPUS));
        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("Driftless builds the schema as Hibernate " + LINE + " maps it (hibernate-core "
                + LINE);
        var loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        List<Class<?>> entities = entities(loader);
        assertFalse(entities.isEmpty(), "the corpus has entities");

        try (TestDatabase hibernate = PostgresFixture.shared().createDatabase();
                TestDatabase driftless = PostgresFixture.shared().createDatabase()) {
            String ddl = hibernateSchema(hibernate, entities, loader, "create");
            List<Migration> migrations = ServiceLoader.load(MigrationIndex.class, loader).stream()
                    .flatMap(p -> p.get().migrations().stream())
                    .toList();
            Migrator migrator = Migrator.builder(driftless.dataSource()).migrations(migrations).build();
            migrator.migrate();
            // The names the server chose (an identity's sequence, say) are the ones the snapshot expects.
            var drift = migrator.checkDrift(SnapshotFormat.read(
                    Files.readString(history.resolve(SnapshotFormat.FILE_NAME), StandardCharsets.UTF_8), "snapshot"));
            assertFalse(drift.differs(), drift::toString);

            SchemaModel a = introspect(hibernate);
            SchemaModel b = introspect(driftless);
            String expected = SchemaFacts.of(a, exactNames);
            String actual = SchemaFacts.of(b, exactNames);
            assertEquals(expected, actual, () -> "Hibernate's DDL:\n" + ddl + "\nDriftless's version:\n" + version());

            // Hibernate's own check of a database it did not build: it must find what it expects.
            hibernateSchema(driftless, entities, loader, "validate");
            return expected;
        }
    }

    /** Facts of the corpus on every line, under the default naming. */
    private static List<String> witnesses() {
        return List.of("enum type mood [ANGRY, CALM]",
                        "table car foreign key * [id->id] references vehicle on delete CASCADE",
                        "table cardpayment column amount numeric(38,2)", "table customer column billing_lat double precision",
                        "table customer_nicknames column nicknames", "table holder_token primary key",
                        "table kinds column settings jsonb", "table kinds column labels character varying(255)[]",
                        "table refund_detail column explanation character varying(2000)",
                        "table refund foreign key * [refunded_line->line, refunded_order->order_no]",
                        "table shipment column carrier", "table signup column email character varying(255) not null",
                        "table ticket column assignee_site_id bigint", "table orders column owner_id bigint",
                        "table customerprofile primary key customerprofile_pkey [customer_id]",
                        "table customerprofile foreign key * [customer_id->id] references customer",
                        "table meterday primary key meterday_pkey [day, meter_ref]",
                        "table meterday foreign key * [meter_ref->id] references meter",
                        "table ledgercredit primary key ledgercredit_pkey [credit_id]",
                        "table ledgercredit foreign key credit_ledger_fk [credit_id->id] references ledger",
                        "table ledgerdebit foreign key * [debit_id->id] references ledger",
                        "table roster_phones foreign key roster_phones_roster_fk [roster_id->id] references roster",
                        "table roster_ledgers foreign key roster_ledgers_ledger_fk [ledger_id->id] references ledger",
                        "table roster_ledgers foreign key roster_ledgers_roster_fk [roster_id->id] references roster",
                        "table roster_roles foreign key * [ledger_ref->id] references ledger",
                        "table roster_raw column raw_key character varying(255) not null",
                        "table roster_shifts column shifts_key character varying(255) not null",
                        // Derived names shortened as the server shortens them: 58 bytes of the table, the suffix.
                        "table calibration_adjustments_recorded_per_meter_and_region_history primary key "
                                + "calibration_adjustments_recorded_per_meter_and_region_hist_pkey [id]",
                        "sequence calibration_adjustments_recorded_per_meter_and_region_history_s start 1 increment 50",
                        // Two tables that share their first 58 bytes: the second's derived names are numbered,
                        // the base shortened again so that the number fits.
                        "table meter_calibration_adjustments_recorded_by_region_and_hours_a primary key "
                                + "meter_calibration_adjustments_recorded_by_region_and_hours_pkey [id]",
                        "table meter_calibration_adjustments_recorded_by_region_and_hours_b primary key "
                                + "meter_calibration_adjustments_recorded_by_region_and_hour_pkey1 [id]",
                        "table meter_calibration_adjustments_recorded_by_region_and_hours_a check "
                                + "meter_calibration_adjustments_recorded_by_region_an_level_check (level > 0)",
                        "table meter_calibration_adjustments_recorded_by_region_and_hours_b check "
                                + "meter_calibration_adjustments_recorded_by_region_a_level_check1 (level > 0)",
                        // Hibernate's @GenericGenerator: a sequence's parameters, its defaults, a package's generator.
                        "sequence winch_seq start 1 increment 1", "sequence winder_seq start 1 increment 50",
                        "sequence pulley_gen start 1 increment 50", "sequence spool_seq start 3 increment 4",
                        "sequence hoist_gen start 1 increment 50", "table rigging column id uuid not null",
                        "table setting column active boolean", "table toggle column is_on boolean",
                        "table capture_sessions column booking_id bigint",
                        "table bookingcharge foreign key fk_booking_charges [booking_ref->id] references booking",
                        "table gauge column dial_ref bigint",
                        // @JoinColumn(table): the join columns and their foreign keys in the secondary table.
                        "table shelf_place column site_id bigint", "table shelf_place column line_no integer",
                        "table shelf_place foreign key * [site_id->id] references grid.site",
                        "table shelf_place foreign key * [twin_id->id] references shelf",
                        "table shelf_place foreign key * [line_no->line, line_order->order_no] references orderline",
                        "table shelf_place unique shelf_place_twin_id_key [twin_id]", "table shelf column spare_id bigint",
                        // @JoinTable and @CollectionTable indexes and unique constraints, on their tables.
                        "table crate_sites index * (sites_id desc)", "table crate_sites index crate_sites_owner_idx (crate_id)",
                        "table crate_sites unique crate_sites_pair_key [crate_id, sites_id]",
                        "table crate_tags unique crate_tags_tags_key [tags]", "table crate_tags unique crate_tags_crate_id_tags_key [crate_id, tags]",
                        // A one-to-many's join column in its target's table: its columnDefinition and unique.
                        "table crateslot column crate_ref integer", "table crateslot unique crateslot_crate_ref_key [crate_ref]",
                        "table crateslot foreign key * [crate_ref->id] references crate",
                        // A single-table subclass's @SecondaryTable, keyed by the root's key.
                        "table heater_detail primary key heater_detail_pkey [id]",
                        "table heater_detail foreign key * [id->id] references gadget",
                        "table heater_detail column model character varying(40) not null",
                        "table heater_detail column maxwatts integer", "table gadget column power integer",
                        // A @SecondaryTable's foreign key named by its foreignKey (not by its pkJoinColumns').
                        "table kennel_detail foreign key kennel_detail_kennel_fk [id->id] references kennel",
                        "table kennel_run foreign key * [kennel_id->id] references kennel", "table kennel_log column entry",
                        // A to-one's @JoinTable: keyed by the owner's key, referencing the owner and the target.
                        "table berth_site primary key berth_site_pkey [id]", "table berth_site foreign key * [id->id] references berth",
                        "table berth_site foreign key * [site_id->id] references grid.site",
                        "table berth_dock primary key berth_dock_pkey [berth_ref]", "table berth_dock column dock_ref bigint not null",
                        "table berth_dock foreign key * [dock_ref->id] references grid.site",
                        "table berth_dock unique berth_dock_pair_key [berth_ref, dock_ref]",
                        "table grid.berth_tag unique berth_tag_tag_id_key [tag_id]", "table berth_twin column twin_id bigint not null",
                        "table berth_shelf primary key berth_shelf_pkey [id]", "table berth_keeper column keeper_id bigint not null",
                        "table tortoise_site foreign key * [id->id] references animal");
    }

    /** Ids from Hibernate's default id table and a named one, a relation through a formula and one through the key. */
    @ParameterizedTest
    @ValueSource(strings = {"jpa", "snake_case"})
    void idTablesAndColumnlessRelationsAsHibernateMapsThem(String naming) throws Exception {
        this.naming = naming;
        this.haltOnError = false;
        Compilation compilation = Compiler.javac()
                .withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=idtables", "-Adriftless.naming=" + naming)
                .compile(corpus(ID_TABLES));
        assertThat(compilation).succeeded();
        var loader = new CompiledClassLoader(compilation, getClass().getClassLoader());
        List<Class<?>> entities = entities(loader);
        try (TestDatabase hibernate = PostgresFixture.shared().createDatabase();
                TestDatabase driftless = PostgresFixture.shared().createDatabase()) {
            String ddl = hibernateSchema(hibernate, entities, loader, "create");
            List<Migration> migrations = ServiceLoader.load(MigrationIndex.class, loader).stream()
                    .flatMap(p -> p.get().migrations().stream())
                    .toList();
            Migrator.builder(driftless.dataSource()).migrations(migrations).build().migrate();
            String expected = SchemaFacts.of(introspect(hibernate));
            assertEquals(expected, SchemaFacts.of(introspect(driftless)),
                    () -> "Hibernate's DDL:\n" + ddl + "\nDriftless's version:\n" + version());
            for (String witness : List.of("table hibernate_sequences primary key hibernate_sequences_pkey [sequence_name]",
                    "table id_blocks column next_block bigint", "table id_blocks column block_name character varying(255) not null",
                    "table coil_ids column coil_next bigint", "table coil_ids primary key coil_ids_pkey [coil_key]")) {
                assertTrue(expected.contains(witness), () -> "no '" + witness + "' in\n" + expected);
            }
            // A package's @TableGenerator, named and (Hibernate 7) by default; no generator's unique constraint or index.
            for (String witness : List.of("table ticket_blocks primary key ticket_blocks_pkey [ticket_key]",
                    "table ticket_blocks column ticket_next bigint", "table badge_blocks primary key badge_blocks_pkey [sequence_name]")) {
                assertTrue(expected.contains(witness), () -> "no '" + witness + "' in\n" + expected);
            }
            for (String table : List.of("ticket_blocks", "badge_blocks")) {
                assertFalse(expected.contains("table " + table + " unique") || expected.contains("table " + table + " index"), expected);
            }
            assertEquals(LINE.equals("6.6"), expected.contains("sequence token_seq"), expected);
            // Hibernate 7 takes the id's @TableGenerator, whatever its name, for a TABLE id that names none.
            assertEquals(!LINE.equals("6.6"), expected.contains("table seal_blocks "), expected);
            // No column for the relation through a formula, nor for the one through the key.
            assertFalse(expected.contains("table coupon column voucher"), expected);
            assertFalse(expected.contains("table vouchernote column voucher") || expected.contains("table voucher_note column voucher"),
                    expected);
            hibernateSchema(driftless, entities, loader, "validate");
        }
    }

    /**
     * What Hibernate builds on this line only (each fact also fails the comparison when Driftless
     * models another line): a time's precision, the single table's checks, required columns, order checks.
     */
    private static List<String> lineWitnesses() {
        return switch (LINE) {
            case "6.6" -> List.of("table kinds column clock time(6) without time zone",
                    // A @GeneratedValue that names no generator passes over the id's named @SequenceGenerator.
                    "sequence rivet_seq start 1 increment 50",
                    // An identity @GenericGenerator under @GeneratedValue(AUTO): 6.6 keeps the sequence.
                    "sequence crane_gen start 1 increment 50",
                    "table permit column code character varying(255)\n", "table permit_detail column detail",
                    "table permit_sites primary key", "table permit_notes column notes",
                    "sequence lot_seq start 1 increment 10", "table lot column code character varying(20)\n",
                    "table meter column opensatmillis time(6) without time zone",
                    "table meter column coarse timestamp(6) with time zone", "table meter",
                    "table animal column favourite_id bigint not null",
                    "table animal column goodboy boolean\n", "table customer_phone column position integer not null\n",
                    "table tag column version integer\n", "table revision column updated_at timestamp(6) with time zone\n",
                    // Unnamed checks as the server names them: the root's @Check, then the subclass's.
                    "table animal check animal_check (((name)::text <> ''::text) OR (id > 0))",
                    "table animal check animal_check1 (((breed)", "table animal check animal_wings_check (wings >= 0)",
                    "table berth_site column site_id bigint\n", "table tortoise_site column site_id bigint not null");
            case "7.1" -> List.of("table kinds column clock time(0) without time zone", "table animal check",
                    // A @GeneratedValue that names no generator takes the id's @SequenceGenerator, whatever its name.
                    "sequence rivet_numbers start 1 increment 3",
                    // The subclasses' checks in the order Hibernate binds them (as the classes are given, here
                    // by class name, each after the class it extends; not by discriminator value), then the
                    // classes' @Check; one on one column is named after it.
                    "table animal check animal_check (((dtype)::text <> 'parrot'::text) OR (wings IS NOT NULL))",
                    "table animal check animal_check1 (((dtype)::text <> 'Cat'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check2 (((dtype)::text <> 'Bobcat'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check4 (((dtype)::text <> 'Kitten'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check5 (((dtype)::text <> 'Snake'::text) OR ((scales IS NOT NULL) AND",
                    "table animal check animal_check6 (((name)::text <> ''::text) OR (id > 0))",
                    "table animal check animal_check7 (((breed)", "table animal check animal_wings_check (wings >= 0)",
                    "table gauge check gauge_range", "table gauge check gauge_low_positive",
                    "ARRAY[1, 2, 78701]",
                    "table meter comment 'Energy meters'", "table animal column favourite_id bigint\n",
                    "table customer_phone column position integer not null\n", "table tag column version integer\n",
                    "table revision column updated_at timestamp(6) with time zone\n",
                    "table berth_site column site_id bigint\n", "table tortoise_site column site_id bigint\n");
            default -> List.of("table kinds column clock time(0) without time zone", "table animal check",
                    "sequence rivet_numbers start 1 increment 3",
                    "table animal check animal_check (((dtype)::text <> 'parrot'::text) OR (wings IS NOT NULL))",
                    "table animal check animal_check1 (((dtype)::text <> 'Cat'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check2 (((dtype)::text <> 'Bobcat'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check4 (((dtype)::text <> 'Kitten'::text) OR ((colour IS NOT NULL) AND",
                    "table animal check animal_check5 (((dtype)::text <> 'Snake'::text) OR ((scales IS NOT NULL) AND",
                    "table animal check animal_check6 (((name)::text <> ''::text) OR (id > 0))",
                    "table animal check animal_check7 (((breed)", "table animal check animal_wings_check (wings >= 0)",
                    "table gauge check gauge_range", "table gauge check gauge_low_positive",
                    "ARRAY[1, 2, 78701]",
                    "table customer_phone check customer_phone_position_check (\"position\" >= 0)", "table tag column version integer not null",
                    "table revision column updated_at timestamp(6) with time zone not null",
                    "table revision column created_on timestamp(6) without time zone not null",
                    "table customer_site primary key customer_site_pkey [sites_id]\n",
                    "table berth_site column site_id bigint not null", "table tortoise_site column site_id bigint not null");
        };
    }

    private static JavaFileObject[] corpus(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            var sources = new ArrayList<JavaFileObject>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.java$", "");
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher lines = LINES_COMMENT.matcher(source);
                if (lines.find() && !List.of(lines.group(1).strip().split("[, ]+")).contains(LINE)) {
                    continue;
                }
                sources.add(JavaFileObjects.forSourceString(name, source));
            }
            return sources.toArray(JavaFileObject[]::new);
        }
    }

    /** The entities the processor listed for incremental builds: every entity of the corpus. */
    private static List<Class<?>> entities(ClassLoader loader) throws IOException, ClassNotFoundException {
        var classes = new ArrayList<Class<?>>();
        try (InputStream in = loader.getResourceAsStream("META-INF/driftless/entities")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    classes.add(Class.forName(line.strip(), true, loader));
                }
            }
        }
        return classes;
    }

    /**
     * Boots Hibernate on the database with {@code hibernate.hbm2ddl.auto} set to {@code action}; for
     * {@code create} returns the DDL Hibernate ran.
     */
    private String hibernateSchema(TestDatabase database, List<Class<?>> entities, ClassLoader loader, String action)
            throws IOException {
        Path script = history.resolve("hibernate-" + action + ".sql");
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", database.jdbcUrl());
        settings.put("hibernate.hbm2ddl.auto", action);
        settings.put("jakarta.persistence.schema-generation.database.action", action.equals("create") ? "create" : "none");
        settings.put("hibernate.hbm2ddl.create_namespaces", "true");
        settings.put("hibernate.hbm2ddl.halt_on_error", String.valueOf(haltOnError));
        settings.put("jakarta.persistence.validation.mode", "ddl");
        if (naming.equals("snake_case")) {
            settings.put("hibernate.physical_naming_strategy",
                    "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        }
        if (naming.equals("quoted")) {
            settings.put("hibernate.globally_quoted_identifiers", "true");
            settings.put("hibernate.globally_quoted_identifiers_skip_column_definitions", "true");
        }
        if (action.equals("create")) {
            settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
            settings.put("jakarta.persistence.schema-generation.scripts.create-target", script.toString());
            settings.put("hibernate.format_sql", "false");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(settings).build();
        try {
            var sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            // A package-info's annotations (generators), as Spring Boot's entity scan registers its package.
            entities.stream().map(e -> e.getPackageName()).distinct()
                    .filter(p -> loader.getResource(p.replace('.', '/') + "/package-info.class") != null)
                    .forEach(sources::addPackage);
            try (SessionFactory ignored = sources.buildMetadata().buildSessionFactory()) {
                // Building the session factory runs the schema action.
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            thread.setContextClassLoader(previous);
        }
        return Files.exists(script) ? Files.readString(script, StandardCharsets.UTF_8) : "";
    }

    private String version() {
        try (Stream<Path> files = Files.list(history)) {
            var text = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("V")).sorted().toList()) {
                text.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return text.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Every schema but PostgreSQL's own, without Driftless's history table. */
    private static SchemaModel introspect(TestDatabase database) throws SQLException {
        try (Connection c = database.connect()) {
            Set<String> schemas = new TreeSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select nspname from pg_namespace where nspname not like 'pg\\_%' "
                            + "and nspname not in ('information_schema', 'public')")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return PostgresIntrospector.read(c, schemas, Set.of(QualifiedName.of("driftless_history")));
        }
    }
}
