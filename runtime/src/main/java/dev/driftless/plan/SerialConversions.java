package dev.driftless.plan;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;
import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;

import dev.driftless.diff.Operation.AlterColumnType;
import dev.driftless.diff.Operation.IdentityToSerial;
import dev.driftless.diff.Operation.SerialToIdentity;
import dev.driftless.model.Identity;
import dev.driftless.model.NameLimit;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that turn a {@code serial} column into an identity column and back. Each is one
 * {@code DO} block, so the column is never without its generator between two statements: the next
 * value is taken as the larger of the old generator's last value and the column's highest value,
 * plus one, so no key is handed out twice whichever generator made the rows.
 */
final class SerialConversions {

    private static final String TAG = "driftless_serial";

    private SerialConversions() {}

    /** Drops the default and the owned sequence, then adds the identity (unless it is {@code NONE}). */
    static String toIdentity(SerialToIdentity op) {
        String t = quote(op.table());
        String c = quote(op.column());
        var body = new StringBuilder("\nDECLARE\n    seq text := pg_get_serial_sequence(" + literal(t) + ", "
                + literal(op.column()) + ");\n    handed bigint;\n    next bigint;\nBEGIN\n")
                .append(next(t, c, "seq"))
                .append("    ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" DROP DEFAULT;\n")
                .append("    EXECUTE 'DROP SEQUENCE ' || seq;\n");
        if (op.identity() != Identity.NONE) {
            body.append("    EXECUTE 'ALTER TABLE ' || ").append(literal(t)).append(" || ' ALTER COLUMN ' || ")
                    .append(literal(c)).append(" || ' ADD GENERATED ")
                    .append(op.identity() == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT")
                    .append(" AS IDENTITY (START WITH ' || next || ')';\n");
        }
        return "DO " + dollarQuoted(TAG, body.append("END\n").toString());
    }

    /** How many numbered names after {@code <table>_<column>_seq} the down tries, as PostgreSQL does. */
    static final int NUMBERED_NAMES = 9;

    /**
     * Drops the identity (if any), then makes the sequence {@code serial} would have made, owned by
     * the column, and the default that takes from it. It is named as PostgreSQL names it
     * ({@link NameLimit#derived}: {@code <table>_<column>_seq}, shortened to 63 bytes), or, when a
     * relation of the table's schema has that name, the first free of {@code ..._seq1} to
     * {@code ..._seq9}; which is free is known only when the down runs, after the identity (whose own
     * sequence usually has the name) is gone.
     */
    static String toSerial(IdentityToSerial op) {
        String t = quote(op.table());
        String c = quote(op.column());
        var names = new ArrayList<String>();
        for (int k = 0; k <= NUMBERED_NAMES; k++) {
            names.add(literal(NameLimit.derived(op.table().name(), List.of(op.column()), "seq" + (k == 0 ? "" : k))));
        }
        String first = NameLimit.derived(op.table().name(), List.of(op.column()), "seq");
        String last = NameLimit.derived(op.table().name(), List.of(op.column()), "seq" + NUMBERED_NAMES);
        String column = op.table() + "." + op.column();
        String taken = literal("no free name for the sequence of serial column " + column + " (the down makes it "
                + op.serial() + " again): every name PostgreSQL would give it is taken in schema ") + " || schema_name || "
                + literal(" (" + first + ", and " + NameLimit.derived(op.table().name(), List.of(op.column()), "seq1")
                + " to " + last + "). Rename or drop one of those relations, then run the downgrade again");
        var body = new StringBuilder("\nDECLARE\n    seq text := pg_get_serial_sequence(" + literal(t) + ", "
                + literal(op.column()) + ");\n    handed bigint;\n    next bigint;\n    schema_name name;\n"
                + "    candidate text;\n    chosen text;\nBEGIN\n")
                .append(next(t, c, "seq"));
        if (op.identity() != Identity.NONE) {
            body.append("    ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" DROP IDENTITY;\n");
        }
        body.append("    SELECT n.nspname INTO schema_name FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace")
                .append(" WHERE r.oid = ").append(literal(t)).append("::regclass;\n")
                .append("    FOREACH candidate IN ARRAY ARRAY[").append(String.join(", ", names)).append("] LOOP\n")
                .append("        IF to_regclass(format('%I.%I', schema_name, candidate)) IS NULL THEN\n")
                .append("            chosen := format('%I.%I', schema_name, candidate);\n")
                .append("            EXIT;\n")
                .append("        END IF;\n")
                .append("    END LOOP;\n")
                .append("    IF chosen IS NULL THEN\n")
                .append("        RAISE EXCEPTION '%', ").append(taken).append(";\n")
                .append("    END IF;\n")
                .append("    EXECUTE 'CREATE SEQUENCE ' || chosen || ").append(literal(" AS " + op.serial().plain().sql()
                        + " OWNED BY " + t + "." + c)).append(";\n")
                .append("    PERFORM setval(chosen, next, false);\n")
                .append("    EXECUTE 'ALTER TABLE ' || ").append(literal(t)).append(" || ' ALTER COLUMN ' || ")
                .append(literal(c)).append(" || ' SET DEFAULT nextval(' || quote_literal(chosen) || '::regclass)';\n");
        return "DO " + dollarQuoted(TAG, body.append("END\n").toString());
    }

    /**
     * After a column made with one serial shorthand has changed to the integer type of another
     * ({@code serial} to {@code bigserial}: {@code integer} to {@code bigint}), its owned sequence
     * takes that type too, and with it the type's range (a maximum that was the old type's becomes
     * the new type's); its last value stays. The sequence is found, not guessed: a serial column's
     * sequence may have been renamed.
     */
    static String retypeSequence(AlterColumnType op) {
        String t = quote(op.table());
        String type = op.to().plain().sql();
        String body = "\nDECLARE\n    seq text := pg_get_serial_sequence(" + literal(t) + ", " + literal(op.column())
                + ");\nBEGIN\n"
                + "    IF seq IS NULL THEN\n"
                + "        RAISE EXCEPTION '%', " + literal("column " + op.table() + "." + op.column() + " owns no"
                        + " sequence, so it is not the " + op.from() + " column that this change makes " + op.to()
                        + ": make it " + op.from() + " again (or map it as the database has it and freeze), then"
                        + " run the migration again") + ";\n"
                + "    END IF;\n"
                + "    EXECUTE 'ALTER SEQUENCE ' || seq || ' AS " + type + "';\n";
        return "DO " + dollarQuoted(TAG, body + "END\n");
    }

    /**
     * Takes the table's strongest lock first (no insert can draw a key while the generator changes,
     * and no lock is upgraded later), then {@code next :=} one past the larger of the last value the
     * generator handed out and the column's highest value. A sequence not yet called (a fresh one,
     * or one set with {@code setval(..., false)} or {@code RESTART}) has handed out one less than
     * its {@code last_value}.
     */
    private static String next(String table, String column, String sequenceVariable) {
        return "    LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE;\n"
                + "    IF " + sequenceVariable + " IS NOT NULL THEN\n"
                + "        EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s', "
                + sequenceVariable + ") INTO handed;\n"
                + "    END IF;\n"
                + "    SELECT greatest(coalesce(handed, 0), coalesce(max(" + column + "), 0)) + 1 INTO next FROM " + table
                + ";\n";
    }
}
