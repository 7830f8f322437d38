package dev.driftless.processor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.docs.Changelog;
import dev.driftless.docs.ChangelogEntry;
import dev.driftless.docs.ErDiagram;
import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.Snapshot;
import dev.driftless.model.Column;
import dev.driftless.model.PrimaryKey;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A freeze and a squash write the ER diagram of the snapshot and the changelog of the versions beside them. */
class HistoryDocsTest {

    private static Snapshot snapshot(int version, String... columns) {
        var cols = new java.util.ArrayList<Column>(List.of(Column.of("id", "bigint", false)));
        for (String c : columns) {
            cols.add(Column.of(c, "text", true));
        }
        return new Snapshot(version, new SchemaModel(List.of(new Table(QualifiedName.of("Meter Box"), cols,
                new PrimaryKey("meter_box_pkey", List.of("id")), List.of(), List.of(), List.of(), null)), List.of()));
    }

    @Test
    void freezeAndSquashWriteTheDiagramAndTheChangelog(@TempDir Path dir) throws Exception {
        var history = new HistoryDirectory(dir);
        var v1 = new FrozenVersion(1, "initial", FrozenVersion.NO_PARENT, List.of("create table \"Meter Box\""),
                List.of("CREATE TABLE \"Meter Box\" (\"id\" bigint NOT NULL)"), List.of("DROP TABLE \"Meter Box\""));
        history.freeze(v1, snapshot(1));
        var v2 = new FrozenVersion(2, "note", v1.checksum(), List.of("add column \"Meter Box\".note text"),
                List.of("ALTER TABLE \"Meter Box\" ADD COLUMN \"note\" text"),
                List.of("ALTER TABLE \"Meter Box\" DROP COLUMN \"note\""));
        history.freeze(v2, snapshot(2, "note"));

        assertEquals(ErDiagram.markdown("Schema at version 2", snapshot(2, "note").model()),
                Files.readString(dir.resolve(ErDiagram.FILE_NAME)));
        assertTrue(Files.readString(dir.resolve(ErDiagram.FILE_NAME)).contains("Meter_Box[\"Meter Box\"] {\n"));
        assertEquals(Changelog.markdown("Versions", List.of(ChangelogEntry.of(v1), ChangelogEntry.of(v2))),
                Files.readString(dir.resolve(Changelog.FILE_NAME)));
        assertTrue(Files.readString(dir.resolve(Changelog.FILE_NAME)).startsWith("# Versions\n\n## Version 2: note\n"));

        var squash = new FrozenVersion(2, "baseline", FrozenVersion.NO_PARENT, List.of("create table \"Meter Box\""),
                List.of("CREATE TABLE \"Meter Box\" (\"id\" bigint NOT NULL, \"note\" text)"),
                List.of("DROP TABLE \"Meter Box\""), HandWrittenSteps.NONE, List.of(),
                new TreeMap<>(java.util.Map.of(1, v1.checksum(), 2, v2.checksum())));
        history.squash(squash, List.of(v1, v2));
        assertEquals(Changelog.markdown("Versions", List.of(ChangelogEntry.of(squash))),
                Files.readString(dir.resolve(Changelog.FILE_NAME)));
        assertEquals(ErDiagram.markdown("Schema at version 2", snapshot(2, "note").model()),
                Files.readString(dir.resolve(ErDiagram.FILE_NAME)));
    }
}
