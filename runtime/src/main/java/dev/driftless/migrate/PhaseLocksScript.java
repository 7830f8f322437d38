package dev.driftless.migrate;

import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;

import dev.driftless.docs.ForeignKeyLock;
import dev.driftless.docs.LockMode;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The phase locks ({@link PhaseLocks}) as a statement of an offline script, which is written
 * without a database: a {@code DO} block that reads the catalog when the script runs, as the
 * migrator does before the phase, and takes the same {@code LOCK TABLE ONLY} locks in the same
 * order (referencing tables before the tables they reference, otherwise the order the statements
 * first lock them), leaving out a table the user may not lock that way.
 */
final class PhaseLocksScript {

    private PhaseLocksScript() {}

    /**
     * The block for a transactional phase, or null when the migrator takes nothing up front for it
     * whatever the catalog says ({@link PhaseLocks#mayNeedLocksUpFront}).
     */
    static String forPhase(List<String> phase) {
        PhaseLocks.Needs needs = PhaseLocks.needs(phase);
        if (!PhaseLocks.mayNeedLocksUpFront(phase, needs)) {
            return null;
        }
        List<PhaseLocks.Wanted> wanted = needs.tables();
        List<ForeignKeyLock> through = needs.throughForeignKeys();
        var wants = new java.util.ArrayList<String>();
        wanted.forEach(w -> wants.add(w.mode().sql() + " on " + (w.throughIndex() ? "the table of index " : "") + w.table()));
        through.forEach(l -> wants.add(l.toString()));
        String body = "\n-- " + String.join(";\n-- ", wants.stream().map(PhaseLocksScript::commentText).toList()) + "\nDECLARE\n"
                + "    lk_modes constant text[] := " + modes() + ";\n"
                + "    lk_cover constant int[] := " + cover() + ";\n"
                + "    lk_named_modes constant int[] := " + ints(wanted, w -> number(w.mode())) + ";\n"
                + "    lk_through_modes constant int[] := " + ints(through, l -> number(l.mode())) + ";\n"
                + "    lk_oids oid[] := '{}';\n"
                + "    lk_names text[] := '{}';\n"
                + "    lk_wants int[] := '{}';\n"
                + "    lk_privileges boolean[] := '{}';\n"
                + "    lk_taken int[] := '{}';\n"
                + "    lk_row record;\n"
                + "    lk_at int;\n"
                + "    lk_pick int;\n"
                + "    lk_mode int;\n"
                + "BEGIN\n"
                + "    -- Each table once, in the mode that covers all the phase takes on it.\n"
                + "    FOR lk_row IN SELECT 1 AS src, q.* FROM (" + PhaseLocks.namedQuery(texts(wanted, w -> w.table().sql()))
                + ") q\n        UNION ALL SELECT 2, q.* FROM (" + throughQuery(through) + ") q ORDER BY 1, 2 LOOP\n"
                + "        lk_mode := CASE lk_row.src WHEN 1 THEN lk_named_modes[lk_row.i] ELSE lk_through_modes[lk_row.i] END;\n"
                + "        lk_at := array_position(lk_oids, lk_row.oid::oid);\n"
                + "        IF lk_at IS NULL THEN\n"
                + "            lk_oids := lk_oids || lk_row.oid::oid;\n"
                + "            lk_names := lk_names || format('%I.%I', lk_row.nspname, lk_row.relname);\n"
                + "            lk_wants := lk_wants || lk_mode;\n"
                + "            lk_privileges := lk_privileges || ARRAY[lk_row.may_select, lk_row.may_write, lk_row.may_change];\n"
                + "        ELSE\n"
                + "            lk_wants[lk_at] := lk_cover[lk_wants[lk_at]][lk_mode];\n"
                + "        END IF;\n"
                + "    END LOOP;\n"
                + "    -- Referencing tables before the tables they reference; in a cycle, the first left.\n"
                + "    FOR lk_step IN 1..coalesce(cardinality(lk_oids), 0) LOOP\n"
                + "        lk_pick := NULL;\n"
                + "        FOR lk_i IN 1..cardinality(lk_oids) LOOP\n"
                + "            CONTINUE WHEN lk_i = ANY (lk_taken);\n"
                + "            lk_pick := coalesce(lk_pick, lk_i);\n"
                + "            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint f WHERE f.contype = 'f'\n"
                + "                    AND f.confrelid = lk_oids[lk_i] AND f.conrelid <> lk_oids[lk_i]\n"
                + "                    AND f.conrelid IN (SELECT lk_oids[lk_j] FROM generate_subscripts(lk_oids, 1) lk_j"
                + " WHERE lk_j <> lk_i AND lk_j <> ALL (lk_taken))) THEN\n"
                + "                lk_pick := lk_i;\n"
                + "                EXIT;\n"
                + "            END IF;\n"
                + "        END LOOP;\n"
                + "        lk_taken := lk_taken || lk_pick;\n"
                + "        -- LOCK TABLE needs SELECT for ACCESS SHARE, a write privilege for ROW EXCLUSIVE,\n"
                + "        -- UPDATE, DELETE or TRUNCATE otherwise; without it the statement takes its own lock.\n"
                + "        IF lk_privileges[3 * lk_pick - CASE lk_wants[lk_pick] WHEN 1 THEN 2 WHEN 3 THEN 1 ELSE 0 END] THEN\n"
                + "            EXECUTE format('LOCK TABLE ONLY %s IN %s MODE', lk_names[lk_pick], lk_modes[lk_wants[lk_pick]]);\n"
                + "        END IF;\n"
                + "    END LOOP;\n"
                + "END\n";
        return "DO " + dollarQuoted("driftless_locks", body);
    }

    /**
     * Text for a {@code --} comment: a line break in a name (which PostgreSQL allows in a quoted one)
     * would end the comment and make the rest of the name part of the block, so each control
     * character is written as a backslash, {@code u} and four hexadecimal digits.
     */
    static String commentText(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String throughQuery(List<ForeignKeyLock> through) {
        return PhaseLocks.throughQuery(texts(through, l -> l.table().sql()),
                array(through, l -> String.valueOf(l.referenced()), "boolean"),
                texts(through, ForeignKeyLock::constraint), texts(through, ForeignKeyLock::column),
                array(through, l -> String.valueOf(l.transitive()), "boolean"));
    }

    /** The mode's number in {@code modes}, from 1. */
    private static int number(LockMode mode) {
        return mode.ordinal() + 1;
    }

    private static String modes() {
        return "ARRAY[" + java.util.Arrays.stream(LockMode.values()).map(m -> literal(m.sql()))
                .collect(Collectors.joining(", ")) + "]";
    }

    /** {@code cover[a][b]}: the number of {@link LockMode#covering} of modes {@code a} and {@code b}. */
    private static String cover() {
        return "ARRAY[" + java.util.Arrays.stream(LockMode.values())
                .map(a -> "[" + java.util.Arrays.stream(LockMode.values()).map(b -> String.valueOf(number(a.covering(b))))
                        .collect(Collectors.joining(", ")) + "]")
                .collect(Collectors.joining(", ")) + "]";
    }

    private static <T> String ints(List<T> items, Function<T, Integer> value) {
        return array(items, t -> String.valueOf(value.apply(t)), "int");
    }

    private static <T> String texts(List<T> items, Function<T, String> value) {
        return array(items, t -> value.apply(t) == null ? "NULL" : literal(value.apply(t)), "text");
    }

    private static <T> String array(List<T> items, Function<T, String> element, String type) {
        return "ARRAY[" + items.stream().map(element).collect(Collectors.joining(", ")) + "]::" + type + "[]";
    }
}
