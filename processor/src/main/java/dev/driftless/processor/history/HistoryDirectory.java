package dev.driftless.processor.history;

import dev.driftless.history.FrozenVersion;
import dev.driftless.history.HandWrittenSteps;
import dev.driftless.history.History;
import dev.driftless.history.HistoryFormatException;
import dev.driftless.history.Snapshot;
import dev.driftless.history.SnapshotFormat;
import dev.driftless.history.VersionFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed history directory: {@code snapshot.driftless} and one {@code V<n>__<name>.sql} per
 * frozen version. The only place the processor reads or writes files outside the Filer.
 */
public final class HistoryDirectory {

    private final Path dir;

    public HistoryDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Reads and checks the whole history; a missing directory is an empty history. */
    public History load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return History.EMPTY;
        }
        var versions = new ArrayList<FrozenVersion>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().equals(HandWrittenSteps.FILE_NAME))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            versions.add(VersionFormat.read(Files.readString(file, StandardCharsets.UTF_8), name));
        }
        versions.sort(Comparator.comparingInt(FrozenVersion::version));
        Path snapshotFile = dir.resolve(SnapshotFormat.FILE_NAME);
        Snapshot snapshot;
        if (Files.exists(snapshotFile)) {
            snapshot = SnapshotFormat.read(Files.readString(snapshotFile, StandardCharsets.UTF_8), SnapshotFormat.FILE_NAME);
        } else if (versions.isEmpty()) {
            snapshot = Snapshot.EMPTY;
        } else {
            throw new HistoryFormatException(SnapshotFormat.FILE_NAME + " is missing from " + dir
                    + " although versions are frozen there: restore it from version control");
        }
        return new History(versions, snapshot);
    }

    /** The hand-written steps waiting for the next freeze; none when there is no {@code next.sql}. */
    public HandWrittenSteps nextSteps() throws IOException {
        Path file = dir.resolve(HandWrittenSteps.FILE_NAME);
        return Files.exists(file)
                ? HandWrittenSteps.read(Files.readString(file, StandardCharsets.UTF_8), HandWrittenSteps.FILE_NAME)
                : HandWrittenSteps.NONE;
    }

    /** Whether there is a {@code next.sql}, even an empty one. */
    public boolean hasNextSteps() {
        return Files.exists(dir.resolve(HandWrittenSteps.FILE_NAME));
    }

    /**
     * Writes a new version and the snapshot it leads to. Each file is written to a temporary file
     * and moved into place, so a crash never leaves half a file.
     */
    public void freeze(FrozenVersion version, Snapshot snapshot) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(version.fileName()), VersionFormat.write(version));
        write(dir.resolve(SnapshotFormat.FILE_NAME), SnapshotFormat.write(snapshot));
        // The hand-written steps now live in the version.
        Files.deleteIfExists(dir.resolve(HandWrittenSteps.FILE_NAME));
    }

    /**
     * Replaces the versions up to the baseline's with the baseline: the baseline is written first,
     * then the files it replaces are deleted, then {@code next.sql} (which it took its steps from).
     */
    public void squash(FrozenVersion baseline, List<FrozenVersion> replaced) throws IOException {
        write(dir.resolve(baseline.fileName()), VersionFormat.write(baseline));
        for (FrozenVersion v : replaced) {
            if (!v.fileName().equals(baseline.fileName())) {
                Files.deleteIfExists(dir.resolve(v.fileName()));
            }
        }
        Files.deleteIfExists(dir.resolve(HandWrittenSteps.FILE_NAME));
    }

    private static void write(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
