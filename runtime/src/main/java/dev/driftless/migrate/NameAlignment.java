package dev.driftless.migrate;

import dev.driftless.diff.Operation;
import dev.driftless.diff.Operation.RenameConstraint;
import dev.driftless.diff.Operation.RenameIndex;
import dev.driftless.model.QualifiedName;
import dev.driftless.plan.PostgresPlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The renames that give an adopted database the snapshot's names for the constraints and indexes
 * that differ from the snapshot's only in their name (Hibernate's {@code FK<hash>} and
 * {@code IDX<hash>}, a hand-written {@code fk_reading_meter}), as a baseline that aligns names
 * makes them: each from the database's name to the snapshot's, in an order in which every name is
 * free when it is taken, or refused when a name is held by another object that stays.
 */
final class NameAlignment {

    private NameAlignment() {}

    /** The differences that only a name makes, among those that turn the snapshot into the live schema. */
    static boolean nameOnly(Operation difference) {
        return difference instanceof RenameConstraint || difference instanceof RenameIndex;
    }

    /**
     * The renames that undo the name-only differences in the database: from the live name to the
     * snapshot's, in the order of the differences.
     *
     * @param differences the changes that turn the snapshot into the live schema
     */
    static List<Operation> renames(List<Operation> differences) {
        var out = new ArrayList<Operation>();
        for (Operation d : differences) {
            if (d instanceof RenameConstraint r) {
                out.add(new RenameConstraint(r.table(), r.to(), r.from()));
            } else if (d instanceof RenameIndex r) {
                out.add(new RenameIndex(r.table(), r.to(), r.from()));
            }
        }
        return out;
    }

    /** The SQL of the renames, in their order. */
    static List<String> statements(List<Operation> renames) {
        return renames.stream().flatMap(r -> PostgresPlanner.statements(r).stream()).toList();
    }

    /**
     * The renames in an order in which each name is free when it is taken, read from the catalog
     * on {@code connection} (whose search_path is the baseline's): a constraint's name must be free
     * among the constraints of its table, and among the relations of its schema too when the
     * constraint has an index (a primary key, a unique constraint, which PostgreSQL renames with
     * it); an index's among the relations of its schema. A name held by an object that is renamed
     * away first is free by then.
     *
     * @throws MigrationException naming every rename whose name another object holds (nothing is changed)
     */
    static List<Operation> ordered(Connection connection, List<Operation> renames) throws SQLException {
        var pending = new ArrayList<Planned>();
        for (Operation r : renames) {
            pending.add(plan(connection, r));
        }
        // The names the objects hold now; each rename frees its own and takes the new one.
        var taken = new HashSet<String>();
        for (Planned p : pending) {
            taken.addAll(p.holders().keySet());
            taken.addAll(p.frees());
        }
        var out = new ArrayList<Operation>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Planned p : List.copyOf(pending)) {
                if (p.takes().stream().noneMatch(taken::contains)) {
                    taken.removeAll(p.frees());
                    taken.addAll(p.takes());
                    out.add(p.rename());
                    pending.remove(p);
                    progress = true;
                }
            }
        }
        if (!pending.isEmpty()) {
            var lines = new ArrayList<String>();
            for (Planned p : pending) {
                String holder = p.holders().entrySet().stream()
                        .filter(e -> taken.contains(e.getKey()))
                        .map(Map.Entry::getValue).distinct().reduce((a, b) -> a + " and " + b)
                        .orElse("another of these renames");
                lines.add("  " + p.rename().describe() + ": the name is taken by " + holder);
            }
            throw new MigrationException("cannot align the names: " + lines.size() + " of the " + renames.size()
                    + " renames would take a name another object of the database holds:\n" + String.join("\n", lines)
                    + "\nNothing was changed or recorded. Rename or drop that object first, or baseline without"
                    + " align names (with force to accept the differences).");
        }
        return out;
    }

    /**
     * One rename with the names it frees and takes, as keys ({@code c <table oid> <name>} for a
     * constraint of a table, {@code r <schema oid> <name>} for a relation of a schema), and the
     * live objects that hold the names it takes, described.
     */
    private record Planned(Operation rename, Set<String> frees, Set<String> takes, Map<String, String> holders) {}

    private static Planned plan(Connection connection, Operation rename) throws SQLException {
        QualifiedName table;
        String from;
        String to;
        boolean index;
        if (rename instanceof RenameConstraint r) {
            table = r.table();
            from = r.from();
            to = r.to();
            index = false;
        } else {
            RenameIndex r = (RenameIndex) rename;
            table = r.table();
            from = r.from();
            to = r.to();
            index = true;
        }
        long tableOid;
        long schemaOid;
        try (PreparedStatement find = connection.prepareStatement("select c.oid, c.relnamespace from pg_catalog.pg_class c"
                + " where c.oid = to_regclass(?)")) {
            find.setString(1, QualifiedName.quote(table));
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrationException("cannot align the names: table " + table + " is gone since the"
                            + " comparison; nothing was changed or recorded: run baseline again");
                }
                tableOid = rs.getLong(1);
                schemaOid = rs.getLong(2);
            }
        }
        boolean relation = index || constraintHasIndex(connection, tableOid, from);
        var frees = new HashSet<String>();
        var takes = new HashSet<String>();
        if (!index) {
            frees.add("c " + tableOid + " " + from);
            takes.add("c " + tableOid + " " + to);
        }
        if (relation) {
            frees.add("r " + schemaOid + " " + from);
            takes.add("r " + schemaOid + " " + to);
        }
        var holders = new LinkedHashMap<String, String>();
        if (!index) {
            try (PreparedStatement held = connection.prepareStatement("select contype from pg_catalog.pg_constraint"
                    + " where conrelid = ? and conname = ?")) {
                held.setLong(1, tableOid);
                held.setString(2, to);
                try (ResultSet rs = held.executeQuery()) {
                    if (rs.next()) {
                        holders.put("c " + tableOid + " " + to, constraintKind(rs.getString(1)) + " " + to + " on " + table);
                    }
                }
            }
        }
        if (relation) {
            try (PreparedStatement held = connection.prepareStatement("select c.relkind, t.relname"
                    + " from pg_catalog.pg_class c left join pg_catalog.pg_index i on i.indexrelid = c.oid"
                    + " left join pg_catalog.pg_class t on t.oid = i.indrelid"
                    + " where c.relnamespace = ? and c.relname = ?")) {
                held.setLong(1, schemaOid);
                held.setString(2, to);
                try (ResultSet rs = held.executeQuery()) {
                    if (rs.next()) {
                        holders.put("r " + schemaOid + " " + to, relationKind(rs.getString(1)) + " " + to
                                + (rs.getString(2) != null ? " on " + rs.getString(2) : "") + " of the same schema");
                    }
                }
            }
        }
        return new Planned(rename, frees, takes, holders);
    }

    /** Whether the constraint has an index of its own (a primary key, unique or exclusion constraint). */
    private static boolean constraintHasIndex(Connection connection, long tableOid, String name) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("select contype in ('p', 'u', 'x')"
                + " from pg_catalog.pg_constraint where conrelid = ? and conname = ?")) {
            find.setLong(1, tableOid);
            find.setString(2, name);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String constraintKind(String contype) {
        return switch (contype) {
            case "p" -> "primary key";
            case "u" -> "unique constraint";
            case "f" -> "foreign key";
            case "c" -> "check constraint";
            case "x" -> "exclusion constraint";
            case "n" -> "not-null constraint";
            default -> "constraint";
        };
    }

    private static String relationKind(String relkind) {
        return switch (relkind) {
            case "r", "p" -> "table";
            case "i", "I" -> "index";
            case "S" -> "sequence";
            case "v" -> "view";
            case "m" -> "materialized view";
            case "c" -> "composite type";
            case "f" -> "foreign table";
            default -> "relation";
        };
    }
}
