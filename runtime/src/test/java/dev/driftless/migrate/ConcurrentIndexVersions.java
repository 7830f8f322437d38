package dev.driftless.migrate;

import dev.driftless.migrate.SampleVersions.Version;
import java.util.List;

/**
 * A version whose index is built {@code CONCURRENTLY} on a table that already has rows, as the
 * planner generates it for an existing table; the process the crash test kills mid-build.
 */
final class ConcurrentIndexVersions {

    static final Version TABLE = new Version(1, "reading", List.of(
            "create table reading (id bigint primary key, meter int not null, ts timestamptz not null)"),
            List.of("drop table reading"));

    static Version fill(int rows) {
        return new Version(2, "fill", List.of(
                "insert into reading select g, g % 1000, now() - g * interval '1 second' from generate_series(1, "
                        + rows + ") g"),
                List.of("delete from reading"));
    }

    static final Version INDEX = new Version(3, "reading_ts", List.of(
            "alter table reading add column note text",
            "CREATE INDEX CONCURRENTLY reading_meter_ts_idx ON reading (meter, ts DESC)",
            "comment on column reading.note is 'added with the index'"),
            List.of("DROP INDEX CONCURRENTLY IF EXISTS reading_meter_ts_idx", "alter table reading drop column note"));

    private ConcurrentIndexVersions() {}

    /** Migrates the database named by the argument with a table of {@code args[1]} rows. */
    public static void main(String[] args) {
        var dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(args[0]);
        Migrator.builder(dataSource).migrations(List.of(TABLE, fill(Integer.parseInt(args[1])), INDEX)).build()
                .migrate();
    }
}
