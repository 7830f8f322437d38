package dev.driftless.migrate;

import static dev.driftless.sql.Identifiers.quote;
import static dev.driftless.sql.Literals.dollarQuoted;
import static dev.driftless.sql.Literals.literal;

import dev.driftless.history.HandWrittenSteps;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A SQL script that takes a database from one version to another without Driftless at hand
 * (Alembic's {@code upgrade --sql}): the versions' statements plus the history bookkeeping, for a
 * DBA to review and run with {@code psql -v ON_ERROR_STOP=1 -1 -f script.sql}. The script first
 * checks that the database is at the version it starts from, and stops otherwise. Each transactional
 * phase takes its locks up front as the migrator does ({@link PhaseLocksScript}).
 */
public final class OfflineScript {

    private static final Pattern BATCHES = Pattern.compile("DO \\$driftless_batches(_\\d+)?\\$");

    private OfflineScript() {}

    /**
     * @param migrations every version the code has, in order
     * @param from the version the database is at
     * @param to the version to reach; lower than {@code from} for a downgrade
     * @param historyTable the history table, as SQL (schema-qualified if needed)
     */
    public static String between(List<Migration> migrations, int from, int to, String historyTable) {
        return between(migrations, from, to, historyTable, false);
    }

    /**
     * Like {@link #between(List, int, int, String)}; {@code force} allows a downgrade through
     * irreversible versions. Versions with Java steps are refused: SQL cannot run them.
     */
    public static String between(List<Migration> migrations, int from, int to, String historyTable, boolean force) {
        int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        for (int v : new int[] {from, to}) {
            if (v < 0 || v > latest || (v > 0 && migrations.stream().noneMatch(m -> m.version() == v))) {
                throw new MigrationException("there is no version " + v + ": the code has versions "
                        + (latest == 0 ? "none" : "1 to " + latest) + " (0 is the empty database)");
            }
        }
        var refused = new java.util.ArrayList<String>();
        for (Migration m : migrations) {
            boolean inRange = to >= from ? m.version() > from && m.version() <= to : m.version() <= from && m.version() > to;
            if (!inRange) {
                continue;
            }
            (to >= from ? m.up() : m.down()).stream().map(HandWrittenSteps::javaStepClass)
                    .filter(java.util.Objects::nonNull)
                    .forEach(c -> refused.add("version " + m.version() + " (" + m.description() + ") runs the Java step "
                            + c + ", which a SQL script cannot run: apply it with the migrator"));
            if (to < from && !force && !m.irreversible().isEmpty()) {
                refused.add("version " + m.version() + " (" + m.description() + ") is irreversible: "
                        + String.join("; ", m.irreversible()) + " (force writes the downs anyway; the data does"
                        + " not come back)");
            }
        }
        if (!refused.isEmpty()) {
            throw new MigrationException(String.join("\n", refused));
        }
        var out = new StringBuilder();
        out.append("-- Driftless offline script: version ").append(from).append(" to ").append(to)
                .append(to >= from ? " (upgrade)" : " (downgrade)").append('\n');
        out.append("-- Run it in one transaction: psql -v ON_ERROR_STOP=1 -1 -f <this file>\n");
        out.append("-- Index builds are not CONCURRENTLY here (a transaction cannot run them): they block writes.\n");
        // Versions frozen before literals were written for both settings hold plain literals: with the
        // setting off, a backslash in one would end it early. psql reads the rest of the script by the new setting.
        out.append("-- String literals mean what they say only with standard_conforming_strings on.\n")
                .append("SET standard_conforming_strings = on;\n\n");
        out.append(SchemaHistory.createHistoryTableSql(historyTable)).append(";\n\n");
        // Refuse to run on a database at another version: the statements below assume `from`.
        out.append("DO ").append(dollarQuoted("driftless", "\nDECLARE current integer;\nBEGIN\n"
                + "    SELECT coalesce(max(version), 0) INTO current FROM " + historyTable + " WHERE success;\n"
                + "    IF current <> " + from + " THEN\n"
                + "        RAISE EXCEPTION 'this script starts from version " + from
                + " but the database is at version %', current;\n"
                + "    END IF;\nEND\n")).append(";\n");
        if (to < from && !force) {
            guardData(out, migrations, from, to);
        }
        if (to >= from) {
            for (Migration m : migrations) {
                if (m.version() > from && m.version() <= to) {
                    header(out, "version " + m.version() + " (" + m.description() + ")");
                    statements(out, m.up());
                    out.append("INSERT INTO ").append(historyTable)
                            .append(" (version, description, checksum, applied_at, execution_ms, success) VALUES (")
                            .append(m.version()).append(", ").append(literal(m.description())).append(", ")
                            .append(literal(m.checksum())).append(", now(), 0, true);\n");
                }
            }
        } else {
            for (int i = migrations.size() - 1; i >= 0; i--) {
                Migration m = migrations.get(i);
                if (m.version() <= from && m.version() > to) {
                    header(out, "undo version " + m.version() + " (" + m.description() + ")");
                    statements(out, m.down());
                    out.append("DELETE FROM ").append(historyTable).append(" WHERE version = ").append(m.version())
                            .append(";\n");
                }
            }
        }
        return out.toString();
    }

    /**
     * Before any down runs (every object they drop exists at {@code from}), stops the script when
     * a table a down drops has rows or a column it drops has values, naming it, so that nothing
     * changes; {@code force} writes the script without these checks. Narrowing type changes are not
     * checked here (the migrator checks them).
     */
    private static void guardData(StringBuilder out, List<Migration> migrations, int from, int to) {
        var checks = new StringBuilder();
        for (int i = migrations.size() - 1; i >= 0; i--) {
            Migration m = migrations.get(i);
            if (m.version() > from || m.version() <= to) {
                continue;
            }
            for (DownDiscards.Discard d : DownDiscards.of(m.down()).discards()) {
                String query;
                String what;
                if (d instanceof DownDiscards.DroppedTable t) {
                    query = "SELECT 1 FROM " + t.table();
                    what = "drops table " + t.table() + ", which has rows";
                } else if (d instanceof DownDiscards.DroppedColumn c) {
                    query = "SELECT 1 FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL";
                    what = "drops column " + c.table() + "." + c.column() + ", which has values";
                } else {
                    continue;
                }
                checks.append("    IF EXISTS (").append(query).append(") THEN\n        RAISE EXCEPTION USING MESSAGE = ")
                        .append(literal("version " + m.version() + " (" + m.description() + "): its down " + what
                                + ". Nothing was changed; write the script with --force to discard them"))
                        .append(";\n    END IF;\n");
            }
        }
        if (!checks.isEmpty()) {
            out.append("-- Stop before discarding data that is there (written without --force).\n")
                    .append("DO $driftless$\nBEGIN\n").append(checks).append("END\n$driftless$;\n");
        }
    }

    /**
     * A version's statements, each transactional phase (as the migrator cuts the version) after
     * the block that takes its locks up front as the migrator does ({@link PhaseLocksScript}).
     */
    private static void statements(StringBuilder out, List<String> statements) {
        for (Phases.Phase phase : Phases.of(statements).phases()) {
            List<String> run = statements.subList(phase.from(), phase.to());
            String locks = phase.transactional() ? PhaseLocksScript.forPhase(run) : null;
            if (locks != null) {
                out.append("-- The locks of statements ").append(phase.from() + 1).append(" to ").append(phase.to())
                        .append(" up front, referencing tables before the tables they reference (as the migrator"
                                + " takes them).\n")
                        .append(locks).append(";\n\n");
            }
            run.forEach(sql -> out.append(inTransaction(sql)).append(";\n\n"));
        }
    }

    /**
     * The script runs in one transaction ({@code psql -1}), where PostgreSQL refuses concurrent
     * index builds and commits inside a DO block: index builds become plain ones, which lock the
     * table's writes while they build, and batched fills one transaction.
     */
    static String inTransaction(String sql) {
        if (BATCHES.matcher(sql).lookingAt()) {
            // The batches commit one by one when run alone; in the script's transaction they cannot.
            return sql.replace("        COMMIT;\n", "");
        }
        return sql.replaceFirst("(?i)^(CREATE\\s+(?:UNIQUE\\s+)?INDEX|DROP\\s+INDEX)\\s+CONCURRENTLY\\b", "$1");
    }

    /** The history table as SQL, from an optional schema and the table name. */
    public static String historyTable(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    private static void header(StringBuilder out, String title) {
        out.append("\n-- ").append("=".repeat(60)).append("\n-- ").append(title).append('\n')
                .append("-- ").append("=".repeat(60)).append('\n');
    }
}
