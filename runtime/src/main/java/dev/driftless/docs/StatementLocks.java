package dev.driftless.docs;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The table lock a statement of a version takes, as PostgreSQL documents it for each command
 * ("Explicit Locking"), told from the statement's tokens ({@link StatementTables}): what a
 * reviewer wants to know before a version reaches a busy database.
 */
public final class StatementLocks {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private StatementLocks() {}

    /** The lock, and what it stops while it is held. */
    public static String of(String statement) {
        String s = SPACE.matcher(statement.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
        if (s.startsWith("DO ")) {
            return "ROW EXCLUSIVE, batch by batch: only the rows of a batch wait";
        }
        StatementTables tables = StatementTables.of(statement);
        if (!tables.understood()) {
            return "as the statement takes it (written by hand)";
        }
        LockMode mode = tables.mode();
        if (mode == null) {
            return s.startsWith("CREATE ") ? "none on existing tables" : "none on tables";
        }
        boolean briefly = s.contains(" NOT VALID") || s.startsWith("CREATE TRIGGER")
                || s.startsWith("CREATE OR REPLACE TRIGGER") || s.startsWith("CREATE TABLE");
        String on = "";
        boolean sequence = s.startsWith("ALTER SEQUENCE ");
        if (tables.locks().isEmpty() || sequence) {
            on = s.contains("SEQUENCE ") ? " on the sequence"
                    : s.startsWith("CREATE VIEW") || s.startsWith("CREATE MATERIALIZED VIEW")
                            || s.startsWith("CREATE RECURSIVE VIEW") ? " on the tables it reads"
                    : s.contains("VIEW ") ? " on the view"
                    : s.contains("INDEX ") ? " on the index" : "";
        } else if (!tables.created().isEmpty()) {
            on = " on the referenced table";
        }
        String effect = switch (mode) {
            case ACCESS_EXCLUSIVE -> "reads and writes wait";
            case EXCLUSIVE -> "writes wait, reads go on";
            case SHARE_ROW_EXCLUSIVE -> "writes wait";
            case SHARE -> s.contains(" INDEX ") ? "writes wait until the index is built" : "writes wait";
            case ROW_EXCLUSIVE -> "the rows it writes wait";
            default -> "reads and writes go on";
        };
        if (!tables.created().isEmpty() && mode == LockMode.SHARE_ROW_EXCLUSIVE) {
            effect = "writes to it wait";
        }
        String also = "";
        boolean references = s.startsWith("ALTER TABLE") && s.contains(" REFERENCES ") && tables.locks().size() > 1;
        if (references && mode == LockMode.SHARE_ROW_EXCLUSIVE) {
            also = " (here and on the referenced table)";
            if (!briefly) {
                effect = "writes wait while the rows are checked";
            }
        } else if (references) {
            also = " (and SHARE ROW EXCLUSIVE on the referenced table: writes to it wait)";
        } else if (s.startsWith("DROP TABLE")) {
            also = " (here and on the tables its foreign keys reference)";
        } else if (s.startsWith("ALTER TABLE") && s.contains(" DROP CONSTRAINT ")) {
            also = " (and on the referenced table, for a foreign key)";
        } else if (sequence && !tables.locks().isEmpty()) {
            also = " (and ACCESS SHARE on the table that owns it)";
        } else if (s.startsWith("TRUNCATE") && !tables.throughForeignKeys().isEmpty()) {
            also = " (and on the tables whose foreign keys reference it, which it empties too)";
        } else if (s.startsWith("ALTER TABLE") && !tables.throughForeignKeys().isEmpty()
                && !s.contains(" DROP ")) {
            also = " (and on the tables of the foreign keys on or to the column, if any: they are rebuilt)";
        }
        if (on.equals(" on the sequence")) {
            effect = "nextval() waits";
        } else if (on.equals(" on the view")) {
            effect = "its readers wait";
        }
        return mode.sql() + on + (briefly ? ", briefly" : "") + ": "
                + (mode == LockMode.ACCESS_EXCLUSIVE && briefly && s.contains(" NOT VALID") ? "no scan of the rows"
                        : effect)
                + also;
    }
}
