package dev.driftless.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The validation of a history against the code, without a database: every case migrate refuses or accepts. */
class HistoryValidationTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static SampleVersions.Version version(int n) {
        return new SampleVersions.Version(n, "v" + n, List.of("create table t" + n + " (id int)"),
                List.of("drop table t" + n));
    }

    /** Versions 1 to n. */
    private static List<Migration> code(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> (Migration) version(i)).toList();
    }

    private static HistoryEntry applied(Migration m) {
        return new HistoryEntry(m.version(), m.description(), m.checksum(), AT, 1, true, null);
    }

    private static List<HistoryEntry> applied(List<Migration> versions) {
        return versions.stream().map(HistoryValidationTest::applied).toList();
    }

    private static HistoryValidation of(List<Migration> code, List<HistoryEntry> history) {
        return HistoryValidation.of(code, history, false, false);
    }

    private static void assertOneProblem(HistoryValidation validation, String containing) {
        assertEquals(1, validation.problems().size(), validation.problems().toString());
        assertTrue(validation.problems().get(0).contains(containing), validation.problems().get(0));
    }

    @Test
    void aHistoryThatIsAPrefixOfTheCodeIsValid() {
        for (int n = 0; n <= 5; n++) {
            for (int m = 0; m <= n; m++) {
                HistoryValidation v = of(code(n), applied(code(m)));
                assertTrue(v.ok(), n + "/" + m + ": " + v.problems());
                assertEquals(List.of(), v.newerVersions());
            }
        }
    }

    /**
     * For every code of n versions and database of m versions of the same chain: a database ahead is
     * refused without the policy, and with it accepted with exactly the versions above n as newer.
     */
    @Test
    void aDatabaseAheadIsRefusedWithoutThePolicyAndAcceptedWithIt() {
        for (int n = 0; n <= 5; n++) {
            for (int m = n + 1; m <= 7; m++) {
                List<HistoryEntry> history = applied(code(m));
                HistoryValidation off = HistoryValidation.of(code(n), history, false, false);
                assertEquals(m - n, off.problems().size(), off.problems().toString());
                assertTrue(off.problems().stream().allMatch(p -> p.contains("the database is newer than the code")),
                        off.problems().toString());
                assertTrue(off.problems().get(0).contains("acceptNewerVersions"), off.problems().get(0));

                HistoryValidation on = HistoryValidation.of(code(n), history, false, true);
                assertTrue(on.ok(), on.problems().toString());
                assertEquals(IntStream.rangeClosed(n + 1, m).boxed().toList(),
                        on.newerVersions().stream().map(HistoryEntry::version).toList());
                assertEquals(history.subList(0, n), on.known(history));
                assertEquals(m, on.newestVersion());
                assertFalse(on.forDowngrade().ok());
                assertTrue(on.forDowngrade().problems().get(0).contains("only the release that has it can undo it"));
            }
        }
    }

    @Test
    void theMessageSaysWhatTheCodeHas() {
        assertOneProblem(of(code(2), applied(code(3))), "version 3 (v3) is applied in the database but the code does"
                + " not have it: the database is newer than the code (the code has versions 1 to 2)");
        assertOneProblem(of(List.of(), applied(code(1))), "(the code has no versions)");
    }

    @Test
    void newerVersionsAreNotAcceptedWhileAVersionOfTheCodeIsPending() {
        List<HistoryEntry> history = List.of(applied(version(1)), applied(version(3)));
        HistoryValidation v = HistoryValidation.of(code(2), history, false, true);
        assertEquals(List.of(), v.newerVersions());
        assertEquals(2, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains("version 2 (v2) is not applied but the later version 3 is"),
                v.problems().get(0));
        assertTrue(v.problems().get(1).contains("version 3 (v3) is newer than the code, but it is accepted only when"
                + " every version of the code is applied as the code has it"), v.problems().get(1));
    }

    @Test
    void newerVersionsAreNotAcceptedWhenAVersionOfTheCodeWasChanged() {
        List<HistoryEntry> history = new ArrayList<>(applied(code(3)));
        history.set(1, new HistoryEntry(2, "v2", "sha256:other", AT, 1, true, null));
        HistoryValidation v = HistoryValidation.of(code(2), history, false, true);
        assertEquals(List.of(), v.newerVersions());
        assertEquals(2, v.problems().size(), v.problems().toString());
        assertTrue(v.problems().get(0).contains("a frozen version was changed"), v.problems().get(0));
    }

    @Test
    void anUnknownVersionBelowTheLatestIsAMissingMigrationEvenWithThePolicy() {
        List<Migration> code = List.of(version(1), version(3));
        List<HistoryEntry> history = applied(code(3));
        for (boolean accept : List.of(false, true)) {
            assertOneProblem(HistoryValidation.of(code, history, false, accept),
                    "version 2 (v2) is applied in the database but the code, which has later versions, does not have"
                            + " it: a migration is missing from the build");
        }
    }

    @Test
    void aChangedChecksumIsRefused() {
        List<HistoryEntry> history = List.of(applied(version(1)),
                new HistoryEntry(2, "v2", "sha256:edited", AT, 1, true, null));
        assertOneProblem(of(code(3), history), "version 2 (v2) was applied with checksum sha256:edited but the code has "
                + version(2).checksum() + ": a frozen version was changed; restore it");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        List<HistoryEntry> history = List.of(new HistoryEntry(1, "v1", "x", AT, 1, true, null),
                new HistoryEntry(2, "v2", "y", AT, 1, true, null), applied(version(4)));
        HistoryValidation v = of(code(3), history);
        assertEquals(4, v.problems().size(), v.problems().toString()); // two checksums, 3 skipped, 4 unknown
        assertEquals(String.join("\n", v.problems()), v.describe());
    }

    @Test
    void aFailedAttemptIsRefusedUnlessRetried() {
        HistoryEntry failed = new HistoryEntry(2, "v2", version(2).checksum(), AT, 1, false, "relation exists");
        List<HistoryEntry> history = List.of(applied(version(1)), failed);
        assertOneProblem(of(code(2), history), "version 2 (v2) failed at " + AT + " and was rolled back, so none of its"
                + " statements took effect: relation exists\nFix the cause, then clear the failed attempt with"
                + " `driftless repair`");
        assertTrue(HistoryValidation.of(code(2), history, true, false).ok());
    }

    @Test
    void aFailedAttemptWithoutAnErrorDoesNotSayNull() {
        HistoryEntry failed = new HistoryEntry(2, "v2", version(2).checksum(), AT, 1, false, null);
        HistoryValidation v = of(code(2), List.of(applied(version(1)), failed));
        assertOneProblem(v, "so none of its statements took effect\n");
        assertFalse(v.describe().contains("null"), v.describe());
    }

    @Test
    void anUnfinishedVersionIsResumedOnlyAsTheCodeHasIt() {
        HistoryEntry unfinished = new HistoryEntry(2, "v2", version(2).checksum(), AT, 1, false, null, 1);
        assertTrue(of(code(2), List.of(applied(version(1)), unfinished)).ok());
        HistoryEntry changed = new HistoryEntry(2, "v2", "sha256:other", AT, 1, false, null, 1);
        assertOneProblem(of(code(2), List.of(applied(version(1)), changed)),
                "version 2 (v2) stopped after 1 of its statements, and the code has it changed");
        HistoryEntry unknown = new HistoryEntry(3, "v3", "sha256:other", AT, 1, false, null, 1);
        assertOneProblem(HistoryValidation.of(code(2), List.of(applied(version(1)), applied(version(2)), unknown), false,
                true), "version 3 (v3) stopped after 1 of its statements, and the code does not have that version");
    }

    /** A baseline squashing versions 1 to {@code version}, which recorded {@code checksums} for them. */
    record Baseline(int version, SortedMap<Integer, String> squashed) implements Migration {
        public String description() {
            return "squashed";
        }

        public String checksum() {
            return "sha256:baseline";
        }

        public List<String> up() {
            return List.of("create table t (id int)");
        }

        public List<String> down() {
            return List.of("drop table t");
        }
    }

    /** Baseline 2 over versions 1 and 2 (version 2 under two checksums), then version 3. */
    private static List<Migration> squashedCode() {
        SortedMap<Integer, String> squashed = new TreeMap<>();
        squashed.put(1, version(1).checksum());
        squashed.put(2, version(2).checksum() + ",sha256:older-2");
        return List.of(new Baseline(2, squashed), version(3));
    }

    @Test
    void aSquashedBuildContinuesADatabaseMadeBeforeTheSquashOrByTheBaseline() {
        assertTrue(of(squashedCode(), applied(code(2))).ok());
        assertTrue(of(squashedCode(), applied(code(3))).ok());
        assertTrue(of(squashedCode(), List.of(applied(version(1)),
                new HistoryEntry(2, "v2", "sha256:older-2", AT, 1, true, null))).ok(), "any checksum it recorded");
        assertTrue(of(squashedCode(), List.of(applied(squashedCode().get(0)))).ok());
        assertTrue(of(squashedCode(), List.of()).ok());
    }

    @Test
    void aDatabaseBelowTheBaselineIsRefused() {
        assertOneProblem(of(squashedCode(), applied(code(1))), "the database is at version 1, but the versions up to 2"
                + " were squashed into one version, a squash, which only builds new databases: first migrate it to version 2 with a"
                + " build from before the squash");
    }

    @Test
    void aSquashedVersionWithAnotherChecksumIsRefused() {
        assertOneProblem(of(squashedCode(), List.of(new HistoryEntry(1, "v1", "sha256:elsewhere", AT, 1, true, null),
                applied(version(2)))), "version 1 (v1) was applied with checksum sha256:elsewhere, which is not the one"
                        + " the squash that replaced it recorded");
        assertOneProblem(of(squashedCode(), List.of(applied(version(1)),
                new HistoryEntry(2, "v2", "sha256:elsewhere", AT, 1, true, null))), "version 2 (squashed) was applied"
                        + " with checksum sha256:elsewhere, which is neither the squash's nor that of the version it"
                        + " replaced");
    }

    @Test
    void aSkippedVersionIsRefused() {
        assertOneProblem(of(code(3), List.of(applied(version(1)), applied(version(3)))),
                "version 2 (v2) is not applied but the later version 3 is: the history diverged from the code");
    }

    @Test
    void theCodesVersionsAreDescribedAsTheyAre() {
        assertEquals("the code has no versions", HistoryValidation.describeVersions(List.of()));
        assertEquals("the code has version 1", HistoryValidation.describeVersions(code(1)));
        assertEquals("the code has versions 1 to 4", HistoryValidation.describeVersions(code(4)));
        assertEquals("the code has the squash 2 (squashing versions 1 to 2) and version 3",
                HistoryValidation.describeVersions(squashedCode()));
        assertEquals("the code has the squash 2 (squashing versions 1 to 2)",
                HistoryValidation.describeVersions(squashedCode().subList(0, 1)));
    }
}
