package dev.driftless.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Renames;
import dev.driftless.diff.SchemaDiff;
import dev.driftless.evolution.RandomEdits.Edit;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.introspect.Canonical;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.migrate.DriftPolicy;
import dev.driftless.migrate.FrozenMigration;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.Migrator;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.VersionPlan;
import dev.driftless.plan.VersionPlan.Planned;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round-trip property: random model evolutions, frozen version by version as the processor
 * freezes them, applied one version at a time to a real PostgreSQL and then downgraded one at a
 * time. After every step the live schema is the snapshot of that version, and every row holds
 * the values it was given in every column that survived the step. A version that discarded data
 * is irreversible: its downgrade is refused without force (and changes nothing), then forced.
 *
 * <p>{@code -Ddriftless.evolution.sequences=N} runs N sequences (default 100),
 * {@code -Ddriftless.evolution.firstSeed=S} starts at another seed, and
 * {@code -Ddriftless.evolution.seed=S} replays only the sequence of seed S.
 */
class RandomEvolutionTest {

    private static final int SEQUENCES = Integer.getInteger("driftless.evolution.sequences", 100);
    private static final long FIRST_SEED = Long.getLong("driftless.evolution.firstSeed", 1L);
    private static final String REPLAY = System.getProperty("driftless.evolution.seed");
    private static final int MIN_VERSIONS = 5;
    private static final int WORKERS = 2;
    private static final String HISTORY_TABLE = "driftless_history";
    /** A line per applied version is noise a thousand times over; other tests read it, so it is restored. */
    private static final Logger MIGRATE_LOG = Logger.getLogger("dev.driftless.migrate");
    private static Level previousLevel;

    @BeforeAll
    static void quiet() {
        previousLevel = MIGRATE_LOG.getLevel();
        MIGRATE_LOG.setLevel(Level.WARNING);
    }

    @AfterAll
    static void restoreLogging() {
        MIGRATE_LOG.setLevel(previousLevel);
    }

    /** One generated evolution: the edits, the model after each and the versions frozen from them. */
    record Evolution(long seed, List<Edit> edits, List<TrackedModel> models, List<SchemaModel> reached,
            History history, List<List<Operation>> operations) {

        /** Models and edits as frozen from the seed; model 0 is the empty one. */
        static Evolution generate(long seed) {
            var random = new Random(seed);
            var edits = new RandomEdits(random);
            int versions = MIN_VERSIONS + random.nextInt(3);
            var models = new ArrayList<>(List.of(TrackedModel.EMPTY));
            var reached = new ArrayList<>(List.of(SchemaModel.EMPTY));
            var made = new ArrayList<Edit>();
            var operations = new ArrayList<List<Operation>>();
            History history = History.EMPTY;
            while (made.size() < versions) {
                TrackedModel before = models.get(models.size() - 1);
                Edit edit = made.isEmpty() ? edits.initial() : edits.next(before);
                Optional<Planned> planned = plan(history, before, edit, made.size() + 1);
                if (planned.isEmpty()) {
                    continue;
                }
                // The snapshot is the model the version reaches: with an online rename under way, the
                // old column and its sync are in it.
                history = freeze(history, planned.get().version(), planned.get().reached());
                made.add(edit);
                models.add(edit.after());
                reached.add(planned.get().reached());
                operations.add(planned.get().operations());
            }
            return new Evolution(seed, made, models, reached, history, operations);
        }

        /** The evolution of these edits, one version each; an edit that changes nothing makes no version. */
        static Evolution of(long seed, List<Edit> edits) {
            var models = new ArrayList<>(List.of(TrackedModel.EMPTY));
            var reached = new ArrayList<>(List.of(SchemaModel.EMPTY));
            var made = new ArrayList<Edit>();
            var operations = new ArrayList<List<Operation>>();
            History history = History.EMPTY;
            for (Edit edit : edits) {
                Optional<Planned> planned = plan(history, models.get(models.size() - 1), edit, made.size() + 1);
                if (planned.isPresent()) {
                    history = freeze(history, planned.get().version(), planned.get().reached());
                    made.add(edit);
                    models.add(edit.after());
                    reached.add(planned.get().reached());
                    operations.add(planned.get().operations());
                }
            }
            return new Evolution(seed, made, models, reached, history, operations);
        }

        /** The version an edit makes, with the renames {@code @RenamedFrom} would declare for it. */
        private static Optional<Planned> plan(History history, TrackedModel before, Edit edit, int version) {
            Renames renames = edit.after().renamesFrom(before);
            if (edit.online()) {
                var online = new java.util.HashMap<QualifiedName, Set<String>>();
                renames.columns().forEach((table, columns) -> online.put(table, columns.keySet()));
                renames = new Renames(renames.tables(), renames.columns(), Set.of(), online);
            }
            return VersionPlan.plan(history, edit.after().schema(), "v" + version, renames);
        }

        /**
         * What the processor does with a planned version: writes it and the snapshot to files, and
         * the build that follows reads them back. The files must say exactly what was planned.
         */
        private static History freeze(History history, FrozenVersion version, SchemaModel model) {
            FrozenVersion read = VersionFormat.read(VersionFormat.write(version), version.fileName());
            assertEquals(version, read, "the version file reads back as written");
            Snapshot snapshot = new Snapshot(version.version(), model);
            assertEquals(snapshot, SnapshotFormat.read(SnapshotFormat.write(snapshot), SnapshotFormat.FILE_NAME),
                    "the snapshot reads back as written");
            return history.plus(read, snapshot);
        }

        List<Migration> migrations() {
            return history.versions().stream().<Migration>map(FrozenMigration::new).toList();
        }

        SchemaModel snapshot(int version) {
            return reached.get(version);
        }

        Set<String> allSchemas() {
            var schemas = new TreeSet<String>();
            models.forEach(m -> schemas.addAll(m.schema().schemas()));
            return schemas;
        }

        String describe() {
            var text = new StringBuilder("seed " + seed + " (replay with -Ddriftless.evolution.seed=" + seed + "):\n");
            for (int i = 0; i < edits.size(); i++) {
                text.append("  V").append(i + 1).append(": ").append(edits.get(i).description()).append('\n');
                for (Operation op : operations.get(i)) {
                    text.append("        ").append(op.describe()).append('\n');
                }
            }
            return text.toString();
        }
    }

    @Test
    void randomEvolutionsRoundTripOnPostgres() throws Exception {
        List<Long> seeds = REPLAY != null ? List.of(Long.parseLong(REPLAY.strip()))
                : LongStream.range(FIRST_SEED, FIRST_SEED + SEQUENCES).boxed().toList();
        long started = System.nanoTime();
        PRECISE_CHECKED.set(0);
        var next = new AtomicInteger();
        var versions = new AtomicLong();
        var values = new AtomicLong();
        var covered = new ConcurrentSkipListSet<String>();
        // Two workers, each with one database for all its sequences: each sequence ends downgraded
        // to the empty database, and the next one starts from there.
        var pool = Executors.newFixedThreadPool(Math.min(WORKERS, seeds.size()));
        try {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < Math.min(WORKERS, seeds.size()); w++) {
                workers.add(pool.submit(() -> {
                    try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                        for (int i = next.getAndIncrement(); i < seeds.size(); i = next.getAndIncrement()) {
                            Evolution evolution = Evolution.generate(seeds.get(i));
                            try {
                                values.addAndGet(roundTrip(db, evolution));
                            } catch (AssertionError | SQLException | RuntimeException e) {
                                next.set(seeds.size());
                                throw new AssertionError("random evolution failed, " + evolution.describe() + e, e);
                            }
                            versions.addAndGet(evolution.edits().size());
                            evolution.operations().forEach(ops -> ops.forEach(op -> covered.add(op.getClass().getSimpleName())));
                            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                                st.execute("drop table " + HISTORY_TABLE);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[driftless evolution] %d sequences, %d versions up and down, %d values compared, %d precise"
                        + " values kept in an old column, %.1f s%n", seeds.size(), versions.get(), values.get(),
                PRECISE_CHECKED.get(), (System.nanoTime() - started) / 1e9);
        if (REPLAY == null && SEQUENCES >= 100) {
            var every = new TreeSet<String>();
            for (Class<?> kind : Operation.class.getPermittedSubclasses()) {
                every.add(kind.getSimpleName());
            }
            every.removeAll(covered);
            // Only a serial shorthand next to its own integer type makes these, and the random model
            // has no serial columns (a serial key's referring columns would need the plain type);
            // SerialAdoptionTest applies both ways on PostgreSQL, values and the next key checked.
            every.removeAll(Set.of("SerialToIdentity", "IdentityToSerial"));
            assertEquals(Set.of(), every, "operation kinds no generated version used");
        }
    }

    /**
     * A value written into the column an online rename starts from, just before the expand, that
     * its new type may not hold (17 significant digits, a long string): the old column must keep
     * it byte for byte (as text) from version {@code since} on, for as long as the column exists.
     */
    private static final class PreciseValue {
        final int table;
        final String column;
        final long row;
        final String text;
        final int since;
        boolean over;

        PreciseValue(int table, String column, long row, String text, int since) {
            this.table = table;
            this.column = column;
            this.row = row;
            this.text = text;
            this.since = since;
        }
    }

    /** Writes a precise value into the old column of every online rename version {@code v} starts. */
    private static List<PreciseValue> writePreciseValues(Connection c, Evolution evolution, int v, ExpectedRows expected)
            throws SQLException {
        var out = new ArrayList<PreciseValue>();
        SchemaModel before = evolution.snapshot(v - 1);
        for (var sync : evolution.snapshot(v).columnSyncs()) {
            if (before.columnSyncs().contains(sync)) {
                continue;
            }
            var table = evolution.models().get(v).tables().stream().filter(t -> t.qualifiedName().equals(sync.table()))
                    .findFirst().flatMap(t -> evolution.models().get(v - 1).table(t.id())).orElse(null);
            var column = table == null ? null : table.columns().stream().filter(x -> x.name().equals(sync.oldName()))
                    .findFirst().orElse(null);
            if (column == null || (column.kind() != ValueKind.FLOAT && column.kind() != ValueKind.STRING)) {
                continue;
            }
            for (long row : expected.unfollow(table.id(), column.id())) {
                // As long as the old type takes, longer than the shortest type of the kind keeps.
                var limit = java.util.regex.Pattern.compile("character varying\\((\\d+)\\)").matcher(column.type());
                int length = limit.matches() ? Integer.parseInt(limit.group(1)) : 66;
                String text = "s" + row + "-";
                String value = column.kind() == ValueKind.FLOAT ? row + ".12345678901234567"
                        : text + "x".repeat(Math.max(0, Math.min(66, length) - text.length()));
                String name = dev.driftless.model.QualifiedName.quote(table.qualifiedName());
                String byId = " where " + dev.driftless.sql.Identifiers.quote(table.idColumnOf().name()) + " = " + row;
                try (Statement st = c.createStatement()) {
                    st.execute("update " + name + " set " + dev.driftless.sql.Identifiers.quote(column.name()) + " = '"
                            + value + "'" + byId);
                }
                out.add(new PreciseValue(table.id(), column.name(), row, text(c, column.name(), " from " + name + byId), v));
            }
        }
        return out;
    }

    /** How many precise values were found as written in their old column, over the whole run. */
    static final AtomicLong PRECISE_CHECKED = new AtomicLong();

    /** The precise values still in their old column are as written. */
    private static void checkPreciseValues(Connection c, Evolution evolution, int version, List<PreciseValue> values,
            String step) throws SQLException {
        for (PreciseValue p : values) {
            var table = evolution.models().get(version).table(p.table);
            boolean kept = !p.over && version >= p.since - 1 && table.isPresent()
                    && evolution.snapshot(version).table(table.get().qualifiedName())
                            .flatMap(t -> t.column(p.column)).isPresent();
            if (!kept) {
                // Dropped (the contract) or before it was written: what comes back is rebuilt, not kept.
                p.over = true;
                continue;
            }
            String where = " from " + dev.driftless.model.QualifiedName.quote(table.get().qualifiedName()) + " where "
                    + dev.driftless.sql.Identifiers.quote(table.get().idColumnOf().name()) + " = " + p.row;
            assertEquals(p.text, text(c, p.column, where), step + ": the old column " + p.column + " of row " + p.row
                    + " kept its value");
            PRECISE_CHECKED.incrementAndGet();
        }
    }

    private static String text(Connection c, String column, String from) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select "
                + dev.driftless.sql.Identifiers.quote(column) + "::text" + from)) {
            return rs.next() ? rs.getString(1) : "(no row)";
        }
    }

    /** Up one version at a time, then down one at a time; returns the number of values compared. */
    static long roundTrip(TestDatabase db, Evolution evolution) throws SQLException {
        Migrator migrator = Migrator.builder(db.dataSource()).migrations(evolution.migrations())
                .driftPolicy(DriftPolicy.IGNORE).build();
        var expected = new ExpectedRows();
        var precise = new ArrayList<PreciseValue>();
        int last = evolution.edits().size();
        try (Connection c = db.connect()) {
            for (int v = 1; v <= last; v++) {
                expected.fill(c, evolution.models().get(v - 1));
                precise.addAll(writePreciseValues(c, evolution, v, expected));
                assertEquals(v, migrator.migrateTo(v).currentVersion());
                expected.follow(evolution.models().get(v - 1), evolution.models().get(v));
                check(c, evolution, v, expected, "up to V" + v);
                checkPreciseValues(c, evolution, v, precise, "up to V" + v);
                expected.insertEverywhere(c, evolution.models().get(v));
            }
            for (int v = last - 1; v >= 0; v--) {
                expected.fill(c, evolution.models().get(v + 1));
                List<String> irreversible = evolution.history().versions().get(v).irreversible();
                // Refused without force when the version discarded data, or when its down would discard
                // values that are there; then nothing runs, and force goes through.
                MigrationException refused = null;
                try {
                    assertEquals(v, migrator.downgradeTo(v).currentVersion());
                } catch (MigrationException e) {
                    refused = e;
                }
                if (!irreversible.isEmpty()) {
                    assertNotNull(refused, "an irreversible version is refused without force");
                }
                if (refused != null) {
                    check(c, evolution, v + 1, expected, "refused down to V" + v + " (" + refused.getMessage() + ")");
                    assertEquals(v, migrator.downgradeTo(v, true).currentVersion());
                }
                expected.follow(evolution.models().get(v + 1), evolution.models().get(v));
                check(c, evolution, v, expected, "down to V" + v);
                checkPreciseValues(c, evolution, v, precise, "down to V" + v);
                expected.insertEverywhere(c, evolution.models().get(v));
            }
            assertTrue(evolution.snapshot(0).isEmpty());
        }
        return expected.compared();
    }

    private static void check(Connection c, Evolution evolution, int version, ExpectedRows expected, String step)
            throws SQLException {
        SchemaModel snapshot = evolution.snapshot(version);
        SchemaModel live = PostgresIntrospector.read(c, evolution.allSchemas(), Set.of(QualifiedName.of(HISTORY_TABLE)));
        List<Operation> drift = SchemaDiff.between(Canonical.of(c, snapshot), live);
        assertEquals(List.of(), drift.stream().map(Operation::describe).toList(),
                step + ": the live schema differs from the snapshot");
        assertEquals(snapshot.schemas(), existingSchemas(c, evolution.allSchemas()), step + ": named schemas");
        List<String> problems = new ArrayList<>(expected.differences(c, evolution.models().get(version)));
        // The old column of an online rename holds the values of the new one.
        for (var sync : snapshot.columnSyncs()) {
            for (var table : evolution.models().get(version).tables()) {
                if (table.qualifiedName().equals(sync.table())) {
                    var column = table.columns().stream().filter(x -> x.name().equals(sync.newName())).findFirst();
                    if (column.isPresent()) {
                        problems.addAll(expected.sameAs(c, table, column.get(), sync.oldName()));
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), step + ": rows differ:\n  " + String.join("\n  ", problems));
    }

    private static Set<String> existingSchemas(Connection c, Set<String> names) throws SQLException {
        var out = new TreeSet<String>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select nspname from pg_namespace")) {
            while (rs.next()) {
                if (names.contains(rs.getString(1))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The generator is deterministic: a seed is a sequence, so a printed seed replays a failure. */
    @Test
    void aSeedIsAlwaysTheSameEvolution() {
        for (long seed = 1; seed <= 20; seed++) {
            Evolution a = Evolution.generate(seed);
            Evolution b = Evolution.generate(seed);
            assertEquals(a.history(), b.history());
            assertEquals(a.edits().stream().map(Edit::description).collect(Collectors.toList()),
                    b.edits().stream().map(Edit::description).collect(Collectors.toList()));
            assertTrue(a.edits().size() >= MIN_VERSIONS);
        }
    }
}
