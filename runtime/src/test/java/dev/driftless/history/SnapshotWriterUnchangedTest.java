package dev.driftless.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.SampleModels;
import dev.driftless.ViewsChecksEnumsModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The snapshot file written through {@link SnapshotLines} is byte for byte what the writer before it
 * wrote ({@link PreviousSnapshotWriter}), for a model with every part and for the committed snapshots.
 */
class SnapshotWriterUnchangedTest {

    @Test
    void aModelWithEveryPartIsWrittenAsBefore() {
        Snapshot snapshot = EveryMemberModel.snapshot();
        assertEquals(PreviousSnapshotWriter.write(snapshot), SnapshotFormat.write(snapshot));
        assertEquals(snapshot, SnapshotFormat.read(SnapshotFormat.write(snapshot), "every part"));
    }

    @Test
    void theSampleModelsAreWrittenAsBefore() {
        for (var model : List.of(SampleModels.energy(), SampleModels.everything(),
                ViewsChecksEnumsModels.model("double precision", List.of("a", "b")))) {
            Snapshot snapshot = new Snapshot(3, model);
            assertEquals(PreviousSnapshotWriter.write(snapshot), SnapshotFormat.write(snapshot));
        }
    }

    @Test
    void theCommittedSnapshotsAreWrittenAsBefore() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String file : List.of("example-app/src/main/driftless/snapshot.driftless",
                "src/it/maven-goals/src/main/driftless/snapshot.driftless")) {
            String text = Files.readString(root.resolve(file));
            Snapshot snapshot = SnapshotFormat.read(text, file);
            assertEquals(text, SnapshotFormat.write(snapshot), file);
            assertEquals(PreviousSnapshotWriter.write(snapshot), SnapshotFormat.write(snapshot), file);
        }
    }
}
