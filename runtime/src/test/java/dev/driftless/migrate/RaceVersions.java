package dev.driftless.migrate;

import java.util.List;

/**
 * Versions that fail when applied twice (CREATE TABLE without IF NOT EXISTS) and count their own
 * runs in {@code applied_log}, so a race that applies a version twice is visible either way.
 */
final class RaceVersions {

    private RaceVersions() {}

    static List<Migration> all() {
        return List.of(
                TestMigration.of(1, "initial",
                        "create table applied_log (version int not null)",
                        "create table customer (id bigint primary key, name text not null)",
                        // Widens the window in which a racer without the lock would run the same version.
                        "select pg_sleep(0.3)",
                        "insert into applied_log values (1)"),
                TestMigration.of(2, "orders",
                        "create table orders (id bigint primary key, customer_id bigint not null references customer)",
                        "insert into applied_log values (2)"),
                TestMigration.of(3, "customer_email",
                        "alter table customer add column email text",
                        "insert into applied_log values (3)"));
    }
}
