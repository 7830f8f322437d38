package dev.driftless.migrate;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.plan.VersionPlan;
import dev.driftless.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * A database whose constraints and indexes are named as Hibernate names them ({@code FK<hash>},
 * {@code UK<hash>}, {@code IDX<hash>}, stored folded to lower case) and as hand-written scripts
 * do ({@code fk_meter_site}, {@code uk_meter_serial}), with rows; the snapshot that has PostgreSQL's
 * derived names for them, and a version 2 that re-creates a renamed foreign key (ON DELETE CASCADE)
 * and drops a renamed index and unique constraint.
 */
public final class HibernateNamedDatabase {

    private HibernateNamedDatabase() {}

    public static final String[] SCHEMA = {
            "create table site (id bigint primary key, code varchar(20) not null,"
                    + " constraint ukq7xkr1d0a8iqk2m6gq3b1j0 unique (code))",
            "create table meter (id bigint primary key, serial_no varchar(40) not null, site_id bigint,"
                    + " constraint uk_meter_serial unique (serial_no),"
                    + " constraint fk_meter_site foreign key (site_id) references site (id))",
            "create table reading (id bigint primary key, meter_id bigint not null, taken_at timestamp not null,"
                    + " kwh numeric(12,3),"
                    + " constraint FKcnyvxos14cif7awah3dxb0mn3 foreign key (meter_id) references meter (id))",
            "create index IDX4lp1g6s2vxhn8oab3rlmqm2je on reading (taken_at)",
            "insert into site values (1, 'north'), (2, 'south')",
            "insert into meter values (10, 'm-10', 1), (11, 'm-11', null)",
            "insert into reading values (100, 10, '2024-01-01 10:00:00.123456', 1.500),"
                    + " (101, 11, '2024-01-02 11:00:00', null)"};

    /** The database's names, as the snapshot has them after an aligned baseline. */
    public static final List<String> SNAPSHOT_NAMES = List.of("meter meter_pkey p", "meter meter_serial_no_key u",
            "meter meter_site_id_fkey f", "reading reading_meter_id_fkey f", "reading reading_pkey p",
            "site site_code_key u", "site site_pkey p", "index reading reading_taken_at_idx",
            "index site site_code_key", "index meter meter_serial_no_key");

    /** The database's names as it was built. */
    public static final List<String> BUILT_NAMES = List.of("meter fk_meter_site f", "meter meter_pkey p",
            "meter uk_meter_serial u", "reading fkcnyvxos14cif7awah3dxb0mn3 f", "reading reading_pkey p",
            "site site_pkey p", "site ukq7xkr1d0a8iqk2m6gq3b1j0 u", "index reading idx4lp1g6s2vxhn8oab3rlmqm2je",
            "index site ukq7xkr1d0a8iqk2m6gq3b1j0", "index meter uk_meter_serial");

    public static final List<String> ROWS = List.of("site 1 north", "site 2 south", "meter 10 m-10 1",
            "meter 11 m-11 -", "reading 100 10 2024-01-01 10:00:00.123456 1.500", "reading 101 11 2024-01-02 11:00:00 -");

    public static SchemaModel model(boolean v2) {
        Table site = new Table(QualifiedName.of("site"), List.of(Column.of("id", "bigint", false),
                Column.of("code", "varchar(20)", false)), new PrimaryKey("site_pkey", List.of("id")),
                List.of(new UniqueConstraint("site_code_key", List.of("code"))), List.of(), List.of(), null);
        Table meter = new Table(QualifiedName.of("meter"), List.of(Column.of("id", "bigint", false),
                Column.of("serial_no", "varchar(40)", false), Column.of("site_id", "bigint", true)),
                new PrimaryKey("meter_pkey", List.of("id")),
                v2 ? List.of() : List.of(new UniqueConstraint("meter_serial_no_key", List.of("serial_no"))), List.of(),
                List.of(new ForeignKey("meter_site_id_fkey", List.of("site_id"), QualifiedName.of("site"),
                        List.of("id"), ReferentialAction.NO_ACTION)), null);
        Table reading = new Table(QualifiedName.of("reading"), List.of(Column.of("id", "bigint", false),
                Column.of("meter_id", "bigint", false), Column.of("taken_at", "timestamp(6)", false),
                Column.of("kwh", "numeric(12,3)", true)), new PrimaryKey("reading_pkey", List.of("id")), List.of(),
                v2 ? List.of() : List.of(new Index("reading_taken_at_idx", List.of(IndexColumn.asc("taken_at")), false)),
                List.of(new ForeignKey("reading_meter_id_fkey", List.of("meter_id"), QualifiedName.of("meter"),
                        List.of("id"), v2 ? ReferentialAction.CASCADE : ReferentialAction.NO_ACTION)), null);
        return new SchemaModel(List.of(site, meter, reading), List.of());
    }

    /** The snapshot of version 1, knowing the attributes that map the foreign keys' columns. */
    public static Snapshot snapshot() {
        return new Snapshot(1, model(false), Map.of(
                QualifiedName.of("reading"), Map.of("meter_id", "cei.Reading.meter"),
                QualifiedName.of("meter"), Map.of("site_id", "cei.Meter.site")));
    }

    public static List<Migration> migrations() {
        FrozenVersion v1 = VersionPlan.next(History.EMPTY, model(false), "adopted").orElseThrow();
        History one = History.EMPTY.plus(v1, new Snapshot(1, model(false)));
        FrozenVersion v2 = VersionPlan.plan(one, model(true), "cascade", Renames.NONE, HandWrittenSteps.NONE)
                .orElseThrow().version();
        return List.of(new FrozenMigration(v1), new FrozenMigration(v2));
    }

    /** Every constraint (table, name, kind) and index (table, name) of the three tables, from pg_catalog. */
    public static List<String> names(TestDatabase db) throws Exception {
        var out = new java.util.ArrayList<>(db.strings("select c.conrelid::regclass || ' ' || c.conname || ' '"
                + " || c.contype::text from pg_catalog.pg_constraint c where c.conrelid in ('site'::regclass,"
                + " 'meter'::regclass, 'reading'::regclass) and c.contype <> 'n' order by 1"));
        out.addAll(db.strings("select 'index ' || i.indrelid::regclass || ' ' || i.indexrelid::regclass"
                + " from pg_catalog.pg_index i where i.indrelid in ('site'::regclass, 'meter'::regclass,"
                + " 'reading'::regclass) and not i.indisprimary"));
        return sorted(out);
    }

    /** The names sorted, as {@link #names} gives them. */
    public static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** Every row's values, as text. */
    public static List<String> rows(TestDatabase db) throws Exception {
        var out = new java.util.ArrayList<>(db.strings("select 'site ' || id || ' ' || code from site order by id"));
        out.addAll(db.strings("select 'meter ' || id || ' ' || serial_no || ' ' || coalesce(site_id::text, '-')"
                + " from meter order by id"));
        out.addAll(db.strings("select 'reading ' || id || ' ' || meter_id || ' ' || taken_at || ' '"
                + " || coalesce(kwh::text, '-') from reading order by id"));
        return out;
    }
}
