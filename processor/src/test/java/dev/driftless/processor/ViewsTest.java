package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @View} classes become views of the model, frozen like tables; mistakes are coded errors. */
class ViewsTest {

    @TempDir
    Path history;

    private static final JavaFileObject HOURLY = JavaFileObjects.forSourceLines("example.model.Hourly",
            "package example.model;",
            "import jakarta.persistence.*;",
            "@Entity @Table(name = \"fact_energy_hourly\")",
            "public class Hourly {",
            "  @Id Long id;",
            "  @Column(nullable = false) java.time.LocalDateTime ts;",
            "  @Column(name = \"energy_kwh\") Double energyKwh;",
            "}");

    private static JavaFileObject source(String name, String... lines) {
        var all = new ArrayList<String>(List.of("package example.model;", "import dev.driftless.annotations.View;"));
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("example.model." + name, all);
    }

    private Compilation compile(List<String> options, JavaFileObject... sources) {
        var all = new ArrayList<String>(List.of("-Adriftless.history=" + history));
        all.addAll(options);
        return Compiler.javac().withProcessors(new DriftlessProcessor()).withOptions(all).compile(sources);
    }

    @Test
    void aViewClassAndAViewEntityAreFrozenAsViews() throws IOException {
        JavaFileObject monthly = source("Monthly",
                "@View(name = \"v_energy_monthly\", query = \"\"\"",
                "    SELECT date_trunc('month', ts)::date AS month, sum(energy_kwh) AS total_kwh",
                "    FROM fact_energy_hourly GROUP BY 1;\"\"\")",
                "final class Monthly {}");
        JavaFileObject yearly = source("Yearly",
                "import jakarta.persistence.*;",
                "@Entity @Table(name = \"mv_energy_yearly\")",
                "@View(materialized = true, query = \"SELECT date_trunc('year', month) AS year, sum(total_kwh) AS total"
                        + " FROM v_energy_monthly GROUP BY 1\")",
                "public class Yearly { @Id java.time.LocalDateTime year; Double total; }");
        Compilation c = compile(List.of("-Adriftless.freeze=initial"), HOURLY, monthly, yearly);
        assertThat(c).succeeded();
        String version = Files.readString(history.resolve("V0001__initial.sql"), StandardCharsets.UTF_8);
        assertTrue(version.contains("CREATE VIEW v_energy_monthly AS\nSELECT date_trunc('month', ts)::date AS month,"
                + " sum(energy_kwh) AS total_kwh\nFROM fact_energy_hourly GROUP BY 1;"), version);
        assertTrue(version.contains("CREATE MATERIALIZED VIEW mv_energy_yearly AS\nSELECT date_trunc('year', month)"),
                version);
        assertTrue(version.indexOf("CREATE VIEW v_energy_monthly") < version.indexOf("CREATE MATERIALIZED VIEW"),
                "a view is created after the views it reads");
        assertTrue(!version.contains("CREATE TABLE mv_energy_yearly"), "an entity that is a view gets no table");
        String snapshot = Files.readString(history.resolve("snapshot.driftless"), StandardCharsets.UTF_8);
        assertTrue(snapshot.contains("view v_energy_monthly query="), snapshot);

        assertThat(compile(List.of("-Adriftless.check=true"), HOURLY, monthly, yearly)).succeeded();
    }

    @Test
    void aViewWithoutNameOrQueryIsACodedError() {
        JavaFileObject noName = source("NoName", "@View(query = \"SELECT 1\")", "final class NoName {}");
        JavaFileObject noQuery = source("NoQuery", "@View(name = \"v\", query = \" ; \")", "final class NoQuery {}");
        Compilation c = compile(List.of(), HOURLY, noName, noQuery);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("DL215").inFile(noName).onLineContaining("@View");
        assertThat(c).hadErrorContaining("it has no name").inFile(noName).onLineContaining("@View");
        assertThat(c).hadErrorContaining("its query is empty").inFile(noQuery).onLineContaining("@View");
    }

    @Test
    void aViewNamedLikeATableIsACodedError() {
        JavaFileObject clash = source("Clash", "@View(name = \"FACT_ENERGY_HOURLY\", query = \"SELECT 1\")",
                "final class Clash {}");
        Compilation c = compile(List.of(), HOURLY, clash);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("DL216").inFile(clash).onLineContaining("@View");
        assertThat(c).hadErrorContaining("fact_energy_hourly, which is already a table").inFile(clash)
                .onLineContaining("@View");
    }
}
