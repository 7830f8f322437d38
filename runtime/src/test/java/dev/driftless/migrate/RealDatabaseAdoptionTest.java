package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.model.View;
import dev.driftless.plan.VersionPlan;
import dev.driftless.sql.SqlScript;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adopting a database written the way Flyway users and hand-written schemas write it — serial keys,
 * {@code timestamp} without precision, {@code json}, {@code CHECK}s, a view, tenant schemas and a
 * view in another schema that reads them — built once by Flyway (with its history table) and once
 * by hand, with rows: baselined as it is, migrated through renames (the ones of seed 002: device to
 * datasource, ingest_file to ingest_batch, file_id to batch_id) with every value kept, then
 * downgraded to the baseline.
 */
class RealDatabaseAdoptionTest {

    @TempDir
    Path scripts;

    private static final String SCHEMA = """
            CREATE SCHEMA tenant_a;
            CREATE SCHEMA tenant_b;
            CREATE SCHEMA reporting;
            CREATE TABLE device (
                id SERIAL PRIMARY KEY,
                external_id VARCHAR(100) NOT NULL UNIQUE,
                source_type VARCHAR(32) NOT NULL CHECK (source_type IN ('meter', 'sensor')),
                created_at TIMESTAMP NOT NULL DEFAULT now());
            CREATE TABLE ingest_file (
                id BIGSERIAL PRIMARY KEY,
                device_id INTEGER NOT NULL REFERENCES device (id),
                filename TEXT NOT NULL,
                meta JSON,
                received_at TIMESTAMPTZ);
            CREATE TABLE fact_energy_hourly (
                id BIGSERIAL PRIMARY KEY,
                file_id BIGINT REFERENCES ingest_file (id),
                ts TIMESTAMP NOT NULL,
                energy_kwh DOUBLE PRECISION CHECK (energy_kwh >= 0));
            CREATE VIEW device_files AS SELECT d.external_id, f.filename FROM device d JOIN ingest_file f ON f.device_id = d.id;
            CREATE TABLE tenant_a.reading (id SERIAL PRIMARY KEY, value NUMERIC(12,2));
            CREATE TABLE tenant_b.reading (id SERIAL PRIMARY KEY, value NUMERIC(12,2));
            CREATE VIEW reporting.all_readings AS
                SELECT 'a'::text AS tenant, id, value FROM tenant_a.reading
                UNION ALL SELECT 'b'::text AS tenant, id, value FROM tenant_b.reading;
            """;

    private static final String ROWS = """
            INSERT INTO device (external_id, source_type, created_at) VALUES ('m-1', 'meter', '2024-01-01 10:00:00.123456'),
                ('s-2', 'sensor', '2024-01-02 11:00:00');
            INSERT INTO ingest_file (device_id, filename, meta, received_at) VALUES
                (1, 'a.csv', '{"rows": 2,  "rows": 3}', '2024-01-03 00:00:00+00'), (2, 'b.csv', NULL, NULL);
            INSERT INTO fact_energy_hourly (file_id, ts, energy_kwh) VALUES (1, '2024-01-03 01:00:00', 1.5),
                (2, '2024-01-03 02:00:00', 2.25);
            INSERT INTO tenant_a.reading (value) VALUES (10.50);
            INSERT INTO tenant_b.reading (value) VALUES (20.25), (30.00);
            """;

    private static Column serial(String name, String type) {
        return new Column(name, ColumnType.of(type), false, null, Identity.NONE, null);
    }

    /** The model that maps the database as it is: serial keys, timestamp(6), json. */
    private static SchemaModel model(String device, String file, String fileColumn) {
        Table d = new Table(QualifiedName.of(device), List.of(serial("id", "serial"),
                Column.of("external_id", "varchar(100)", false), Column.of("source_type", "varchar(32)", false),
                Column.of("created_at", "timestamp(6)", false).withDefault("now()")),
                new PrimaryKey("device_pkey", List.of("id")),
                List.of(new UniqueConstraint("device_external_id_key", List.of("external_id"))), List.of(), List.of(),
                List.of(new CheckConstraint("device_source_type_check",
                        "source_type IN ('meter', 'sensor')")),
                null);
        Table f = new Table(QualifiedName.of(file), List.of(serial("id", "bigserial"),
                Column.of("device_id", "integer", false), Column.of("filename", "text", false),
                Column.of("meta", "json", true), Column.of("received_at", "timestamptz", true)),
                new PrimaryKey("ingest_file_pkey", List.of("id")), List.of(), List.of(),
                List.of(new ForeignKey("ingest_file_device_id_fkey", List.of("device_id"), QualifiedName.of(device),
                        List.of("id"), ReferentialAction.NO_ACTION)), List.of(), null);
        Table h = new Table(QualifiedName.of("fact_energy_hourly"), List.of(serial("id", "bigserial"),
                Column.of(fileColumn, "bigint", true), Column.of("ts", "timestamp", false),
                Column.of("energy_kwh", "double precision", true)),
                new PrimaryKey("fact_energy_hourly_pkey", List.of("id")), List.of(), List.of(),
                List.of(new ForeignKey("fact_energy_hourly_file_id_fkey", List.of(fileColumn), QualifiedName.of(file),
                        List.of("id"), ReferentialAction.NO_ACTION)),
                List.of(new CheckConstraint("fact_energy_hourly_energy_kwh_check", "energy_kwh >= 0")), null);
        var tables = new java.util.ArrayList<>(List.of(d, f, h));
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            tables.add(new Table(new QualifiedName(tenant, "reading"), List.of(serial("id", "serial"),
                    Column.of("value", "numeric(12,2)", true)), new PrimaryKey("reading_pkey", List.of("id")),
                    List.of(), List.of(), List.of(), null));
        }
        List<View> views = List.of(
                new View(QualifiedName.of(device.equals("device") ? "device_files" : "datasource_files"),
                        "SELECT d.external_id, f.filename FROM " + device + " d JOIN " + file
                                + " f ON f.device_id = d.id", false),
                new View(new QualifiedName("reporting", "all_readings"), "SELECT 'a'::text AS tenant, id, value FROM"
                        + " tenant_a.reading UNION ALL SELECT 'b'::text AS tenant, id, value FROM tenant_b.reading", false));
        return new SchemaModel(tables, List.of(), List.of(), views, List.of());
    }

    private static final SchemaModel V1 = model("device", "ingest_file", "file_id");
    private static final SchemaModel V2 = model("datasource", "ingest_batch", "batch_id");

    private static List<Migration> migrations() {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, V1, "adopted").orElseThrow();
        History one = History.EMPTY.plus(v1, new Snapshot(1, V1));
        Renames renames = new Renames(Map.of(QualifiedName.of("datasource"), QualifiedName.of("device"),
                QualifiedName.of("ingest_batch"), QualifiedName.of("ingest_file")),
                Map.of(QualifiedName.of("fact_energy_hourly"), Map.of("batch_id", "file_id")));
        FrozenVersion v2 = VersionPlan.plan(one, V2, "renames", renames, HandWrittenSteps.NONE)
                .orElseThrow().version();
        return List.of(new FrozenMigration(v1), new FrozenMigration(v2));
    }

    private void build(String how, TestDatabase db) throws Exception {
        if (how.equals("flyway")) {
            Files.writeString(scripts.resolve("V1__schema.sql"), SCHEMA);
            Files.writeString(scripts.resolve("V2__rows.sql"), ROWS);
            Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + scripts).load().migrate();
        } else {
            db.execute(SqlScript.split(SCHEMA).toArray(String[]::new));
            db.execute(SqlScript.split(ROWS).toArray(String[]::new));
        }
    }

    private static List<String> rows(TestDatabase db, String device, String file, String fileColumn) throws Exception {
        var out = new java.util.ArrayList<String>();
        out.addAll(db.strings("select id || ' ' || external_id || ' ' || source_type || ' ' || created_at from "
                + device + " order by id"));
        out.addAll(db.strings("select id || ' ' || device_id || ' ' || filename || ' ' || coalesce(meta::text, '-')"
                + " || ' ' || coalesce(received_at::text, '-') from " + file + " order by id"));
        out.addAll(db.strings("select id || ' ' || " + fileColumn + " || ' ' || ts || ' ' || energy_kwh"
                + " from fact_energy_hourly order by id"));
        out.addAll(db.strings("select tenant || ' ' || id || ' ' || value from reporting.all_readings order by tenant, id"));
        return out;
    }

    private static final List<String> EXPECTED = List.of(
            "1 m-1 meter 2024-01-01 10:00:00.123456", "2 s-2 sensor 2024-01-02 11:00:00",
            "1 1 a.csv {\"rows\": 2,  \"rows\": 3} 2024-01-03 00:00:00+00", "2 2 b.csv - -",
            "1 1 2024-01-03 01:00:00 1.5", "2 2 2024-01-03 02:00:00 2.25",
            "a 1 10.50", "b 1 20.25", "b 2 30.00");

    @ParameterizedTest
    @ValueSource(strings = {"flyway", "hand"})
    void baselinedMigratedThroughRenamesAndDowngraded(String how) throws Exception {
        try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
            db.execute("set timezone to 'UTC'", "alter database " + db.name() + " set timezone to 'UTC'");
            build(how, db);
            Migrator migrator = Migrator.builder(db.dataSource()).migrations(migrations()).build();

            DriftReport baseline = migrator.baseline(new Snapshot(1, V1), false);
            assertEquals(List.of(), baseline.differences(), baseline.describe());
            assertEquals(EXPECTED, rows(db, "device", "ingest_file", "file_id"));

            assertEquals(List.of(2), migrator.migrate().applied().stream().map(AppliedVersion::version).toList());
            DriftReport v2 = migrator.checkDrift(new Snapshot(2, V2));
            assertFalse(v2.drifted(), v2.describe());
            assertEquals(EXPECTED, rows(db, "datasource", "ingest_batch", "batch_id"));
            assertEquals(List.of("m-1 a.csv", "s-2 b.csv"),
                    db.strings("select external_id || ' ' || filename from datasource_files order by 1"));
            // The serial keys go on where they were, under the new names.
            db.execute("insert into datasource (external_id, source_type) values ('m-3', 'meter')");
            assertEquals(List.of("3"), db.strings("select id from datasource where external_id = 'm-3'"));
            db.execute("delete from datasource where id = 3");

            migrator.downgradeTo(1);
            DriftReport v1 = migrator.checkDrift(new Snapshot(1, V1));
            assertFalse(v1.drifted(), v1.describe());
            assertEquals(EXPECTED, rows(db, "device", "ingest_file", "file_id"));
            assertEquals(List.of("m-1 a.csv", "s-2 b.csv"),
                    db.strings("select external_id || ' ' || filename from device_files order by 1"));
            if (how.equals("flyway")) {
                assertEquals(List.of("1", "2"),
                        db.strings("select version from flyway_schema_history order by installed_rank"));
            }
        }
    }
}
