package dev.driftless.processor;

import dev.driftless.history.FrozenVersion;
import dev.driftless.history.Snapshot;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.history.HistoryDirectory;
import java.io.IOException;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * A planned change to the committed history directory, written only once the compilation is
 * known to have succeeded: a frozen version with its snapshot, or a squash into a baseline.
 */
sealed interface HistoryChange {

    HistoryDirectory dir();

    /** Where the notes about the change are reported. */
    Element anchor();

    /** Writes the change; all of it or, on failure, nothing. */
    void write() throws IOException;

    /** The note reported once the change is written. */
    Outputs.Note written();

    /** The note reported when the change is not written because the compilation has errors. */
    Outputs.Note notWritten();

    record Freeze(HistoryDirectory dir, Element anchor, FrozenVersion version, Snapshot snapshot, String operations)
            implements HistoryChange {
        @Override
        public void write() throws IOException {
            dir.freeze(version, snapshot);
        }

        @Override
        public Outputs.Note written() {
            return new Outputs.Note(Message.FROZEN, anchor, version.version(), version.name(),
                    dir.path().resolve(version.fileName()), operations);
        }

        @Override
        public Outputs.Note notWritten() {
            return new Outputs.Note(Message.NOT_WRITTEN, anchor, "Version " + version.version() + " '" + version.name() + "'",
                    "frozen", dir.path());
        }
    }

    record Squash(HistoryDirectory dir, Element anchor, FrozenVersion baseline, List<FrozenVersion> replaced)
            implements HistoryChange {
        @Override
        public void write() throws IOException {
            dir.squash(baseline, replaced);
        }

        @Override
        public Outputs.Note written() {
            return new Outputs.Note(Message.SQUASHED, anchor, baseline.squashed().firstKey(), baseline.version(),
                    dir.path().resolve(baseline.fileName()), baseline.version(), baseline.version());
        }

        @Override
        public Outputs.Note notWritten() {
            return new Outputs.Note(Message.NOT_WRITTEN, anchor, "The squash '" + baseline.name() + "'", "written",
                    dir.path());
        }
    }
}
