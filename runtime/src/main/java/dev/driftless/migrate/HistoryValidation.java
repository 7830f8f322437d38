package dev.driftless.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the code can continue from a database's history: a pure function of the code's versions,
 * the history rows and the policy, listing every problem at once. {@link Migrator} refuses to
 * migrate, and the read-only commands report, when it is not {@link #ok()}.
 *
 * @param problems what stops the code from continuing, each saying what to do; empty when it can
 * @param newerVersions applied versions the code does not know, all above its latest, accepted
 *     because the policy allows them ({@code acceptNewerVersions}) and every version of the code is
 *     applied as the code has it: the database is ahead, at a release running beside this one
 */
public record HistoryValidation(List<String> problems, List<HistoryEntry> newerVersions) {

    public HistoryValidation {
        problems = List.copyOf(problems);
        newerVersions = List.copyOf(newerVersions);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Every problem, one per line (a problem may span lines). */
    public String describe() {
        return String.join("\n", problems);
    }

    /**
     * The validation for going down: the code cannot undo versions it does not have, so the accepted
     * newer versions become problems.
     */
    public HistoryValidation forDowngrade() {
        if (newerVersions.isEmpty()) {
            return this;
        }
        return new HistoryValidation(newerVersions.stream().map(e -> describe(e) + " is newer than the code: only"
                + " the release that has it can undo it; downgrade with that release").toList(), List.of());
    }

    /** The history without the accepted newer versions: what the code itself works with. */
    public List<HistoryEntry> known(List<HistoryEntry> history) {
        Set<Integer> newer = newerVersions.stream().map(HistoryEntry::version).collect(Collectors.toSet());
        return history.stream().filter(e -> !newer.contains(e.version())).toList();
    }

    /** The highest accepted newer version, 0 when there is none. */
    public int newestVersion() {
        return newerVersions.stream().mapToInt(HistoryEntry::version).max().orElse(0);
    }

    /** The accepted newer versions as words, such as {@code 4 (add_email), 5 (drop_note)}. */
    public String describeNewer() {
        return newerVersions.stream().map(e -> e.version() + " (" + e.description() + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Validates {@code history} (every row, in version order) against {@code code} (the versions in
     * order, possibly starting with a squash).
     *
     * @param retryFailedVersions whether a failed attempt is retried rather than refused
     * @param acceptNewerVersions whether applied versions above the code's latest are accepted
     */
    public static HistoryValidation of(List<Migration> code, List<HistoryEntry> history, boolean retryFailedVersions,
            boolean acceptNewerVersions) {
        Map<Integer, Migration> byVersion = new HashMap<>();
        code.forEach(m -> byVersion.put(m.version(), m));
        Optional<Migration> baseline = baseline(code);
        int latest = code.isEmpty() ? 0 : code.get(code.size() - 1).version();
        List<String> problems = new ArrayList<>();
        List<HistoryEntry> unknown = new ArrayList<>();
        for (HistoryEntry entry : history) {
            Migration migration = byVersion.get(entry.version());
            if (!entry.success()) {
                if (entry.completedSteps() != null
                        && (migration == null || !migration.checksum().equals(entry.checksum()))) {
                    problems.add(describe(entry) + " stopped after " + entry.completedSteps() + " of its statements,"
                            + " and the code " + (migration == null ? "does not have that version" : "has it changed")
                            + ": run the code that has it as it was, so that it can be finished"
                            + (migration == null ? ", or undo what it left with `driftless repair` (Migrator.repair())"
                                    + " run with this build" : ""));
                } else if (entry.completedSteps() != null && !entry.resumable()) {
                    problems.add(describe(migration) + " stopped after " + entry.completedSteps() + " of its "
                            + migration.up().size() + " statements at " + entry.appliedAt() + ": " + entry.error()
                            + "\nDone and kept: " + Text.donePhases(migration.up(), entry.completedSteps()) + ". Fix"
                            + " the cause, then run `driftless repair` (Migrator.repair()) and migrate again to resume it");
                } else if (!entry.resumable() && !retryFailedVersions) {
                    problems.add(describe(entry) + " failed at " + entry.appliedAt() + " and was rolled back, so none"
                            + " of its statements took effect" + (entry.error() == null ? "" : ": " + entry.error())
                            + "\nFix the cause, then clear the failed attempt with `driftless repair`"
                            + " (Migrator.repair()) and migrate again");
                }
                continue;
            }
            String squashedAs = baseline.map(b -> b.squashed().get(entry.version())).orElse(null);
            if (migration == null && squashedAs != null) {
                if (!List.of(squashedAs.split(",")).contains(entry.checksum())) {
                    problems.add(describe(entry) + " was applied with checksum " + entry.checksum() + ", which is not"
                            + " the one the squash that replaced it recorded: the database ran a version the code"
                            + " never had; migrate it with the build it came from");
                }
            } else if (migration != null && migration.squashed().containsKey(entry.version())
                    && List.of(migration.squashed().get(entry.version()).split(",")).contains(entry.checksum())) {
                // The version the baseline stands for, applied before the squash: valid.
            } else if (migration == null) {
                unknown.add(entry);
            } else if (!migration.checksum().equals(entry.checksum()) && !migration.squashed().isEmpty()) {
                problems.add(describe(migration) + " was applied with checksum " + entry.checksum() + ", which is"
                        + " neither the squash's nor that of the version it replaced: the database ran a version"
                        + " the code never had; migrate it with the build it came from");
            } else if (!migration.checksum().equals(entry.checksum())) {
                problems.add(describe(migration) + " was applied with checksum " + entry.checksum()
                        + " but the code has " + migration.checksum()
                        + ": a frozen version was changed; restore it to what was applied and put the change"
                        + " into a new version");
            }
        }
        // Running an older version after a newer one would build a schema nobody planned.
        int current = SchemaHistory.currentVersion(history);
        Set<Integer> done = SchemaHistory.successfulVersions(history);
        if (baseline.isPresent() && current > 0 && current < baseline.get().version()) {
            problems.add("the database is at version " + current + ", but the versions up to "
                    + baseline.get().version() + " were squashed into one version, a squash, which only builds new databases:"
                    + " first migrate it to version " + baseline.get().version() + " with a build from before the squash");
        }
        List<Migration> skipped = code.stream().filter(m -> m.version() < current && !done.contains(m.version()))
                .toList();
        for (Migration migration : skipped) {
            problems.add(describe(migration) + " is not applied but the later version " + current
                    + " is: the history diverged from the code");
        }
        boolean allAbove = unknown.stream().allMatch(e -> e.version() > latest);
        if (!unknown.isEmpty() && acceptNewerVersions && allAbove && problems.isEmpty()) {
            return new HistoryValidation(List.of(), unknown);
        }
        for (HistoryEntry entry : unknown) {
            if (entry.version() < latest) {
                problems.add(describe(entry) + " is applied in the database but the code, which has later versions,"
                        + " does not have it: a migration is missing from the build; build with the version restored");
            } else if (!acceptNewerVersions) {
                problems.add(describe(entry) + " is applied in the database but the code does not have it: the"
                        + " database is newer than the code (" + describeVersions(code) + "); run the release that"
                        + " has it, or, to run this release beside that newer one during a rolling deploy, turn on"
                        + " acceptNewerVersions (`--accept-newer-versions`)");
            } else {
                problems.add(describe(entry) + " is newer than the code, but it is accepted only when every version"
                        + " of the code is applied as the code has it" + (allAbove ? "" : " and every unknown version"
                        + " is above the code's latest, " + latest) + ": fix the problems above first");
            }
        }
        return new HistoryValidation(problems, List.of());
    }

    /**
     * The code's versions as words: {@code the code has versions 1 to 5}, {@code the code has the
     * baseline 2 (squashing versions 1 to 2) and versions 3 to 5}, or {@code the code has no versions}.
     */
    static String describeVersions(List<Migration> code) {
        if (code.isEmpty()) {
            return "the code has no versions";
        }
        int latest = code.get(code.size() - 1).version();
        Optional<Migration> baseline = baseline(code);
        if (baseline.isEmpty()) {
            return "the code has " + versions(code.get(0).version(), latest);
        }
        Migration b = baseline.get();
        return "the code has the squash " + b.version() + " (squashing "
                + versions(b.squashed().firstKey(), b.squashed().lastKey()) + ")"
                + (latest == b.version() ? "" : " and " + versions(code.get(1).version(), latest));
    }

    private static String versions(int from, int to) {
        return from == to ? "version " + from : "versions " + from + " to " + to;
    }

    private static Optional<Migration> baseline(List<Migration> code) {
        return code.isEmpty() || code.get(0).squashed().isEmpty() ? Optional.empty() : Optional.of(code.get(0));
    }

    private static String describe(HistoryEntry entry) {
        return "version " + entry.version() + " (" + entry.description() + ")";
    }

    private static String describe(Migration migration) {
        return "version " + migration.version() + " (" + migration.description() + ")";
    }
}
