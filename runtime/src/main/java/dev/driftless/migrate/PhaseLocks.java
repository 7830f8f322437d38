package dev.driftless.migrate;

import dev.driftless.docs.ForeignKeyLock;
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
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

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
 * <p>The tables a statement locks through foreign keys ({@code DROP TABLE}, {@code DROP CONSTRAINT},
 * {@code DROP COLUMN}, {@code ALTER COLUMN ... TYPE}, {@code TRUNCATE ... CASCADE}) are read from the
 * catalog and taken up front with the others, in the same order.
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
     * A table found in the catalog, with the tables its foreign keys reference, whether the
     * connection's user may take {@code mode} on it with {@code LOCK TABLE}, and the privileges
     * that tells it ({@link #mayLock}), for when the mode grows.
     */
    record Found(long oid, String schema, String name, LockMode mode, Set<Long> references, boolean lockable,
            boolean select, boolean write, boolean change) {

        Found {
            references = Set.copyOf(references);
        }

        /** A table on which the user has every privilege {@code LOCK TABLE} counts, or none. */
        Found(long oid, String schema, String name, LockMode mode, Set<Long> references, boolean lockable) {
            this(oid, schema, name, mode, references, lockable, lockable, lockable, lockable);
        }

        /** {@code LOCK TABLE ONLY "schema"."name" IN <mode> MODE}. */
        String lockStatement() {
            return "LOCK TABLE ONLY " + Identifiers.delimited(schema) + "." + Identifiers.delimited(name) + " IN "
                    + mode.sql() + " MODE";
        }
    }

    /**
     * What a phase locks: the tables it names ({@link #wanted}) and those it locks through foreign
     * keys, each under the name its table has when the phase starts.
     */
    record Needs(List<Wanted> tables, List<ForeignKeyLock> throughForeignKeys) {

        Needs {
            tables = List.copyOf(tables);
            throughForeignKeys = List.copyOf(throughForeignKeys);
        }
    }

    /**
     * The tables the statements lock that exist before them, in the order the statements first
     * lock them, each in the mode that covers all the statements take on it.
     */
    static List<Wanted> wanted(List<String> statements) {
        return needs(statements).tables();
    }

    /** {@link #wanted}, and the locks the statements take through foreign keys on tables there before them. */
    static Needs needs(List<String> statements) {
        var wanted = new LinkedHashMap<TableLock, Wanted>();
        var through = new ArrayList<ForeignKeyLock>();
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
            for (ForeignKeyLock lock : tables.throughForeignKeys()) {
                if (!created.contains(lock.table())) {
                    TableName original = originals.getOrDefault(lock.table(), lock.table());
                    var named = new ForeignKeyLock(original, lock.referenced(), lock.constraint(), lock.column(),
                            lock.transitive(), lock.mode());
                    if (!through.contains(named)) {
                        through.add(named);
                    }
                }
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
        return new Needs(List.copyOf(wanted.values()), through);
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
     * ordered by {@link #ordered}, with the tables the statements lock through foreign keys. Empty
     * when taking them up front would change nothing ({@link #mayNeedLocksUpFront}); then no
     * catalog query is made either.
     */
    static List<String> statements(Connection connection, List<String> phase) throws SQLException {
        return statements(connection, phase, needs(phase));
    }

    /**
     * {@link #statements(Connection, List)} for the statements {@code [from, to)} of a version's
     * {@code all}, with what they lock read through {@link #needs(List, int, int)}.
     */
    static List<String> statements(Connection connection, List<String> all, int from, int to) throws SQLException {
        return statements(connection, all.subList(from, to), needs(all, from, to));
    }

    /**
     * {@link #needs(List)} of the statements {@code [from, to)} of a version's {@code all}. What they
     * lock is read from their text once for every tenant of a fan-out, which applies the same
     * version: it is kept, for the last phases read, by the identity of {@code all} when that is an
     * unmodifiable list (a version's statements, which cannot change).
     */
    static Needs needs(List<String> all, int from, int to) {
        List<String> phase = all.subList(from, to);
        if (List.copyOf(all) != all) {
            return needs(phase);
        }
        int slot = Math.floorMod(System.identityHashCode(all) * 31 + from, READ.length());
        Read read = READ.get(slot);
        if (read == null || read.all() != all || read.from() != from || read.to() != to) {
            read = new Read(all, from, to, needs(phase));
            READ.set(slot, read);
        }
        return read.needs();
    }

    /** What the statements {@code [from, to)} of an unmodifiable {@code all} lock. */
    private record Read(List<String> all, int from, int to, Needs needs) {}

    /** The last phases read, a few, by slot. */
    private static final AtomicReferenceArray<Read> READ = new AtomicReferenceArray<>(16);

    /** {@link #statements(Connection, List)} of the phase's {@link #needs}, read already. */
    static List<String> statements(Connection connection, List<String> phase, Needs needs) throws SQLException {
        if (!mayNeedLocksUpFront(phase, needs)) {
            return List.of();
        }
        List<Wanted> wanted = needs.tables();
        boolean oneWithoutUpgrade = wanted.size() == 1 && wanted.get(0).mode() == wanted.get(0).firstMode();
        List<Found> found = find(connection, needs);
        if (found.isEmpty() || found.size() == 1 && oneWithoutUpgrade && found.get(0).mode() == wanted.get(0).mode()) {
            // The foreign keys joined the table to none other.
            return List.of();
        }
        return ordered(found).stream().filter(Found::lockable).map(Found::lockStatement).toList();
    }

    /**
     * Whether taking the phase's locks up front may change anything, before the catalog is asked.
     * Not for a single statement, which takes its own locks in PostgreSQL's order, unless it locks
     * tables through the foreign keys that reference one it names (a key whose type changes, a
     * {@code CASCADE}): PostgreSQL locks those children after their parent. Nor for a phase that
     * locks no existing table, or one, first in the mode that covers all the others (no lock
     * upgrade, no order), and none through foreign keys.
     */
    static boolean mayNeedLocksUpFront(List<String> phase, Needs needs) {
        if (phase.size() < 2) {
            return needs.throughForeignKeys().stream().anyMatch(l -> !l.referenced());
        }
        List<Wanted> wanted = needs.tables();
        boolean oneWithoutUpgrade = wanted.size() == 1 && wanted.get(0).mode() == wanted.get(0).firstMode();
        return !needs.throughForeignKeys().isEmpty() || !wanted.isEmpty() && !oneWithoutUpgrade;
    }

    /** The tables of {@link #find(Connection, List)}, and those the catalog tells the statements lock through foreign keys. */
    static List<Found> find(Connection connection, Needs needs) throws SQLException {
        var found = new LinkedHashMap<Long, Found>();
        for (Found f : find(connection, needs.tables())) {
            found.put(f.oid(), f);
        }
        if (!needs.throughForeignKeys().isEmpty()) {
            for (Found f : throughForeignKeys(connection, needs.throughForeignKeys())) {
                found.merge(f.oid(), f, PhaseLocks::merged);
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The query of {@link #find(Connection, List)}: the table of each name in the array (an index's
     * name: its table), by the name's index (from 1), with {@link #TABLE_COLUMNS}.
     */
    static String namedQuery(String names) {
        return "select w.i," + TABLE_COLUMNS
                + " from unnest(" + names + ") with ordinality as w(name, i)"
                + " join pg_catalog.pg_class r on r.oid = to_regclass(w.name)"
                + " left join pg_catalog.pg_index x on x.indexrelid = r.oid"
                + " join pg_catalog.pg_class t on t.oid = coalesce(x.indrelid, r.oid)"
                + " join pg_catalog.pg_namespace n on n.oid = t.relnamespace"
                + " where t.relkind in ('r', 'p') order by w.i";
    }

    /**
     * The query of the tables joined by foreign keys to those the locks name, by the lock's index
     * (from 1), with {@link #TABLE_COLUMNS}; the arrays hold, lock by lock, {@link ForeignKeyLock}'s
     * table name, {@code referenced}, {@code constraint}, {@code column} and {@code transitive}.
     */
    static String throughQuery(String names, String referenced, String constraints, String columns,
            String transitive) {
        return "with recursive w as (select w.i, t.oid as rel, w.referenced, w.con, w.col, w.transitive"
                + " from unnest(" + names + ", " + referenced + ", " + constraints + ", " + columns + ", " + transitive
                + ") with ordinality as w(name, referenced, con, col, transitive, i)"
                + " join pg_catalog.pg_class t on t.oid = to_regclass(w.name) where t.relkind in ('r', 'p')),"
                + " hop(i, rel, transitive) as (select w.i, case when w.referenced then f.confrelid else f.conrelid end,"
                + " w.transitive from w join pg_catalog.pg_constraint f on f.contype = 'f' where case when w.referenced"
                + " then f.conrelid = w.rel and (w.con is null or f.conname = w.con) and (w.col is null or exists"
                + " (select 1 from pg_catalog.pg_attribute a where a.attrelid = w.rel and a.attname = w.col"
                + " and a.attnum = any (f.conkey)))"
                + " else f.confrelid = w.rel and (w.con is null or f.conindid in (select k.conindid"
                + " from pg_catalog.pg_constraint k where k.conrelid = w.rel and k.conname = w.con))"
                + " and (w.col is null or exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = w.rel"
                + " and a.attname = w.col and a.attnum = any (f.confkey))) end"
                + " union select h.i, f.conrelid, h.transitive from hop h join pg_catalog.pg_constraint f"
                + " on f.contype = 'f' and f.confrelid = h.rel where h.transitive)"
                + " select distinct h.i," + TABLE_COLUMNS
                + " from hop h join pg_catalog.pg_class t on t.oid = h.rel"
                + " join pg_catalog.pg_namespace n on n.oid = t.relnamespace"
                + " where t.relkind in ('r', 'p') order by h.i, 2";
    }

    /** The catalog's columns of a table to lock, after the index of what asked for it. */
    static final String TABLE_COLUMNS = " t.oid::bigint as oid, n.nspname, t.relname,"
            + " array(select distinct f.confrelid::bigint from pg_catalog.pg_constraint f"
            + " where f.contype = 'f' and f.conrelid = t.oid) as refs,"
            + " pg_catalog.has_table_privilege(t.oid, 'SELECT') as may_select,"
            + " pg_catalog.has_table_privilege(t.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') as may_write,"
            + " pg_catalog.has_table_privilege(t.oid, 'UPDATE, DELETE, TRUNCATE') as may_change";

    /**
     * One query: the tables joined by foreign keys to the tables the locks name, as each lock says
     * (parents or children, of one constraint or column, and transitively for {@code TRUNCATE ...
     * CASCADE}).
     */
    private static List<Found> throughForeignKeys(Connection connection, List<ForeignKeyLock> locks)
            throws SQLException {
        String sql = throughQuery("?::text[]", "?::boolean[]", "?::text[]", "?::text[]", "?::boolean[]");
        var found = new LinkedHashMap<Long, Found>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            var arrays = new ArrayList<Array>();
            arrays.add(connection.createArrayOf("text", locks.stream().map(l -> l.table().sql()).toArray()));
            arrays.add(connection.createArrayOf("bool", locks.stream().map(ForeignKeyLock::referenced).toArray()));
            arrays.add(connection.createArrayOf("text", locks.stream().map(ForeignKeyLock::constraint).toArray()));
            arrays.add(connection.createArrayOf("text", locks.stream().map(ForeignKeyLock::column).toArray()));
            arrays.add(connection.createArrayOf("bool", locks.stream().map(ForeignKeyLock::transitive).toArray()));
            try {
                for (int k = 0; k < arrays.size(); k++) {
                    query.setArray(k + 1, arrays.get(k));
                }
                read(query, i -> locks.get(i).mode(), found);
            } finally {
                for (Array array : arrays) {
                    array.free();
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Reads the rows of a query of {@link #TABLE_COLUMNS}, each in the mode its index asks for, merged by table. */
    private static void read(PreparedStatement query, IntFunction<LockMode> modes, LinkedHashMap<Long, Found> found)
            throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                var references = new HashSet<Long>();
                for (Object o : (Object[]) rs.getArray(5).getArray()) {
                    references.add(((Number) o).longValue());
                }
                LockMode mode = modes.apply(rs.getInt(1) - 1);
                boolean select = rs.getBoolean(6);
                boolean write = rs.getBoolean(7);
                boolean change = rs.getBoolean(8);
                Found f = new Found(rs.getLong(2), rs.getString(3), rs.getString(4), mode, references,
                        mayLock(mode, select, write, change), select, write, change);
                found.merge(f.oid(), f, PhaseLocks::merged);
            }
        }
    }

    /** Two finds of one table: the mode that covers both. */
    private static Found merged(Found a, Found b) {
        LockMode mode = a.mode().covering(b.mode());
        return new Found(a.oid(), a.schema(), a.name(), mode, a.references(),
                mayLock(mode, a.select(), a.write(), a.change()), a.select(), a.write(), a.change());
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
        try (PreparedStatement query = connection.prepareStatement(namedQuery("?::text[]"))) {
            Array array = connection.createArrayOf("text", names);
            query.setArray(1, array);
            try {
                read(query, i -> wanted.get(i).mode(), found);
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
