package dev.driftless.cli;

import static dev.driftless.sql.Identifiers.quote;

import dev.driftless.docs.Changelog;
import dev.driftless.docs.ChangelogEntry;
import dev.driftless.docs.ErDiagram;
import dev.driftless.history.Snapshot;
import dev.driftless.migrate.HistoryEntry;
import dev.driftless.migrate.Migration;
import dev.driftless.migrate.MigrationException;
import dev.driftless.migrate.MigrationStatus;
import dev.driftless.migrate.Migrator;
import dev.driftless.introspect.PostgresIntrospector;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * {@code driftless docs}: the ER diagram of the live database's schema and the changelog of the
 * code's versions with where the database stands with each, written as the processor writes them
 * beside the history ({@value ErDiagram#FILE_NAME}, {@value Changelog#FILE_NAME}).
 */
final class DocsCommand {

    private DocsCommand() {}

    static int run(Migrator migrator, DataSource dataSource, String schema, String historyTable, Path out,
            PrintStream stdout, PrintStream err) {
        MigrationStatus status = migrator.status(); // refuses an unsupported server first
        SchemaModel live = liveModel(dataSource, schema, historyTable);
        Map<Integer, HistoryEntry> applied = new HashMap<>();
        status.applied().stream().filter(HistoryEntry::success).forEach(e -> applied.put(e.version(), e));
        Set<Integer> pending = new TreeSet<>();
        status.pending().forEach(m -> pending.add(m.version()));
        var entries = new ArrayList<ChangelogEntry>();
        for (Migration m : migrator.migrations()) {
            HistoryEntry entry = applied.get(m.version());
            String state = entry != null ? "applied " + entry.appliedAt() : pending.contains(m.version()) ? "pending" : null;
            entries.add(new ChangelogEntry(m.version(), m.description(), List.of(), m.up(), m.irreversible(), state));
        }
        try {
            Files.createDirectories(out);
            Path diagram = out.resolve(ErDiagram.FILE_NAME);
            Path changelog = out.resolve(Changelog.FILE_NAME);
            Files.writeString(diagram, ErDiagram.markdown("Schema of the database at version " + status.currentVersion(),
                    live), StandardCharsets.UTF_8);
            Files.writeString(changelog, Changelog.markdown("Versions", entries), StandardCharsets.UTF_8);
            stdout.println("wrote " + diagram + " (" + live.tables().size() + " tables) and " + changelog + " ("
                    + entries.size() + " versions, the database at version " + status.currentVersion() + ")");
        } catch (IOException e) {
            err.println("driftless: could not write the docs to " + out + ": " + e
                    + "; check that the directory can be written, or pass another --out");
            return DriftlessCli.FAILED;
        }
        return DriftlessCli.OK;
    }

    /** The schema the versions are applied to, as it is now: the --schema one, else the connection's current one. */
    private static SchemaModel liveModel(DataSource dataSource, String schema, String historyTable) {
        try (Connection connection = dataSource.getConnection()) {
            if (schema != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set search_path to " + quote(schema));
                }
            }
            Set<String> schemas = Migrator.snapshotOnClassPath().map(Snapshot::model).map(SchemaModel::schemas)
                    .orElse(new TreeSet<>());
            return PostgresIntrospector.read(connection, schemas, Set.of(QualifiedName.of(historyTable),
                    QualifiedName.of("flyway_schema_history"), QualifiedName.of("databasechangelog"),
                    QualifiedName.of("databasechangeloglock")));
        } catch (SQLException e) {
            throw new MigrationException("reading the live schema failed: " + e.getMessage(), e);
        }
    }
}
