package dev.driftless.migrate;

import dev.driftless.migrate.SampleVersions.Version;
import java.time.Duration;
import java.util.List;

/**
 * Versions in several phases in both directions (concurrent index builds and drops, a validated
 * constraint, pauses that run alone), on a table with rows, for the crash test's mixed runs of
 * upgrades and downgrades: a kill lands between phases of an up or of a down.
 */
final class PhasedVersions {

    static final int ROWS = 20_000;
    /** A statement that runs alone and takes a while: it widens the windows between phases. */
    private static final String PAUSE = "DO $driftless_batches$ BEGIN PERFORM pg_sleep(0.1); END $driftless_batches$";

    private PhasedVersions() {}

    static List<Migration> all() {
        return List.of(
                new Version(1, "meter", List.of(
                        "create table meter (id bigint primary key, v int not null)",
                        "insert into meter select g, g % 97 from generate_series(1, " + ROWS + ") g"),
                        List.of("drop table meter")),
                new Version(2, "note", List.of(
                        "ALTER TABLE meter ADD COLUMN note text",
                        PAUSE,
                        "CREATE INDEX CONCURRENTLY meter_v_idx ON meter (v)",
                        PAUSE,
                        "COMMENT ON COLUMN meter.note IS 'a note'"),
                        List.of("DROP INDEX CONCURRENTLY IF EXISTS meter_v_idx",
                                PAUSE,
                                "ALTER TABLE meter DROP COLUMN note")),
                new Version(3, "checked", List.of(
                        "ALTER TABLE meter ADD CONSTRAINT meter_v_check CHECK (v >= 0) NOT VALID",
                        "ALTER TABLE meter VALIDATE CONSTRAINT meter_v_check",
                        PAUSE,
                        "CREATE UNIQUE INDEX CONCURRENTLY meter_id_v_key ON meter (id, v)",
                        "ALTER TABLE meter ADD COLUMN serial text"),
                        List.of("ALTER TABLE meter DROP CONSTRAINT meter_v_check",
                                PAUSE,
                                "DROP INDEX CONCURRENTLY IF EXISTS meter_id_v_key",
                                PAUSE,
                                "ALTER TABLE meter DROP COLUMN serial")),
                new Version(4, "reading", List.of(
                        "create table reading (id bigint primary key, meter_id bigint not null)",
                        PAUSE,
                        "ALTER TABLE reading ADD CONSTRAINT reading_meter_fkey FOREIGN KEY (meter_id)"
                                + " REFERENCES meter (id) NOT VALID",
                        "ALTER TABLE reading VALIDATE CONSTRAINT reading_meter_fkey"),
                        List.of("ALTER TABLE reading DROP CONSTRAINT reading_meter_fkey",
                                PAUSE,
                                "drop table reading")));
    }

    /**
     * The process the crash test kills: migrates ({@code up}) or downgrades ({@code down}) the
     * database named by its first argument to the version of its third.
     */
    public static void main(String[] args) {
        var dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(args[0]);
        Migrator migrator = Migrator.builder(dataSource).migrations(all()).lockTimeout(Duration.ofSeconds(60)).build();
        // Connected and its classes loaded: the crash test times its kill from this line, not from
        // the start of a JVM on a busy machine.
        migrator.status();
        System.out.println("migrating");
        System.out.flush();
        int target = Integer.parseInt(args[2]);
        if (args[1].equals("up")) {
            migrator.migrateTo(target);
        } else {
            migrator.downgradeTo(target, true);
        }
    }
}
