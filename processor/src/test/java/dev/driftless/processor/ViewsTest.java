package dev.driftless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * A view and a materialized view's index are relations of the schema like the tables' indexes:
     * a derived index name that one of them has is numbered, and the version applies on the server.
     */
    @Test
    void aDerivedIndexNameAvoidsTheViewsAndTheMaterializedViewsIndexes() throws Exception {
        JavaFileObject hourly = JavaFileObjects.forSourceLines("example.model.Hourly",
                "package example.model;",
                "import jakarta.persistence.*;",
                "@Entity @Table(name = \"fact_energy_hourly\", indexes = {@Index(columnList = \"ts\"),",
                "  @Index(columnList = \"energy_kwh\")})",
                "public class Hourly {",
                "  @Id Long id;",
                "  @Column(nullable = false) java.time.LocalDateTime ts;",
                "  @Column(name = \"energy_kwh\") Double energyKwh;",
                "}");
        JavaFileObject view = source("TsView", "@View(name = \"fact_energy_hourly_ts_idx\", query = \"SELECT 1 AS one\")",
                "final class TsView {}");
        JavaFileObject materialized = source("Totals", "import jakarta.persistence.*;",
                "@View(name = \"mv_totals\", materialized = true, query = \"SELECT sum(energy_kwh) AS total FROM fact_energy_hourly\")",
                "@Table(indexes = @Index(name = \"fact_energy_hourly_energy_kwh_idx\", columnList = \"total\"))",
                "final class Totals {}");
        Compilation c = compile(List.of("-Adriftless.freeze=initial"), hourly, view, materialized);
        assertThat(c).succeeded();
        String version = Files.readString(history.resolve("V0001__initial.sql"), StandardCharsets.UTF_8);
        assertTrue(version.contains("INDEX fact_energy_hourly_ts_idx1 ON fact_energy_hourly (ts)"), version);
        assertTrue(version.contains("INDEX fact_energy_hourly_energy_kwh_idx1 ON fact_energy_hourly (energy_kwh)"), version);

        var loader = new CompiledClassLoader(c, getClass().getClassLoader());
        var migrations = java.util.ServiceLoader.load(dev.driftless.migrate.MigrationIndex.class, loader).stream()
                .flatMap(p -> p.get().migrations().stream()).toList();
        try (var db = dev.driftless.testing.PostgresFixture.shared().createDatabase()) {
            var migrator = dev.driftless.migrate.Migrator.builder(db.dataSource()).migrations(migrations).build();
            migrator.migrate();
            var drift = migrator.checkDrift(dev.driftless.history.SnapshotFormat.read(
                    Files.readString(history.resolve("snapshot.driftless"), StandardCharsets.UTF_8), "snapshot"));
            assertTrue(!drift.differs(), drift::toString);
        }
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

    private static JavaFileObject yearly(String indexes, String query) {
        return source("Yearly",
                "import jakarta.persistence.*;",
                "@Entity @Table(name = \"mv_energy_yearly\"" + indexes + ")",
                "@View(materialized = true, query = \"" + query + "\")",
                "public class Yearly { @Id java.time.LocalDateTime year; Double total; }");
    }

    private static final String YEARLY = "SELECT date_trunc('year', ts) AS year, sum(energy_kwh) AS total"
            + " FROM fact_energy_hourly GROUP BY 1";

    @Test
    void aMaterializedViewGetsItsIndexesAndRefreshesConcurrentlyAfterMigrate() throws Exception {
        String v1Indexes = ", indexes = {@Index(name = \"mv_year_uq\", columnList = \"year\", unique = true),"
                + " @Index(columnList = \"total DESC\")}";
        Compilation c1 = compile(List.of("-Adriftless.freeze=initial"), HOURLY, yearly(v1Indexes, YEARLY));
        assertThat(c1).succeeded();
        String version = Files.readString(history.resolve("V0001__initial.sql"), StandardCharsets.UTF_8);
        assertTrue(version.contains("CREATE UNIQUE INDEX mv_year_uq ON mv_energy_yearly (year)"), version);
        assertTrue(version.contains("CREATE INDEX mv_energy_yearly_total_idx ON mv_energy_yearly (total DESC)"), version);
        String snapshot = Files.readString(history.resolve("snapshot.driftless"), StandardCharsets.UTF_8);
        assertTrue(snapshot.contains("  index mv_year_uq (year) unique"), snapshot);
        assertThat(compile(List.of("-Adriftless.check=true"), HOURLY, yearly(v1Indexes, YEARLY))).succeeded();

        // Another index only: the view and its rows stay, the index is built without blocking reads.
        String v2Indexes = v1Indexes.replace("}", ", @Index(name = \"mv_total_year\", columnList = \"total, year\")}");
        Compilation c2 = compile(List.of("-Adriftless.freeze=total_year"), HOURLY, yearly(v2Indexes, YEARLY));
        assertThat(c2).succeeded();
        String v2 = Files.readString(history.resolve("V0002__total_year.sql"), StandardCharsets.UTF_8);
        assertTrue(v2.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS mv_total_year ON mv_energy_yearly (total, year)")
                || v2.contains("CREATE INDEX CONCURRENTLY mv_total_year ON mv_energy_yearly (total, year)"), v2);
        assertTrue(!v2.contains("DROP MATERIALIZED VIEW"), v2);

        // Another query: the view is created again, and its indexes with it.
        Compilation c3 = compile(List.of("-Adriftless.freeze=positive"), HOURLY,
                yearly(v2Indexes, YEARLY.replace(" GROUP BY", " WHERE energy_kwh > 0 GROUP BY")));
        assertThat(c3).succeeded();
        String v3 = Files.readString(history.resolve("V0003__positive.sql"), StandardCharsets.UTF_8);
        assertTrue(v3.contains("DROP MATERIALIZED VIEW mv_energy_yearly") && v3.contains(
                "CREATE UNIQUE INDEX mv_year_uq ON mv_energy_yearly (year)"), v3);

        var loader = new CompiledClassLoader(c3, getClass().getClassLoader());
        var migrations = java.util.ServiceLoader.load(dev.driftless.migrate.MigrationIndex.class, loader).stream()
                .flatMap(p -> p.get().migrations().stream()).toList();
        try (var db = dev.driftless.testing.PostgresFixture.shared().createDatabase()) {
            var migrator = dev.driftless.migrate.Migrator.builder(db.dataSource()).migrations(migrations).build();
            migrator.migrateTo(2);
            db.execute("insert into fact_energy_hourly (id, ts, energy_kwh) values (1, '2026-01-05 10:00', 1.5),"
                    + " (2, '2027-01-05 10:00', -2)", "refresh materialized view concurrently mv_energy_yearly");
            assertEquals(List.of("2026-01-01 00:00:00|1.5", "2027-01-01 00:00:00|-2"),
                    db.strings("select year || '|' || total from mv_energy_yearly order by year"));
            migrator.migrate();
            db.execute("refresh materialized view concurrently mv_energy_yearly");
            assertEquals(List.of("2026-01-01 00:00:00|1.5"),
                    db.strings("select year || '|' || total from mv_energy_yearly order by year"));
            var drift = migrator.checkDrift(dev.driftless.history.SnapshotFormat.read(
                    Files.readString(history.resolve("snapshot.driftless"), StandardCharsets.UTF_8), "snapshot"));
            assertTrue(!drift.differs(), drift::toString);
            db.execute("drop index mv_total_year");
            var dropped = migrator.checkDrift(dev.driftless.history.SnapshotFormat.read(
                    Files.readString(history.resolve("snapshot.driftless"), StandardCharsets.UTF_8), "snapshot"));
            assertTrue(dropped.differs() && dropped.toString().contains("mv_total_year"), dropped::toString);
        }
    }

    @Test
    void whatAViewCannotHaveIsACodedError() {
        JavaFileObject unique = yearly(", uniqueConstraints = @UniqueConstraint(columnNames = \"year\")", YEARLY);
        Compilation c = compile(List.of(), HOURLY, unique);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[DL215]").inFile(unique).onLineContaining("@Table");
        assertThat(c).hadErrorContaining("@Index(columnList = \"...\", unique = true)");

        JavaFileObject plain = source("Plain", "import jakarta.persistence.*;",
                "@Entity @Table(name = \"v_plain\", indexes = @Index(columnList = \"year\"))",
                "@View(query = \"SELECT 1 AS year\")",
                "public class Plain { @Id Integer year; }");
        Compilation p = compile(List.of(), HOURLY, plain);
        assertThat(p).failed();
        assertThat(p).hadErrorContaining("[DL215] @View on example.model.Plain cannot be used: only a materialized view"
                + " has indexes").inFile(plain).onLineContaining("@Table");
    }
}
