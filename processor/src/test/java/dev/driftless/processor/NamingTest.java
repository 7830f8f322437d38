package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Adriftless.naming}: Hibernate's default names, or Spring Boot's snake case. */
class NamingTest {

    @TempDir
    Path history;

    private static final JavaFileObject SOURCE = JavaFileObjects.forSourceLines("cei.FactEnergyHourly",
            "package cei;",
            "import jakarta.persistence.*;",
            "@Entity",
            "@Table(indexes = @Index(name = \"idx_hourly_reading_time\", columnList = \"readingTime DESC\"),",
            "    uniqueConstraints = @UniqueConstraint(columnNames = {\"dataSource\", \"readingTime\"}))",
            "public class FactEnergyHourly {",
            "  @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;",
            "  @Column(name = \"dataSource\") String dataSource;",
            "  java.time.Instant readingTime;",
            "  Double energyKwh;",
            "}");

    private String snapshot(String... options) throws IOException {
        var all = new ArrayList<>(List.of("-Adriftless.history=" + history, "-Adriftless.freeze=initial"));
        all.addAll(List.of(options));
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(SOURCE);
        assertThat(c).succeeded();
        return Files.readString(history.resolve("snapshot.driftless"));
    }

    @Test
    void snakeCaseAppliesToTablesColumnsSequencesAndTheColumnsConstraintsName() throws IOException {
        assertEquals("""
                # Driftless schema snapshot: the model as of version 1. Written by freeze; do not edit.
                driftless-snapshot 1
                version 1

                sequence fact_energy_hourly_seq start=1 increment=50

                table fact_energy_hourly
                  column id bigint not-null
                  column data_source "character varying(255)"
                  column reading_time "timestamp(6) with time zone"
                  column energy_kwh "double precision"
                  primary-key fact_energy_hourly_pkey (id)
                  unique fact_energy_hourly_data_source_reading_time_key (data_source, reading_time)
                  index idx_hourly_reading_time (reading_time desc)
                """, snapshot("-Adriftless.naming=snake_case"));
    }

    @Test
    void theDefaultIsHibernatesWhichPostgresFoldsToLowerCase() throws IOException {
        String text = snapshot();
        assertEquals(true, text.contains("table factenergyhourly\n"), text);
        assertEquals(true, text.contains("column readingtime "), text);
    }

    @Test
    void anUnknownNamingIsAnError() {
        Compilation c = Compiler.javac().withProcessors(new DriftlessProcessor())
                .withOptions("-Adriftless.history=" + history, "-Adriftless.naming=camel").compile(SOURCE);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL214] -Adriftless.naming=camel is not a naming this version knows");
    }
}
