package dev.driftless.introspect;

import static dev.driftless.model.QualifiedName.quote;
import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.model.QualifiedName;

/**
 * Something the live schema has that a drift check must report but that is no difference between
 * two models: an object the model does not describe, or one the model describes that does not work.
 */
public sealed interface SchemaIssue {

    /** The table (or view) it is on. */
    QualifiedName table();

    /** The name of the trigger or index. */
    String name();

    /** A stable word for programs, e.g. {@code invalid_index}. */
    String kind();

    /** What it is, what it does to the application, and what to do. */
    String describe();

    /**
     * A trigger that is neither PostgreSQL's own (foreign keys, deferred constraints) nor one of the
     * sync triggers of online renames, the only triggers the model describes. The drift check leaves
     * out those that the hand-written steps of applied versions make.
     *
     * @param definition the trigger as {@code pg_get_triggerdef} prints it
     */
    record UnmanagedTrigger(QualifiedName table, String name, String definition) implements SchemaIssue {
        public String kind() {
            return "unmanaged_trigger";
        }

        public String describe() {
            return "trigger " + quote(name) + " on " + table + " is neither in the model nor made by an applied"
                    + " version (" + definition + "): it was made by hand (or by a step whose SQL is not a CREATE TRIGGER, such as a Java step or a DO"
                    + " block), and it runs on every write it names. Drop"
                    + " it if nobody needs it: DROP TRIGGER " + quote(name) + " ON " + quote(table) + "; to keep it,"
                    + " make it in a hand-written step of the next version (next.sql; CREATE OR REPLACE TRIGGER"
                    + " replaces the one there)";
        }
    }

    /**
     * An index PostgreSQL marks invalid ({@code pg_index.indisvalid = false}): left by a concurrent
     * build or rebuild that failed or was interrupted.
     *
     * @param modelled whether the model has this very index (name, columns, uniqueness) on the table
     */
    record InvalidIndex(QualifiedName table, String name, boolean unique, boolean modelled) implements SchemaIssue {
        public String kind() {
            return "invalid_index";
        }

        /** The same issue, knowing whether {@code modelled}. */
        public InvalidIndex modelled(boolean value) {
            return new InvalidIndex(table, name, unique, value);
        }

        public String describe() {
            String index = quote(new QualifiedName(table.schema(), name));
            String what = "index " + quote(name) + " on " + table + " is invalid" + (modelled ? "" : " and not in the model")
                    + ": a concurrent build (CREATE INDEX or REINDEX CONCURRENTLY) failed or was interrupted, so"
                    + " queries do not use it while every write still maintains it"
                    + (unique ? ", and it does not guarantee that the rows already there are unique" : "") + ". ";
            if (!modelled) {
                return what + "Drop it: DROP INDEX CONCURRENTLY " + index;
            }
            return what + "Rebuild it: REINDEX INDEX CONCURRENTLY " + index + " (or drop it with DROP INDEX CONCURRENTLY "
                    + index + " and create it again"
                    + (unique ? "; a build that failed on duplicate rows fails again until they are removed" : "") + ")";
        }
    }
}
