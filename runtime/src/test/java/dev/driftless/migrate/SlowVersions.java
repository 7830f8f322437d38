package dev.driftless.migrate;

import dev.driftless.migrate.SampleVersions.Version;
import java.util.ArrayList;
import java.util.List;

/** Versions that each create a table, fill it and then take a while, so a kill lands inside them. */
final class SlowVersions {

    static final int COUNT = 6;
    static final int ROWS = 100;

    private SlowVersions() {}

    static List<Migration> all() {
        var versions = new ArrayList<Migration>();
        for (int v = 1; v <= COUNT; v++) {
            versions.add(new Version(v, "slow_" + v, List.of(
                    "create table slow_" + v + " (id int primary key)",
                    "insert into slow_" + v + " select generate_series(1, " + ROWS + ")",
                    "select pg_sleep(0.2)",
                    "update slow_" + v + " set id = id + 0"),
                    List.of("drop table slow_" + v)));
        }
        return versions;
    }

    /** The process the crash test kills: migrates the database named by its one argument. */
    public static void main(String[] args) {
        var dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(args[0]);
        Migrator migrator = Migrator.builder(dataSource).migrations(all()).lockTimeout(java.time.Duration.ofSeconds(30))
                .build();
        // The crash test times its kill from this line, not from the start of a JVM on a busy machine.
        System.out.println("migrating");
        System.out.flush();
        migrator.migrate();
    }
}
