package dev.driftless.bench;

import dev.driftless.diff.Renames;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.History;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import dev.driftless.model.SchemaModel;
import dev.driftless.plan.VersionPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes an evolution the way {@code -Adriftless.freeze} does (the same {@link VersionPlan} and
 * file formats, without a javac run per version), and writes the same DDL for the peers: Flyway's
 * versioned SQL files, a Liquibase changelog of formatted-SQL change sets, and one script for
 * {@code psql -1 -f}.
 */
final class HistoryFiles {

    private HistoryFiles() {}

    /** Writes the history directory of the evolution; returns the history. */
    static History freeze(List<ModelSpec> versions, Path dir) {
        History history = History.EMPTY;
        for (ModelSpec spec : versions) {
            SchemaModel model = SchemaFactory.model(spec);
            String name = history.lastVersion() == 0 ? "initial" : "step_" + (history.lastVersion() + 1);
            FrozenVersion version = VersionPlan.plan(history, model, name, Renames.NONE).orElseThrow(
                    () -> new IllegalStateException("version " + name + " changes nothing")).version();
            history = history.plus(version, new Snapshot(version.version(), model));
            write(dir.resolve(version.fileName()), VersionFormat.write(version));
        }
        write(dir.resolve(SnapshotFormat.FILE_NAME), SnapshotFormat.write(history.snapshot()));
        return history;
    }

    /** Flyway's {@code V<n>__<name>.sql}, the up statements of each version. */
    static void writeFlyway(History history, Path dir) {
        for (FrozenVersion v : history.versions()) {
            write(dir.resolve("V" + v.version() + "__" + v.name() + ".sql"), script(v.up()));
        }
    }

    /** A master changelog including one formatted-SQL file (one change set) per version. */
    static Path writeLiquibase(History history, Path dir) {
        var master = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        for (FrozenVersion v : history.versions()) {
            String file = String.format("sql/V%04d__%s.sql", v.version(), v.name());
            // A change set with a CONCURRENTLY index build cannot run in a transaction.
            write(dir.resolve(file), "--liquibase formatted sql\n\n--changeset bench:" + v.version()
                    + (v.up().stream().anyMatch(HistoryFiles::nonTransactional) ? " runInTransaction:false" : "") + "\n"
                    + script(v.up()));
            master.append("  <include file=\"").append(file).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        master.append("</databaseChangeLog>\n");
        Path changelog = dir.resolve("changelog.xml");
        write(changelog, master.toString());
        return changelog;
    }

    /**
     * Every version's up statements, in order, in one script for {@code psql -1}; when a version
     * has statements that cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY}), each
     * version's other statements are wrapped in their own transaction instead, those statements
     * after it, and the script is meant for psql without {@code -1}.
     */
    static Path writePsql(History history, Path file) {
        boolean single = history.versions().stream().flatMap(v -> v.up().stream()).noneMatch(HistoryFiles::nonTransactional);
        var s = new StringBuilder();
        for (FrozenVersion v : history.versions()) {
            List<String> inTransaction = v.up().stream().filter(st -> !nonTransactional(st)).toList();
            List<String> outside = v.up().stream().filter(HistoryFiles::nonTransactional).toList();
            s.append(single ? script(inTransaction) : "BEGIN;\n" + script(inTransaction) + "COMMIT;\n" + script(outside));
        }
        write(file, s.toString());
        return file;
    }

    /** Whether the script {@code writePsql} wrote is for one transaction ({@code psql -1}). */
    static boolean singleTransaction(Path script) {
        try {
            return !Files.readString(script).startsWith("BEGIN;");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean nonTransactional(String statement) {
        return statement.toUpperCase(java.util.Locale.ROOT).contains(" CONCURRENTLY ");
    }

    private static String script(List<String> statements) {
        var s = new StringBuilder();
        statements.forEach(st -> s.append(st).append(";\n"));
        return s.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
