package dev.driftless.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.evolution.RandomEdits.Edit;
import dev.driftless.evolution.RandomEdits.Kind;
import dev.driftless.evolution.RandomEvolutionTest.Evolution;
import dev.driftless.testing.PostgresFixture;
import dev.driftless.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pair of edit kinds in one version: for each pair, an edit of the first kind and then one
 * of the second, preferably on the same object (table, enum type, sequence or view), frozen as one
 * version and applied up and down on PostgreSQL with the rows checked, as {@link
 * RandomEvolutionTest} does. Versions that only one random edit makes never hold two changes to
 * one object, which is where a version that can never apply hides (a value added to an enum type
 * and used by a default in the same transaction).
 *
 * <p>Many pairs share a database: a sequence is an initial version followed by one version per
 * pair, each on the model the previous one left. The test prints which pairs were covered on one
 * object, which only apart (the second kind found nothing of the first's object to change), and
 * which never applied together. {@code -Ddriftless.pairs.rounds=N} covers every pair N times with
 * other seeds (default 1).
 */
class PairwiseEditsTest {

    private static final int ROUNDS = Integer.getInteger("driftless.pairs.rounds", 1);
    private static final int PAIRS_PER_SEQUENCE = 12;
    private static final int ATTEMPTS = 60;
    private static final int WORKERS = 2;
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

    record Pair(String first, String second) {
        @Override
        public String toString() {
            return first + " + " + second;
        }
    }

    /** How a pair was covered in one sequence. */
    enum Coverage { SAME_OBJECT, APART, NOT_TOGETHER }

    /** The sequence of one chunk of pairs, and how each pair made it in. */
    record Sequence(Evolution evolution, Map<Pair, Coverage> coverage) {}

    @Test
    void everyPairOfEditKindsAppliesInOneVersionUpAndDown() throws Exception {
        List<String> names = new RandomEdits(new Random(0)).kinds().stream().map(Kind::name).toList();
        var pairs = new ArrayList<Pair>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i; j < names.size(); j++) {
                pairs.add(new Pair(names.get(i), names.get(j)));
            }
        }
        var chunks = new ArrayList<long[]>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int from = 0; from < pairs.size(); from += PAIRS_PER_SEQUENCE) {
                chunks.add(new long[] {round, from});
            }
        }
        long started = System.nanoTime();
        var best = new ConcurrentHashMap<Pair, Coverage>();
        var next = new AtomicInteger();
        var versions = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(WORKERS);
        try {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    try (TestDatabase db = PostgresFixture.shared().createDatabase()) {
                        for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
                            long[] chunk = chunks.get(i);
                            int from = (int) chunk[1];
                            long seed = 1_000_003L * chunk[0] + from;
                            Sequence sequence = generate(seed, pairs.subList(from, Math.min(from + PAIRS_PER_SEQUENCE,
                                    pairs.size())));
                            try {
                                RandomEvolutionTest.roundTrip(db, sequence.evolution());
                            } catch (AssertionError | SQLException | RuntimeException e) {
                                next.set(chunks.size());
                                throw new AssertionError("pairwise evolution failed, pairs " + sequence.coverage().keySet()
                                        + ", " + sequence.evolution().describe() + e, e);
                            }
                            versions.addAndGet(sequence.evolution().edits().size());
                            sequence.coverage().forEach((pair, c) -> best.merge(pair, c,
                                    (a, b) -> a.ordinal() <= b.ordinal() ? a : b));
                            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                                st.execute("drop table driftless_history");
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
        var byCoverage = new TreeMap<Coverage, TreeSet<String>>();
        pairs.forEach(p -> byCoverage.computeIfAbsent(best.get(p), k -> new TreeSet<>()).add(p.toString()));
        System.out.printf("[driftless pairs] %d pairs of %d edit kinds, %d rounds, %d versions up and down, %.1f s:"
                        + " %d on one object, %d apart, %d never together%n", pairs.size(), names.size(), ROUNDS,
                versions.get(), (System.nanoTime() - started) / 1e9,
                byCoverage.getOrDefault(Coverage.SAME_OBJECT, new TreeSet<>()).size(),
                byCoverage.getOrDefault(Coverage.APART, new TreeSet<>()).size(),
                byCoverage.getOrDefault(Coverage.NOT_TOGETHER, new TreeSet<>()).size());
        System.out.println("[driftless pairs] apart: " + byCoverage.getOrDefault(Coverage.APART, new TreeSet<>()));
        System.out.println("[driftless pairs] never together: "
                + byCoverage.getOrDefault(Coverage.NOT_TOGETHER, new TreeSet<>()));
        assertEquals(pairs.size(), best.size(), "every pair was tried");
        long together = pairs.stream().filter(p -> best.get(p) != Coverage.NOT_TOGETHER).count();
        assertTrue(together >= pairs.size() * 3 / 4, "at least three pairs in four were applied together, "
                + together + " of " + pairs.size());
    }

    /**
     * An initial version, then one version per pair: an edit of the first kind and one of the
     * second on what it left, preferring attempts where both change one object.
     */
    static Sequence generate(long seed, List<Pair> pairs) {
        var random = new Random(seed);
        var edits = new RandomEdits(random);
        Map<String, Kind> kinds = new TreeMap<>();
        edits.kinds().forEach(k -> kinds.put(k.name(), k));
        var made = new ArrayList<Edit>();
        // The first version has something of every kind for the pairs to change or drop: a relation,
        // checks, views, an index, a unique key, a sequence, enum types (one of them unused).
        TrackedModel model = edits.initial().after();
        for (String setup : List.of("addTable", "addForeignKey", "addCheck", "addCheck", "addIndex", "changeUnique",
                "addSequence", "addEnumColumn", "addView", "addView")) {
            TrackedModel before = model;
            model = kinds.get(setup).edit().apply(before).map(Edit::after).orElse(before);
        }
        model = model.withEnums(append(model.enums(), new TrackedModel.TrackedEnum("spare" + seed,
                List.of(TrackedModel.TrackedEnum.STABLE_VALUE, "mid"))));
        made.add(new Edit("initial model with something of every kind", model));
        var coverage = new java.util.LinkedHashMap<Pair, Coverage>();
        for (Pair pair : pairs) {
            Edit together = null;
            boolean same = false;
            for (int attempt = 0; attempt < ATTEMPTS && !same; attempt++) {
                boolean swapped = random.nextBoolean();
                Kind a = kinds.get(swapped ? pair.second() : pair.first());
                Kind b = kinds.get(swapped ? pair.first() : pair.second());
                TrackedModel base = model;
                Optional<Edit> first = a.edit().apply(base).filter(e -> changes(base, e));
                if (first.isEmpty()) {
                    continue;
                }
                Optional<Edit> second = b.edit().apply(first.get().after()).filter(e -> changes(first.get().after(), e));
                if (second.isEmpty() || !changes(model, second.get())
                        || uniqueOverColumnsWithoutValues(model, second.get().after())
                        || reusesADroppedName(model, second.get().after())
                        || dropsAColumnItCannotRestore(model, second.get().after())
                        || dropsAColumnItCannotRestore(second.get().after(), model)
                        || (first.get().online() || second.get().online())
                                && renamesAKeyOrIdentity(model, second.get().after())) {
                    continue;
                }
                Set<String> touched = touched(model, first.get().after());
                touched.retainAll(touched(first.get().after(), second.get().after()));
                if (together == null || !touched.isEmpty()) {
                    together = new Edit(pair + ": " + first.get().description() + "; then " + second.get().description(),
                            second.get().after(), first.get().online() || second.get().online());
                    same = !touched.isEmpty();
                }
            }
            if (together == null) {
                coverage.put(pair, Coverage.NOT_TOGETHER);
                continue;
            }
            coverage.put(pair, same ? Coverage.SAME_OBJECT : Coverage.APART);
            made.add(together);
            model = together.after();
        }
        Evolution evolution = Evolution.of(seed, made);
        // A pair whose version planned nothing (the second edit undid the first) was not applied together.
        for (Pair pair : pairs) {
            boolean planned = evolution.edits().stream().anyMatch(e -> e.description().startsWith(pair + ": "));
            if (!planned) {
                coverage.put(pair, Coverage.NOT_TOGETHER);
            }
        }
        return new Sequence(evolution, coverage);
    }

    /**
     * Whether a unique key or unique index covers only columns the version adds: the rows already
     * there all hold the same default (or NULL) in them, which the data refuses, not Driftless (in a
     * version of its own, such a key comes after the rows were given distinct values).
     */
    private static boolean uniqueOverColumnsWithoutValues(TrackedModel before, TrackedModel after) {
        for (TrackedModel.TrackedTable t : after.tables()) {
            var old = before.table(t.id());
            if (old.isEmpty()) {
                continue;
            }
            var keys = new ArrayList<List<Integer>>(t.uniques());
            t.indexes().stream().filter(TrackedModel.TrackedIndex::unique).forEach(i -> keys.add(i.columns()));
            for (List<Integer> key : keys) {
                boolean distinct = key.stream().anyMatch(c -> old.get().column(c).isPresent()
                        && t.column(c).orElseThrow().kind().distinct());
                if (!distinct) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a column renamed in the version is, after it, in the primary key or an identity: an
     * online rename of such a column is refused at plan time ({@code OnlineRenames.Refused}, DL221),
     * and a version whose renames are declared online renames all its columns online.
     */
    private static boolean renamesAKeyOrIdentity(TrackedModel before, TrackedModel after) {
        for (TrackedModel.TrackedTable t : after.tables()) {
            var old = before.table(t.id());
            for (TrackedModel.TrackedColumn c : t.columns()) {
                var was = old.flatMap(o -> o.column(c.id()));
                if (was.isPresent() && !was.get().name().equals(c.name())
                        && (t.primaryKey().contains(c.id()) || c.identity() || was.get().identity()
                                || old.get().primaryKey().contains(c.id()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a column is dropped and another added under its name in one version: to PostgreSQL,
     * and so to the diff, which goes by name, that is a change of the column's type, and the rows'
     * values of one kind do not convert to the other (an edit of one kind keeps to its kind's types).
     */
    private static boolean reusesADroppedName(TrackedModel before, TrackedModel after) {
        for (TrackedModel.TrackedTable t : after.tables()) {
            var old = before.table(t.id());
            if (old.isPresent() && t.columns().stream().anyMatch(c -> old.get().column(c.id()).isEmpty()
                    && old.get().columns().stream().anyMatch(o -> o.name().equals(c.name()) && o.id() != c.id()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the version drops a column its down cannot add back on a table with rows (required,
     * without a default, as it was before the version): {@link RandomEdits#DROP_ONLY_RESTORABLE_COLUMNS},
     * which one edit checks on the model it edits, and two edits must check on the version's first.
     * The other way round, whether the version adds such a column (added nullable, then made
     * required or put in the primary key), which the rows refuse (the processor warns, DL207).
     */
    private static boolean dropsAColumnItCannotRestore(TrackedModel before, TrackedModel after) {
        for (TrackedModel.TrackedTable t : before.tables()) {
            var later = after.table(t.id());
            if (later.isPresent() && t.columns().stream()
                    .anyMatch(c -> later.get().column(c.id()).isEmpty() && !RandomEdits.restorable(t, c))) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> append(List<T> items, T item) {
        var out = new ArrayList<>(items);
        out.add(item);
        return out;
    }

    private static boolean changes(TrackedModel before, Edit edit) {
        return !edit.after().schema().equals(before.schema());
    }

    /** The objects an edit changed: tables, enum types and sequences by name, views by id. */
    static Set<String> touched(TrackedModel before, TrackedModel after) {
        var out = new HashSet<String>();
        var ids = new HashSet<Integer>();
        before.tables().forEach(t -> ids.add(t.id()));
        after.tables().forEach(t -> ids.add(t.id()));
        for (int id : ids) {
            var a = before.table(id);
            var b = after.table(id);
            if (!a.equals(b)) {
                out.add("table " + id);
                // An enum column that changed touches its type.
                for (var t : List.of(a, b)) {
                    t.ifPresent(table -> table.columns().stream().filter(c -> c.kind() == ValueKind.ENUM)
                            .filter(c -> a.flatMap(x -> x.column(c.id())).equals(b.flatMap(x -> x.column(c.id()))) == false)
                            .forEach(c -> out.add("enum " + c.type())));
                }
            }
        }
        var enums = new HashSet<String>();
        before.enums().forEach(e -> enums.add(e.name()));
        after.enums().forEach(e -> enums.add(e.name()));
        for (String e : enums) {
            if (!before.enums().stream().filter(x -> x.name().equals(e)).toList()
                    .equals(after.enums().stream().filter(x -> x.name().equals(e)).toList())) {
                out.add("enum " + e);
            }
        }
        var sequences = new HashSet<String>();
        before.sequences().forEach(s -> sequences.add(s.name().toString()));
        after.sequences().forEach(s -> sequences.add(s.name().toString()));
        for (String s : sequences) {
            if (!before.sequences().stream().filter(x -> x.name().toString().equals(s)).toList()
                    .equals(after.sequences().stream().filter(x -> x.name().toString().equals(s)).toList())) {
                out.add("sequence " + s);
            }
        }
        var views = new HashSet<Integer>();
        before.views().forEach(v -> views.add(v.id()));
        after.views().forEach(v -> views.add(v.id()));
        for (int v : views) {
            var a = before.view(v);
            var b = after.view(v);
            if (!a.equals(b)) {
                out.add("view " + v);
                a.filter(x -> x.table() >= 0).ifPresent(x -> out.add("table " + x.table()));
                b.filter(x -> x.table() >= 0).ifPresent(x -> out.add("table " + x.table()));
            }
        }
        return out;
    }
}
