package dev.driftless.bench.locks;

import dev.driftless.diff.Renames;
import dev.driftless.model.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One kind of schema change: what it does to the model (which Driftless plans), the DDL other tools
 * emit for it, and how the benchmark undoes it between runs.
 *
 * @param naive the plain DDL from a state to the changed one, as schema tools without lock-aware plans emit it
 * @param revert the DDL back from the changed state, run between measurements; empty when the change stays
 *     (the next run starts from the changed state)
 * @param contract for a rename done online, the renames of the second version (contract), planned
 *     from the first one's snapshot and applied right after it; null for a change made in one version
 * @param vacuumAfter whether the table is vacuumed after the revert (the change left dead rows behind)
 * @param preparation what the change needs in place before each of its runs (made and undone outside
 *     the measured windows), or null
 */
record Change(String name, String title, Expectation expectation, UnaryOperator<BenchTable> change, Renames renames,
        Renames contract, Function<BenchTable, List<String>> naive, Function<BenchTable, List<String>> revert,
        boolean vacuumAfter, Preparation preparation) {

    /** A change Driftless makes in one version. */
    Change(String name, String title, Expectation expectation, UnaryOperator<BenchTable> change, Renames renames,
            Function<BenchTable, List<String>> naive, Function<BenchTable, List<String>> revert, boolean vacuumAfter) {
        this(name, title, expectation, change, renames, null, naive, revert, vacuumAfter, null);
    }

    /** An online rename, in two versions. */
    Change(String name, String title, Expectation expectation, UnaryOperator<BenchTable> change, Renames renames,
            Renames contract, Function<BenchTable, List<String>> naive, Function<BenchTable, List<String>> revert,
            boolean vacuumAfter) {
        this(name, title, expectation, change, renames, contract, naive, revert, vacuumAfter, null);
    }

    /**
     * The state a change starts from, when it is not the benchmark's current one: the DDL that
     * makes it, run before each run of the change, and the DDL that undoes it afterwards.
     */
    record Preparation(UnaryOperator<BenchTable> state, Function<BenchTable, List<String>> make,
            Function<BenchTable, List<String>> undo) {}

    /** What the change's Driftless row is held to. */
    enum Expectation {
        /** Driftless has a lock-aware form: no client may stall longer than the target. */
        SAFE_FORM,
        /** A type change made in place that rewrites the table: Driftless's lint flags it and offers the online rename. */
        REWRITE_FLAGGED
    }

    private static final String FACT = "fact_energy_hourly";

    static List<Change> all() {
        return List.of(
                new Change("widen_varchar", "type widening varchar(n) → varchar(2n) (no rewrite)", Expectation.SAFE_FORM,
                        s -> s.withNoteWidth(s.noteWidth() * 2), Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ALTER COLUMN note TYPE varchar(" + s.noteWidth() * 2 + ")"),
                        s -> List.of(), false),
                new Change("rename_column", "rename column quality → quality_score and smallint → integer, online"
                        + " (expand, then contract)", Expectation.SAFE_FORM,
                        s -> s.withQuality("quality_score", "integer"),
                        new Renames(Map.of(), Map.of(BenchTable.FACT, Map.of("quality_score", "quality")), Set.of(),
                                Map.of(BenchTable.FACT, Set.of("quality_score"))),
                        new Renames(Map.of(BenchTable.FACT, Map.of("quality_score", "quality"))),
                        s -> List.of("ALTER TABLE " + FACT + " RENAME COLUMN quality TO quality_score",
                                "ALTER TABLE " + FACT + " ALTER COLUMN quality_score TYPE integer"),
                        s -> List.of("ALTER TABLE " + FACT + " RENAME COLUMN quality_score TO quality",
                                "ALTER TABLE " + FACT + " ALTER COLUMN quality TYPE smallint"), true),
                new Change("set_not_null", "add NOT NULL to note", Expectation.SAFE_FORM,
                        BenchTable::withNoteRequired, Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ALTER COLUMN note SET NOT NULL"),
                        s -> List.of("ALTER TABLE " + FACT + " ALTER COLUMN note DROP NOT NULL"), false),
                new Change("add_index", "add index on datasource_id", Expectation.SAFE_FORM,
                        BenchTable::withDatasourceIndex, Renames.NONE,
                        s -> List.of("CREATE INDEX " + BenchTable.INDEX + " ON " + FACT + " (datasource_id)"),
                        s -> List.of("DROP INDEX " + BenchTable.INDEX), false),
                new Change("add_unique", "add unique (datasource_id, ts)", Expectation.SAFE_FORM,
                        BenchTable::withDatasourceTsUnique, Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ADD CONSTRAINT " + BenchTable.UNIQUE
                                + " UNIQUE (datasource_id, ts)"),
                        s -> List.of("ALTER TABLE " + FACT + " DROP CONSTRAINT " + BenchTable.UNIQUE), false),
                new Change("add_foreign_key", "add foreign key datasource_id → datasource", Expectation.SAFE_FORM,
                        BenchTable::withDatasourceForeignKey, Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ADD CONSTRAINT " + BenchTable.FOREIGN_KEY
                                + " FOREIGN KEY (datasource_id) REFERENCES datasource (id)"),
                        s -> List.of("ALTER TABLE " + FACT + " DROP CONSTRAINT " + BenchTable.FOREIGN_KEY), false),
                new Change("add_column_volatile_default", "add column uid uuid NOT NULL DEFAULT gen_random_uuid()",
                        Expectation.SAFE_FORM, s -> s.withUid("gen_random_uuid()"), Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid()"),
                        s -> List.of("ALTER TABLE " + FACT + " DROP COLUMN uid"), true),
                // The load's inserts check the foreign key to datasource: each takes ROW EXCLUSIVE on the
                // child, then a FOR KEY SHARE row lock on the parent (issue #16).
                new Change("rename_parent", "rename the parent table datasource → data_source and add a column to its"
                        + " child fact_energy_hourly (foreign key in place)", Expectation.SAFE_FORM,
                        s -> s.withDatasourceName("data_source").withFactComment(),
                        new Renames(Map.of(QualifiedName.of("data_source"), BenchTable.DATASOURCE), Map.of()), null,
                        s -> List.of("ALTER TABLE datasource RENAME TO data_source",
                                "ALTER TABLE " + FACT + " ADD COLUMN comment text"),
                        s -> List.of("ALTER TABLE data_source RENAME TO datasource",
                                "ALTER TABLE " + FACT + " DROP COLUMN comment"), false,
                        new Preparation(BenchTable::withDatasourceForeignKey,
                                s -> List.of("ALTER TABLE " + FACT + " ADD CONSTRAINT " + BenchTable.FOREIGN_KEY
                                        + " FOREIGN KEY (datasource_id) REFERENCES datasource (id)"),
                                s -> List.of("ALTER TABLE " + FACT + " DROP CONSTRAINT " + BenchTable.FOREIGN_KEY))),
                new Change("int_to_bigint", "type change datasource_id integer → bigint (rewrites the table)",
                        Expectation.REWRITE_FLAGGED, s -> s.withDatasourceIdType("bigint"), Renames.NONE,
                        s -> List.of("ALTER TABLE " + FACT + " ALTER COLUMN datasource_id TYPE bigint"),
                        s -> List.of("ALTER TABLE " + FACT + " ALTER COLUMN datasource_id TYPE integer"), false));
    }
}
