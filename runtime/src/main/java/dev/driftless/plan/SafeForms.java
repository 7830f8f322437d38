package dev.driftless.plan;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;
import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;

import dev.driftless.diff.Operation;
import dev.driftless.history.ColumnFill;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnSync;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.NameLimit;
import dev.driftless.model.QualifiedName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lock-aware forms of operations on tables that already exist (and may be large and busy),
 * following PostgreSQL's lock rules:
 * <ul>
 * <li>indexes are built and dropped {@code CONCURRENTLY} (no lock that blocks writes);
 * <li>unique constraints and primary keys are attached {@code USING INDEX} to an index built that way;
 * <li>foreign keys and check constraints are added {@code NOT VALID} (a short lock) and validated
 * in a transaction of their own ({@code SHARE UPDATE EXCLUSIVE}: reads and writes go on);
 * <li>{@code SET NOT NULL} comes after a validated {@code CHECK (column IS NOT NULL)}, which lets
 * PostgreSQL skip its full scan under {@code ACCESS EXCLUSIVE};
 * <li>a column with a volatile default is added without it, its rows filled in batches that commit
 * one by one, and then given the default.
 * </ul>
 * The runtime runs the concurrent statements and the batches outside the version's transaction and
 * each validation in its own, recording progress between them ({@code Phases}).
 */
final class SafeForms {

    /**
     * Names the tag of a batched fill: a DO block that commits after every batch, so it runs outside
     * a transaction ({@code $driftless_batches$}, or {@code $driftless_batches_<n>$} when the body holds that).
     */
    static final String BATCHES_TAG = "driftless_batches";
    static final int BATCH_ROWS = 10_000;
    /**
     * Pages per batch of a fill (800 kB at 8 kB a page; some 10,000 narrow rows): a writer that
     * needs a row of the batch waits for its commit, so a batch must stay short.
     */
    static final int BATCH_PAGES = 100;
    static final String SYNC_TAG = "driftless_sync";

    private SafeForms() {}

    /** The safe form of an operation on an existing table, or null when the plain form is already safe. */
    static List<String> of(Operation op) {
        if (op instanceof Operation.CreateIndex o) {
            return List.of(createIndexConcurrently(o.table(), o.index().name(), o.index().unique(), o.index().columns()));
        } else if (op instanceof Operation.DropIndex o) {
            return List.of("DROP INDEX CONCURRENTLY IF EXISTS " + quote(new QualifiedName(o.table().schema(), o.index().name())));
        } else if (op instanceof Operation.AddUnique o) {
            String name = o.constraint().name();
            return List.of(
                    createIndexConcurrently(o.table(), name, true, o.constraint().columns().stream()
                            .map(c -> new IndexColumn(c, false)).toList()),
                    alter(o.table()) + "ADD CONSTRAINT " + quote(name) + " UNIQUE USING INDEX " + quote(name));
        } else if (op instanceof Operation.AddPrimaryKey o) {
            String name = o.primaryKey().name();
            return List.of(
                    createIndexConcurrently(o.table(), name, true, o.primaryKey().columns().stream()
                            .map(c -> new IndexColumn(c, false)).toList()),
                    alter(o.table()) + "ADD CONSTRAINT " + quote(name) + " PRIMARY KEY USING INDEX " + quote(name));
        } else if (op instanceof Operation.AddForeignKey o) {
            String plain = PostgresPlanner.statements(op).get(0);
            return List.of(plain + " NOT VALID", validate(o.table(), o.foreignKey().name()));
        } else if (op instanceof Operation.AddCheck o) {
            String plain = PostgresPlanner.statements(op).get(0);
            return List.of(plain + " NOT VALID", validate(o.table(), o.check().name()));
        } else if (op instanceof Operation.SetNullable o && !o.nullable()) {
            return notNull(o.table(), o.column());
        } else if (op instanceof Operation.AddColumn o && o.column().volatileDefault()) {
            return addWithVolatileDefault(o.table(), o.column());
        }
        return null;
    }

    private static List<String> notNull(QualifiedName table, String column) {
        String check = NameLimit.fit(table.name() + "_" + column + "_not_null");
        return List.of(
                alter(table) + "ADD CONSTRAINT " + quote(check) + " CHECK (" + quote(column) + " IS NOT NULL) NOT VALID",
                validate(table, check),
                alter(table) + "ALTER COLUMN " + quote(column) + " SET NOT NULL",
                alter(table) + "DROP CONSTRAINT " + quote(check));
    }

    private static List<String> addWithVolatileDefault(QualifiedName table, Column c) {
        var out = new java.util.ArrayList<String>();
        out.add(alter(table) + "ADD COLUMN " + quote(c.name()) + " " + c.type().sql() + PostgresPlanner.collate(c.collation()));
        // New rows get the default from here on; the rows already there are filled in batches.
        out.add(alter(table) + "ALTER COLUMN " + quote(c.name()) + " SET DEFAULT " + c.defaultExpression());
        out.add(batchedFill(table, quote(c.name()) + " = " + c.defaultExpression(), quote(c.name()) + " IS NULL"));
        if (!c.nullable()) {
            out.addAll(notNull(table, c.name()));
        }
        if (c.comment() != null) {
            out.add("COMMENT ON COLUMN " + quote(table) + "." + quote(c.name()) + " IS " + literal(c.comment()));
        }
        return out;
    }

    /**
     * A column added with a fill ({@link ColumnFill}): the column without NOT NULL, the rows already
     * there filled by the expression in batches that commit one by one (or by the Java step, alone in
     * autocommit), then NOT NULL through a validated check when the model requires it. The fill
     * never loops on a row whose expression gives NULL, and one that leaves rows NULL (its
     * expression gave NULL, or writers that do not know the column inserted rows meanwhile) stops
     * the version before the check, saying so.
     */
    static List<String> addFilled(Operation.AddColumn op, ColumnFill fill) {
        QualifiedName table = op.table();
        Column c = op.column();
        var out = new java.util.ArrayList<String>();
        out.add(alter(table) + "ADD COLUMN " + quote(c.name()) + " " + c.type().sql() + PostgresPlanner.collate(c.collation()));
        String column = quote(c.name());
        if (fill.javaStep() != null) {
            out.add(dev.driftless.history.HandWrittenSteps.JAVA_FILL + fill.javaStep());
            if (!c.nullable()) {
                // As for an expression: a step that leaves rows NULL stops the version here, saying how many.
                String left = "SELECT count(*) FROM " + quote(table) + " WHERE " + column + " IS NULL";
                out.add("DO " + dollarQuoted("driftless_fill_check", "\nBEGIN\n    IF EXISTS (SELECT FROM " + quote(table) + " WHERE "
                        + column + " IS NULL) THEN\n        RAISE EXCEPTION 'the fill of "
                        + fill.target().replace("'", "''").replace("%", "%%") + " by the Java step "
                        + fill.javaStep().replace("'", "''").replace("%", "%%") + " left % rows NULL: give those rows a"
                        + " value (or change the step), then repair and migrate again', (" + left + ");\n    END IF;\nEND\n"));
            }
        } else {
            String value = "(" + fill.expression().strip() + ")";
            String left = "SELECT count(*) FROM " + quote(table) + " WHERE " + column + " IS NULL";
            String check = c.nullable() ? "" : "    IF EXISTS (SELECT FROM " + quote(table) + " WHERE " + column
                    + " IS NULL) THEN\n"
                    + "        RAISE EXCEPTION 'the fill of " + fill.target().replace("'", "''").replace("%", "%%")
                    + " left % rows NULL: its expression gave NULL for them, or rows were inserted meanwhile without"
                    + " the column; give those rows a value (or change the fill), then repair and migrate again', ("
                    + left + ");\n    END IF;\n";
            out.add(batchedFill(table, column + " = " + value, column + " IS NULL",
                    column + " IS NULL AND " + value + " IS NOT NULL", check));
        }
        if (!c.nullable()) {
            out.addAll(notNull(table, c.name()));
        }
        if (c.comment() != null) {
            out.add("COMMENT ON COLUMN " + quote(table) + "." + quote(c.name()) + " IS " + literal(c.comment()));
        }
        return out;
    }

    /**
     * A DO block that updates the rows matching {@code pending} in batches, committing after each.
     * It walks the table's pages in ranges, so each row is read about once however large the table;
     * a last sweep then catches the rows that concurrent updates moved to a page already walked. A
     * range is read by a TID range scan on PostgreSQL 14 and later; 13 has none (a condition on
     * {@code ctid >=} there reads the whole table for every batch), so there the batch names every
     * TID its pages can hold, which a TID scan reads page by page.
     */
    static String batchedFill(QualifiedName table, String assignments, String pending) {
        return batchedFill(table, assignments, pending, pending, "");
    }

    /**
     * Like {@link #batchedFill(QualifiedName, String, String)}, with the sweep taking the rows that
     * match {@code sweep} (which must stop matching a row once it is updated) and {@code after}
     * run at the end of the block.
     */
    static String batchedFill(QualifiedName table, String assignments, String pending, String sweep, String after) {
        String t = quote(table);
        // A user's expression may name a column "page": a fill's own variables take names no column is likely to have.
        boolean plain = pending.equals(sweep) && after.isEmpty();
        String pages = plain ? "pages" : "driftless_pages";
        String page = plain ? "page" : "driftless_page";
        String filled = plain ? "filled" : "driftless_filled";
        String ranges = plain ? "ranges" : "driftless_ranges";
        String slots = plain ? "slots" : "driftless_slots";
        return "DO " + dollarQuoted(BATCHES_TAG, "\nDECLARE\n    " + pages + " bigint := pg_relation_size(" + literal(t)
                + ") / current_setting('block_size')::bigint;\n    " + page + " bigint := 0;\n    " + filled
                + " integer;\n"
                + "    " + ranges + " boolean := current_setting('server_version_num')::integer >= 140000;\n"
                // MaxHeapTuplesPerPage: the most line pointers a heap page of this block size can have.
                + "    " + slots + " integer := (current_setting('block_size')::integer - 24) / 28;\nBEGIN\n"
                + "    WHILE " + page + " <= " + pages + " LOOP\n"
                + "        IF " + ranges + " THEN\n"
                + "            UPDATE " + t + " SET " + assignments + " WHERE ctid >= format('(%s,0)', " + page + ")::tid"
                + " AND ctid < format('(%s,0)', " + page + " + " + BATCH_PAGES + ")::tid AND (" + pending + ");\n"
                + "        ELSE\n"
                + "            UPDATE " + t + " SET " + assignments + " WHERE ctid = ANY (ARRAY(SELECT format('(%s,%s)',"
                + " p, s)::tid FROM generate_series(" + page + ", " + page + " + " + (BATCH_PAGES - 1) + ") p,"
                + " generate_series(1, " + slots + ") s)) AND (" + pending + ");\n"
                + "        END IF;\n"
                + "        COMMIT;\n        " + page + " := " + page + " + " + BATCH_PAGES + ";\n    END LOOP;\n"
                + "    LOOP\n"
                + "        UPDATE " + t + " SET " + assignments + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t
                + " WHERE " + sweep + " LIMIT " + BATCH_ROWS + "));\n"
                + "        GET DIAGNOSTICS " + filled + " = ROW_COUNT;\n        EXIT WHEN " + filled + " = 0;\n"
                + "        COMMIT;\n"
                + "    END LOOP;\n" + after + "END\n");
    }

    /**
     * Keeps the two columns of an online rename equal: a row trigger on insert and update, whose
     * arguments name the two columns (introspection reads them back). Each column's value reaches
     * the other cast to the other's type, and only when the other does not already hold that
     * value's image: a column written with the image of the other one (the batched copy, or a
     * writer that sets both) changes nothing more, so the copy never writes back into the column
     * it copies, and the previous application's column keeps its values byte for byte whatever the
     * two types. On update, a column written with another value wins (the new one when both are).
     * On insert, a column still at its default was not written: when only the old column was
     * written (the previous application version), the new one takes its value, and otherwise the
     * old one takes the new one's.
     */
    static List<String> createSync(Operation.CreateColumnSync op) {
        ColumnSync sync = op.sync();
        String o = "NEW." + quote(sync.oldName());
        String n = "NEW." + quote(sync.newName());
        String oldType = op.oldType().sql();
        String newType = op.newType().sql();
        String toNew = "            " + n + " := " + o + "::" + newType + ";\n";
        String toOld = "            " + o + " := " + n + "::" + oldType + ";\n";
        var out = new java.util.ArrayList<String>();
        out.add("CREATE FUNCTION " + quote(syncFunction(sync)) + "() RETURNS trigger LANGUAGE plpgsql AS "
                + dollarQuoted(SYNC_TAG, "\nBEGIN\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        IF " + n + " IS NOT DISTINCT FROM " + atDefault(op.newDefault()) + " AND " + o
                + " IS DISTINCT FROM " + atDefault(op.oldDefault()) + " THEN\n"
                + toNew
                + "        ELSIF " + o + " IS DISTINCT FROM " + n + "::" + oldType + " THEN\n"
                + toOld
                + "        END IF;\n"
                + "    ELSIF " + n + " IS DISTINCT FROM OLD." + quote(sync.newName()) + " AND " + n + " IS DISTINCT FROM "
                + o + "::" + newType + " THEN\n"
                + toOld.substring(4)
                + "    ELSIF " + o + " IS DISTINCT FROM OLD." + quote(sync.oldName()) + " AND " + o + " IS DISTINCT FROM "
                + n + "::" + oldType + " THEN\n"
                + toNew.substring(4)
                + "    END IF;\n    RETURN NEW;\nEND\n"));
        out.add("CREATE TRIGGER " + quote(syncTrigger(sync)) + " BEFORE INSERT OR UPDATE ON " + quote(sync.table())
                + " FOR EACH ROW EXECUTE FUNCTION " + quote(syncFunction(sync)) + "("
                + literal(sync.oldName()) + ", " + literal(sync.newName()) + ")");
        if (op.filled() != null) {
            String from = quote(sync.other(op.filled()));
            String to = quote(op.filled());
            String cast = "::" + op.typeOf(op.filled()).sql();
            out.add(batchedFill(sync.table(), to + " = " + from + cast, to + " IS DISTINCT FROM " + from + cast));
        }
        return out;
    }

    private static String atDefault(String defaultExpression) {
        return defaultExpression == null ? "NULL" : "(" + defaultExpression + ")";
    }

    static List<String> dropSync(ColumnSync sync) {
        return List.of("DROP TRIGGER " + quote(syncTrigger(sync)) + " ON " + quote(sync.table()),
                "DROP FUNCTION " + quote(syncFunction(sync)) + "()");
    }

    /** The trigger of a sync: the prefix marks it as Driftless's, for introspection. */
    static String syncTrigger(ColumnSync sync) {
        return NameLimit.fit(ColumnSync.PREFIX + sync.newName());
    }

    private static QualifiedName syncFunction(ColumnSync sync) {
        return new QualifiedName(sync.table().schema(), NameLimit.fit(
                ColumnSync.PREFIX + sync.table().name() + "_" + sync.newName()));
    }

    private static String createIndexConcurrently(QualifiedName table, String name, boolean unique,
            List<IndexColumn> columns) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + quote(name) + " ON " + quote(table) + " ("
                + columns.stream().map(c -> quote(c.name()) + (c.descending() ? " DESC" : ""))
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static String validate(QualifiedName table, String constraint) {
        return alter(table) + "VALIDATE CONSTRAINT " + quote(constraint);
    }

    private static String alter(QualifiedName table) {
        return "ALTER TABLE " + quote(table) + " ";
    }
}
