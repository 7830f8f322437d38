package dev.driftless.migrate;

import dev.driftless.docs.LockMode;
import dev.driftless.docs.StatementTables;
import dev.driftless.docs.TableLock;
import dev.driftless.docs.TableName;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.sql.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * The table locks a transactional phase takes up front, before its first statement: every existing
 * table its statements lock, once, in the weakest mode that covers all they take on it, children
 * (referencing tables) before their parents (referenced tables).
 *
 * <p>Taken in statement order, a phase that alters a parent and then its child deadlocks with the
 * application's writes to the child: an insert takes ROW EXCLUSIVE on the child and then, for its
 * foreign key check, a FOR KEY SHARE row lock on the parent (ROW SHARE on the table). Holding the
 * parent, the phase waits for the child; the insert, holding the child, waits for the parent; one
 * of them is cancelled, and the version tries again. Locking the child first, the phase waits only
 * for the writes under way to finish, and the writes after them wait for the phase without holding
 * anything it needs. Taking each table's strongest lock at once also spares the lock upgrades
 * (ACCESS SHARE, then ACCESS EXCLUSIVE) that deadlock with readers the same way.
 *
 * <p>Tables the phase creates are skipped; a table it renames is locked under its old name (the
 * name it has when the phase starts). Statements whose locks are not known from their text (a
 * {@code DO} block, a Java step) take theirs when they run, as before.
 */
final class PhaseLocks {

    private PhaseLocks() {}

    /**
     * A table to lock: the name it has when the phase starts, the mode that covers all the phase
     * takes on it, and the first statement that locks it, with the mode that one takes.
     */
    record Wanted(TableName table, LockMode mode, boolean throughIndex, int firstStatement, LockMode firstMode) {}

    /**
     * A table found in the catalog, with the tables its foreign keys reference, and whether the
     * connection's user may take {@code mode} on it with {@code LOCK TABLE}.
     */
    record Found(long oid, String schema, String name, LockMode mode, Set<Long> references, boolean lockable) {

        Found {
            references = Set.copyOf(references);
        }

        /** {@code LOCK TABLE ONLY "schema"."name" IN <mode> MODE}. */
        String lockStatement() {
            return "LOCK TABLE ONLY " + Identifiers.delimited(schema) + "." + Identifiers.delimited(name) + " IN "
                    + mode.sql() + " MODE";
        }
    }

    /**
     * The tables the statements lock that exist before them, in the order the statements first
     * lock them, each in the mode that covers all the statements take on it.
     */
    static List<Wanted> wanted(List<String> statements) {
        var wanted = new LinkedHashMap<TableLock, Wanted>();
        var created = new HashSet<TableName>();
        // A name the phase gave a table, to the name the table has when the phase starts.
        var originals = new HashMap<TableName, TableName>();
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            if (HandWrittenSteps.javaStepClass(sql) != null) {
                continue;
            }
            StatementTables tables = StatementTables.of(sql);
            if (!tables.transactional()) {
                continue;
            }
            for (TableLock lock : tables.locks()) {
                if (!lock.throughIndex() && created.contains(lock.table())) {
                    continue;
                }
                TableName original = lock.throughIndex() ? lock.table() : originals.getOrDefault(lock.table(), lock.table());
                var key = new TableLock(original, LockMode.ACCESS_SHARE, lock.throughIndex());
                int first = i;
                wanted.merge(key, new Wanted(original, lock.mode(), lock.throughIndex(), first, lock.mode()),
                        (a, b) -> new Wanted(a.table(), a.mode().covering(b.mode()), a.throughIndex(), a.firstStatement(),
                                a.firstMode()));
            }
            created.addAll(tables.created());
            StatementTables.Rename rename = tables.rename();
            if (rename != null) {
                if (created.remove(rename.from())) {
                    created.add(rename.to());
                } else {
                    originals.put(rename.to(), originals.getOrDefault(rename.from(), rename.from()));
                    originals.remove(rename.from());
                }
            }
        }
        return List.copyOf(wanted.values());
    }

    /**
     * The tables in the order to lock them: a table that references another (its foreign key's
     * child) before the table it references, so that the phase takes its locks in the order the
     * application's foreign key checks do; otherwise in the order given. Tables that reference each
     * other in a cycle keep the order given among themselves.
     */
    static List<Found> ordered(List<Found> tables) {
        var left = new ArrayList<>(tables);
        var out = new ArrayList<Found>();
        while (!left.isEmpty()) {
            Found next = left.get(0);
            for (Found candidate : left) {
                boolean referencedByOneLeft = left.stream()
                        .anyMatch(other -> other != candidate && other.oid() != candidate.oid()
                                && other.references().contains(candidate.oid()));
                if (!referencedByOneLeft) {
                    next = candidate;
                    break;
                }
            }
            left.remove(next);
            out.add(next);
        }
        return List.copyOf(out);
    }

    /**
     * The phase's {@code LOCK TABLE} statements, in the order to run them: the wanted tables found
     * in the catalog (an index's name stands for its table), merged when two names are one table,
     * ordered by {@link #ordered}. Empty when taking them up front would change nothing: the phase
     * is a single statement (which takes its own locks in PostgreSQL's order), locks no existing
     * table, or locks one, first in the mode that covers all the others (no lock upgrade, no order);
     * then no catalog query is made either.
     */
    static List<String> statements(Connection connection, List<String> phase) throws SQLException {
        if (phase.size() < 2) {
            return List.of();
        }
        List<Wanted> wanted = wanted(phase);
        if (wanted.isEmpty() || wanted.size() == 1 && wanted.get(0).mode() == wanted.get(0).firstMode()) {
            return List.of();
        }
        return ordered(find(connection, wanted)).stream().filter(Found::lockable).map(Found::lockStatement).toList();
    }

    /**
     * One query: each wanted name's table (an index's name: its table), what the table's foreign
     * keys reference, and the privileges {@code LOCK TABLE} needs for the mode. A statement may need
     * less than the lock it takes (a foreign key needs only REFERENCES on the table it references,
     * which it locks SHARE ROW EXCLUSIVE, while {@code LOCK TABLE} in that mode needs UPDATE, DELETE
     * or TRUNCATE): a table the user may not lock is left to take its lock when its statement runs,
     * as it did before locks were taken up front, and the ordering of the others is kept.
     */
    static List<Found> find(Connection connection, List<Wanted> wanted) throws SQLException {
        String[] names = wanted.stream().map(w -> w.table().sql()).toArray(String[]::new);
        var found = new LinkedHashMap<Long, Found>();
        try (PreparedStatement query = connection.prepareStatement("select w.i, t.oid::bigint, n.nspname, t.relname,"
                + " array(select distinct f.confrelid::bigint from pg_catalog.pg_constraint f"
                + " where f.contype = 'f' and f.conrelid = t.oid),"
                + " pg_catalog.has_table_privilege(t.oid, 'SELECT'),"
                + " pg_catalog.has_table_privilege(t.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'),"
                + " pg_catalog.has_table_privilege(t.oid, 'UPDATE, DELETE, TRUNCATE')"
                + " from unnest(?::text[]) with ordinality as w(name, i)"
                + " join pg_catalog.pg_class r on r.oid = to_regclass(w.name)"
                + " left join pg_catalog.pg_index x on x.indexrelid = r.oid"
                + " join pg_catalog.pg_class t on t.oid = coalesce(x.indrelid, r.oid)"
                + " join pg_catalog.pg_namespace n on n.oid = t.relnamespace"
                + " where t.relkind in ('r', 'p') order by w.i")) {
            Array array = connection.createArrayOf("text", names);
            query.setArray(1, array);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Wanted w = wanted.get(rs.getInt(1) - 1);
                    var references = new HashSet<Long>();
                    for (Object o : (Object[]) rs.getArray(5).getArray()) {
                        references.add(((Number) o).longValue());
                    }
                    long oid = rs.getLong(2);
                    boolean select = rs.getBoolean(6);
                    boolean write = rs.getBoolean(7);
                    boolean change = rs.getBoolean(8);
                    Found f = new Found(oid, rs.getString(3), rs.getString(4), w.mode(), references,
                            mayLock(w.mode(), select, write, change));
                    found.merge(oid, f, (a, b) -> {
                        LockMode mode = a.mode().covering(b.mode());
                        return new Found(a.oid(), a.schema(), a.name(), mode, a.references(),
                                mayLock(mode, select, write, change));
                    });
                }
            } finally {
                array.free();
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Whether {@code LOCK TABLE} in this mode is allowed: ACCESS SHARE needs SELECT, ROW EXCLUSIVE
     * one of INSERT, UPDATE, DELETE or TRUNCATE, every other mode one of UPDATE, DELETE or TRUNCATE
     * (the owner has them all; a newer server's further grants, such as MAINTAIN, are not counted, so
     * such a table only takes its lock later, as its statement runs).
     */
    static boolean mayLock(LockMode mode, boolean select, boolean write, boolean change) {
        return switch (mode) {
            case ACCESS_SHARE -> select;
            case ROW_EXCLUSIVE -> write;
            default -> change;
        };
    }
}
