package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.VersionFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing silent loses data: declared renames, likely renames, and data loss that must be accepted. */
class EvolutionTest {

    @TempDir
    Path history;

    private static JavaFileObject hourly(String... fields) {
        var lines = new ArrayList<>(List.of(
                "package cei;",
                "import jakarta.persistence.*;",
                "import dev.driftless.annotations.RenamedFrom;",
                "@Entity @Table(name = \"fact_energy_hourly\")",
                "public class Hourly {",
                "  @Id Long id;"));
        lines.addAll(List.of(fields));
        lines.add("}");
        return JavaFileObjects.forSourceLines("cei.Hourly", lines);
    }

    private Compilation compile(JavaFileObject source, String... options) {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(source);
    }

    private FrozenVersion version(String file) throws IOException {
        return VersionFormat.read(Files.readString(history.resolve(file)), file);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(history)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @BeforeEach
    void freezeTheFirstModel() {
        assertThat(compile(hourly("  @Column(name = \"energy_kwh\") Double energyKwh;"), "-Adriftless.freeze=initial"))
                .succeeded();
    }

    @Test
    void aRenamedFromOnARelationRenamesItsJoinColumn() throws IOException {
        String kwh = "  @Column(name = \"energy_kwh\") Double energyKwh;";
        assertThat(compile(hourly(kwh, "  @ManyToOne @JoinColumn(name = \"previous_id\") Hourly previous;"),
                "-Adriftless.freeze=previous")).succeeded();
        Compilation c = compile(hourly(kwh,
                "  @ManyToOne @RenamedFrom(\"previous_id\") @JoinColumn(name = \"prior_id\") Hourly prior;"),
                "-Adriftless.freeze=prior");
        assertThat(c).succeeded();
        FrozenVersion v3 = version("V0003__prior.sql");
        assertEquals("ALTER TABLE fact_energy_hourly RENAME COLUMN previous_id TO prior_id", v3.up().get(0));
        assertTrue(v3.up().stream().noneMatch(s -> s.contains("DROP COLUMN")), v3.up().toString());
    }

    @Test
    void aDeclaredRenameIsFrozenAsARenameBothWays() throws IOException {
        Compilation c = compile(hourly("  @RenamedFrom(\"energy_kwh\") @Column(name = \"kwh\") Double kwh;"),
                "-Adriftless.freeze=rename_kwh");
        assertThat(c).succeeded();
        // The only warning is the lint's: instances of the previous version still query energy_kwh.
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("[DL208] Version 2 has a step that stops a busy table: rename column"
                + " fact_energy_hourly.energy_kwh to kwh");
        FrozenVersion v2 = version("V0002__rename_kwh.sql");
        assertEquals(List.of("ALTER TABLE fact_energy_hourly RENAME COLUMN energy_kwh TO kwh"), v2.up());
        assertEquals(List.of("ALTER TABLE fact_energy_hourly RENAME COLUMN kwh TO energy_kwh"), v2.down());

        // The annotation can stay: the old name is gone from the snapshot, so nothing more happens.
        Compilation again = compile(hourly("  @RenamedFrom(\"energy_kwh\") @Column(name = \"kwh\") Double kwh;"),
                "-Adriftless.check=true");
        assertThat(again).succeededWithoutWarnings();
    }

    @Test
    void aDeclaredTableRenameKeepsTheTableAndRenamesWhatIsNamedAfterIt() throws IOException {
        JavaFileObject renamed = JavaFileObjects.forSourceLines("cei.Hourly",
                "package cei;",
                "import jakarta.persistence.*;",
                "import dev.driftless.annotations.RenamedFrom;",
                "@Entity @Table(name = \"energy_hourly\") @RenamedFrom(\"fact_energy_hourly\")",
                "public class Hourly {",
                "  @Id Long id;",
                "  @Column(name = \"energy_kwh\") Double energyKwh;",
                "}");
        Compilation c = compile(renamed, "-Adriftless.freeze=rename_table");
        assertThat(c).succeeded();
        assertThat(c).hadWarningCount(1);
        assertThat(c).hadWarningContaining("[DL208] Version 2 has a step that stops a busy table: rename table"
                + " fact_energy_hourly to energy_hourly");
        FrozenVersion v2 = version("V0002__rename_table.sql");
        assertEquals(List.of(
                "ALTER TABLE fact_energy_hourly RENAME TO energy_hourly",
                "ALTER TABLE energy_hourly RENAME CONSTRAINT fact_energy_hourly_pkey TO energy_hourly_pkey"), v2.up());
        assertEquals(List.of(
                "ALTER TABLE energy_hourly RENAME TO fact_energy_hourly",
                "ALTER TABLE fact_energy_hourly RENAME CONSTRAINT energy_hourly_pkey TO fact_energy_hourly_pkey"),
                v2.down());
    }

    @Test
    void anUndeclaredRenameIsWarnedAtTheFieldAndItsDataLossMustBeAccepted() throws IOException {
        JavaFileObject renamed = hourly("  @Column(name = \"kwh\")", "  Double kwh;");
        Compilation draft = compile(renamed);
        assertThat(draft).succeeded();
        assertThat(draft).hadWarningContaining("[DL206] Column fact_energy_hourly.energy_kwh is dropped and kwh")
                .inFile(renamed).onLineContaining("Double kwh");
        assertThat(draft).hadWarningContaining("@dev.driftless.annotations.RenamedFrom(\"energy_kwh\")");
        String note = draft.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[DL200]"))
                .findFirst().orElseThrow();
        int drop = note.indexOf("drop column fact_energy_hourly.energy_kwh  (discards data)");
        int add = note.indexOf("add column fact_energy_hourly.kwh double precision");
        assertTrue(drop > 0 && add > drop, "what discards data comes first, marked: " + note);

        Compilation refused = compile(renamed, "-Adriftless.freeze=kwh");
        assertThat(refused).failed();
        assertThat(refused).hadErrorContaining("[DL205] Version 2 would discard data, so it was not frozen");
        assertThat(refused).hadErrorContaining("drop column fact_energy_hourly.energy_kwh");
        assertEquals(List.of("V0001__initial.sql", "changelog.md", "schema.md", "snapshot.driftless"), files(), "nothing was written");

        Compilation accepted = compile(renamed, "-Adriftless.freeze=kwh", "-Adriftless.acceptDataLoss=true");
        assertThat(accepted).succeeded();
        FrozenVersion v2 = version("V0002__kwh.sql");
        assertTrue(v2.up().contains("ALTER TABLE fact_energy_hourly DROP COLUMN energy_kwh"), v2.up().toString());
    }

    /** Hibernate's annotation, declared here: the processor reads it by name, Hibernate is not needed. */
    private static final JavaFileObject COLUMN_DEFAULT = JavaFileObjects.forSourceLines(
            "org.hibernate.annotations.ColumnDefault",
            "package org.hibernate.annotations;",
            "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)",
            "public @interface ColumnDefault { String value(); }");

    @Test
    void aRequiredColumnWithoutDefaultIsWarnedAndADefaultMakesItSafe() throws IOException {
        JavaFileObject required = hourly("  @Column(name = \"energy_kwh\") Double energyKwh;", "  int readings;");
        Compilation warned = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history).compile(required, COLUMN_DEFAULT);
        assertThat(warned).succeeded();
        assertThat(warned).hadWarningContaining("[DL207] Column fact_energy_hourly.readings is added NOT NULL without a default")
                .inFile(required).onLineContaining("int readings");

        JavaFileObject withDefault = hourly("  @Column(name = \"energy_kwh\") Double energyKwh;",
                "  @org.hibernate.annotations.ColumnDefault(\"0\") int readings;");
        Compilation frozen = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.freeze=readings")
                .compile(withDefault, COLUMN_DEFAULT);
        assertThat(frozen).succeededWithoutWarnings();
        assertEquals(List.of("ALTER TABLE fact_energy_hourly ADD COLUMN readings integer DEFAULT 0 NOT NULL"),
                version("V0002__readings.sql").up());
    }

    @Test
    void aWideningNeedsNoAcknowledgement() throws IOException {
        assertThat(compile(hourly("  @Column(name = \"energy_kwh\") Double energyKwh;",
                "  @Column(length = 20) String serial;"), "-Adriftless.freeze=serial")).succeeded();
        Compilation wider = compile(hourly("  @Column(name = \"energy_kwh\") Double energyKwh;",
                "  @Column(length = 40) String serial;"), "-Adriftless.freeze=longer_serial");
        assertThat(wider).succeededWithoutWarnings();
        assertEquals(List.of("ALTER TABLE fact_energy_hourly ALTER COLUMN serial TYPE character varying(40)"),
                version("V0003__longer_serial.sql").up());
    }

    @Test
    void aTypeChangeIsDataLossToo() throws IOException {
        Compilation refused = compile(hourly("  @Column(name = \"energy_kwh\") Float energyKwh;"),
                "-Adriftless.freeze=narrow");
        assertThat(refused).failed();
        assertThat(refused).hadErrorContaining(
                "change type of fact_energy_hourly.energy_kwh from double precision to real");
        assertEquals(List.of("V0001__initial.sql", "changelog.md", "schema.md", "snapshot.driftless"), files());
    }

    @Test
    void anOnlineRenameExpandsKeepsBothNamesWhileDeclaredAndContractsOnceItIsNot() throws IOException {
        String online = "  @RenamedFrom(value = \"energy_kwh\", online = true) @Column(name = \"kwh\") Double kwh;";
        Compilation expand = compile(hourly(online), "-Adriftless.freeze=expand");
        assertThat(expand).succeeded();
        assertThat(expand).hadWarningCount(0);
        FrozenVersion v2 = version("V0002__expand.sql");
        assertEquals(List.of("add column fact_energy_hourly.kwh double precision",
                "keep fact_energy_hourly.energy_kwh and kwh equal (kwh filled from energy_kwh)"), v2.operations());
        assertEquals(List.of(), v2.irreversible());
        String snapshot = Files.readString(history.resolve("snapshot.driftless"));
        assertTrue(snapshot.contains("  column energy_kwh \"double precision\"\n") && snapshot.contains("  column kwh ")
                && snapshot.contains("  sync (energy_kwh, kwh)\n"), snapshot);

        // While the rename stays online, the model is up to date: nothing to draft or freeze.
        assertThat(compile(hourly(online), "-Adriftless.check=true")).succeeded();
        assertThat(compile(hourly(online), "-Adriftless.freeze=again")).hadNoteContaining("[DL202]");

        // Online no more: the contract drops the old column without counting it as data loss.
        Compilation contract = compile(hourly("  @RenamedFrom(\"energy_kwh\") @Column(name = \"kwh\") Double kwh;"),
                "-Adriftless.freeze=contract");
        assertThat(contract).succeeded();
        FrozenVersion v3 = version("V0003__contract.sql");
        assertEquals(List.of("stop keeping fact_energy_hourly.energy_kwh and kwh equal",
                "drop column fact_energy_hourly.energy_kwh (its values are kept in kwh)"), v3.operations());
        assertEquals(List.of(), v3.irreversible());
        assertTrue(v3.down().stream().anyMatch(d -> d.startsWith("DO $driftless_batches$")), v3.down().toString());
        assertThat(compile(hourly("  @Column(name = \"kwh\") Double kwh;"), "-Adriftless.check=true")).succeeded();
    }

    @Test
    void anOnlineRenameToATypeThatCannotHoldEveryValueIsDataLoss() throws IOException {
        String online = "  @RenamedFrom(value = \"energy_kwh\", online = true) @Column(name = \"kwh\", precision = 14,"
                + " scale = 4) java.math.BigDecimal kwh;";
        Compilation refused = compile(hourly(online), "-Adriftless.freeze=expand");
        assertThat(refused).failed();
        assertThat(refused).hadErrorContaining("[DL205]");
        assertThat(refused).hadErrorContaining("keep fact_energy_hourly.energy_kwh and kwh equal (kwh filled from"
                + " energy_kwh; a value written to kwh reaches energy_kwh as double precision, which may change or refuse it)");
        assertEquals(List.of("V0001__initial.sql", "changelog.md", "schema.md", "snapshot.driftless"), files());

        assertThat(compile(hourly(online), "-Adriftless.freeze=expand", "-Adriftless.acceptDataLoss=true")).succeeded();
        assertEquals(1, version("V0002__expand.sql").irreversible().size());
        // The contract drops the only copy of the doubles as they were: data loss too.
        Compilation contract = compile(hourly(online.replace(", online = true", "")), "-Adriftless.freeze=contract");
        assertThat(contract).failed();
        assertThat(contract).hadErrorContaining("drop column fact_energy_hourly.energy_kwh (its values are kept in kwh"
                + " as numeric(14,4), which may have changed them)");
    }

    @Test
    void anOnlineRenameOfAPrimaryKeyColumnIsRefusedAtTheField() {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions(List.of("-Adriftless.history=" + history, "-Adriftless.freeze=key"))
                .compile(JavaFileObjects.forSourceLines("cei.Hourly",
                        "package cei;",
                        "import jakarta.persistence.*;",
                        "import dev.driftless.annotations.RenamedFrom;",
                        "@Entity @Table(name = \"fact_energy_hourly\")",
                        "public class Hourly {",
                        "  @Id @RenamedFrom(value = \"id\", online = true) Long hourlyId;",
                        "  @Column(name = \"energy_kwh\") Double energyKwh;",
                        "}"));
        assertThat(c).hadErrorContaining("(renamed online from id) is in the primary key, which cannot be renamed"
                + " online: rename it in place (without online = true)");
        assertThat(c).hadErrorContaining("[DL221]").inFile(c.sourceFiles().get(0)).onLineContaining("hourlyId");
    }
}
