package dev.driftless.processor.history;

import dev.driftless.docs.Changelog;
import dev.driftless.docs.ChangelogEntry;
import dev.driftless.docs.ErDiagram;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed history directory: {@code snapshot.driftless} and one {@code V<n>__<name>.sql} per
 * frozen version, with the ER diagram of the snapshot and the changelog of the versions beside them. The only place the processor reads or writes files outside the Filer.
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
     * Writes a new version and the snapshot it leads to, and removes {@code next.sql} (whose steps
     * the version now holds): all of it or, when a file cannot be written, none of it.
     */
    public void freeze(FrozenVersion version, Snapshot snapshot) throws IOException {
        Files.createDirectories(dir);
        var versions = new ArrayList<>(load().versions());
        versions.add(version);
        var change = new LinkedHashMap<Path, String>();
        change.put(dir.resolve(version.fileName()), VersionFormat.write(version));
        change.put(dir.resolve(SnapshotFormat.FILE_NAME), SnapshotFormat.write(snapshot));
        change.put(dir.resolve(HandWrittenSteps.FILE_NAME), null);
        putDocs(change, versions, snapshot);
        apply(change);
    }

    /**
     * Replaces the versions up to the squash's with the squash and removes {@code next.sql}
     * (which it took its steps from): all of it or, when a file cannot be written, none of it.
     */
    public void squash(FrozenVersion baseline, List<FrozenVersion> replaced) throws IOException {
        History history = load();
        var gone = new java.util.HashSet<Integer>();
        replaced.forEach(v -> gone.add(v.version()));
        gone.add(baseline.version());
        var versions = new ArrayList<FrozenVersion>(history.versions().stream().filter(v -> !gone.contains(v.version()))
                .toList());
        versions.add(baseline);
        var change = new LinkedHashMap<Path, String>();
        change.put(dir.resolve(baseline.fileName()), VersionFormat.write(baseline));
        for (FrozenVersion v : replaced) {
            change.putIfAbsent(dir.resolve(v.fileName()), null);
        }
        change.put(dir.resolve(HandWrittenSteps.FILE_NAME), null);
        putDocs(change, versions, history.snapshot());
        apply(change);
    }

    /**
     * The pictures a reviewer looks at, written with the versions they show: the ER diagram of the
     * snapshot ({@value ErDiagram#FILE_NAME}) and the changelog of the versions ({@value Changelog#FILE_NAME}).
     */
    private void putDocs(Map<Path, String> change, List<FrozenVersion> versions, Snapshot snapshot) {
        var sorted = versions.stream().sorted(Comparator.comparingInt(FrozenVersion::version)).toList();
        change.put(dir.resolve(ErDiagram.FILE_NAME), ErDiagram.markdown("Schema at version " + snapshot.version(),
                snapshot.model()));
        change.put(dir.resolve(Changelog.FILE_NAME), Changelog.markdown("Versions",
                sorted.stream().map(ChangelogEntry::of).toList()));
    }

    /**
     * Writes each file whose content is given and deletes each whose content is {@code null},
     * all or none. Every new content is first written to a temporary file; then each file that is
     * there is moved aside and the new one moved in (atomic moves within the directory); a failure
     * puts back what was moved aside. So a failed write never leaves a version without its
     * snapshot, or a snapshot ahead of its versions.
     */
    private static void apply(Map<Path, String> change) throws IOException {
        var temporary = new LinkedHashMap<Path, Path>();
        var asides = new LinkedHashMap<Path, Path>();
        var movedIn = new ArrayList<Path>();
        try {
            for (var e : change.entrySet()) {
                if (e.getValue() != null) {
                    Path tmp = sibling(e.getKey(), ".tmp");
                    temporary.put(e.getKey(), tmp);
                    Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                }
            }
            for (Path target : change.keySet()) {
                if (Files.exists(target)) {
                    Path aside = sibling(target, ".old");
                    Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    asides.put(target, aside);
                }
                Path tmp = temporary.get(target);
                if (tmp != null) {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    movedIn.add(target);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Path target : movedIn) {
                deleteQuietly(target, e);
            }
            for (var aside : asides.entrySet()) {
                try {
                    Files.move(aside.getValue(), aside.getKey(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            temporary.values().forEach(tmp -> deleteQuietly(tmp, e));
            throw e;
        }
        for (Path aside : asides.values()) {
            Files.deleteIfExists(aside);
        }
    }

    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling(target.getFileName() + suffix);
    }

    private static void deleteQuietly(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
