package dev.driftless.migrate;

import java.util.List;
import java.util.Set;

/**
 * What the unlocked probe of a start read in one statement, without the migration lock and without
 * changing the session: the connection's current schema, the schema of the history table it found
 * (null for none), the advisory locks held in the database, and the history's rows.
 *
 * @param currentSchema the connection's current schema (null: no schema on its search_path exists)
 * @param tableSchema the schema of the history table the name resolved to
 * @param heldLocks the keys of the advisory locks some session holds in this database
 * @param history every row of the history table, in version order
 */
record HistoryProbe(String currentSchema, String tableSchema, Set<Long> heldLocks, List<HistoryEntry> history) {

    HistoryProbe {
        heldLocks = Set.copyOf(heldLocks);
        history = List.copyOf(history);
    }
}
