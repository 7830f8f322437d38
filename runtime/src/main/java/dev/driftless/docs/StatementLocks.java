package dev.driftless.docs;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The table lock a statement of a version takes, as PostgreSQL documents it for each command
 * ("Explicit Locking"), told from the statement's text: what a reviewer wants to know before a
 * version reaches a busy database.
 */
public final class StatementLocks {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private StatementLocks() {}

    /** The lock, and what it stops while it is held. */
    public static String of(String statement) {
        String s = SPACE.matcher(statement.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
        if (s.startsWith("CREATE TABLE") || s.startsWith("CREATE SCHEMA") || s.startsWith("CREATE SEQUENCE")
                || s.startsWith("CREATE TYPE") || s.startsWith("CREATE VIEW") || s.startsWith("CREATE OR REPLACE VIEW")
                || s.startsWith("CREATE MATERIALIZED VIEW") || s.startsWith("CREATE FUNCTION")
                || s.startsWith("CREATE OR REPLACE FUNCTION")) {
            return "none on existing tables";
        }
        if (s.matches("CREATE (UNIQUE )?INDEX CONCURRENTLY.*") || s.startsWith("DROP INDEX CONCURRENTLY")) {
            return "SHARE UPDATE EXCLUSIVE: reads and writes go on";
        }
        if (s.matches("CREATE (UNIQUE )?INDEX.*")) {
            return "SHARE: writes wait until the index is built";
        }
        if (s.startsWith("ALTER TABLE")) {
            if (s.contains(" VALIDATE CONSTRAINT ")) {
                return "SHARE UPDATE EXCLUSIVE: reads and writes go on";
            }
            if (s.contains(" FOREIGN KEY ") && s.contains(" NOT VALID")) {
                return "SHARE ROW EXCLUSIVE, briefly: writes wait (here and on the referenced table)";
            }
            if (s.contains(" NOT VALID")) {
                return "ACCESS EXCLUSIVE, briefly: no scan of the rows";
            }
            return "ACCESS EXCLUSIVE: reads and writes wait";
        }
        if (s.startsWith("DO ")) {
            return "ROW EXCLUSIVE, batch by batch: only the rows of a batch wait";
        }
        if (s.startsWith("UPDATE") || s.startsWith("INSERT") || s.startsWith("DELETE")) {
            return "ROW EXCLUSIVE: the rows it writes wait";
        }
        if (s.startsWith("COMMENT ON")) {
            return "SHARE UPDATE EXCLUSIVE: reads and writes go on";
        }
        if (s.startsWith("CREATE TRIGGER") || s.startsWith("CREATE OR REPLACE TRIGGER")) {
            return "SHARE ROW EXCLUSIVE, briefly: writes wait";
        }
        if (s.startsWith("ALTER TYPE") && s.contains(" ADD VALUE")) {
            return "none on tables";
        }
        if (s.startsWith("DROP ") || s.startsWith("ALTER ") || s.startsWith("TRUNCATE")) {
            return "ACCESS EXCLUSIVE: reads and writes wait";
        }
        return "as the statement takes it (written by hand)";
    }
}
