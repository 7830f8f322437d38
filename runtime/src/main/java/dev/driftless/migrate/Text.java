package dev.driftless.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the migrator words things in its messages and logs: versions, statements, durations. */
final class Text {

    private static final int STATEMENT_EXCERPT_LENGTH = 120;

    private Text() {}

    static String describe(Migration migration) {
        return "version " + migration.version() + " (" + migration.description() + ")";
    }

    /**
     * The phases of a version's statements that are done when {@code done} statements are, as a
     * list: {@code statements 1-2 (committed), statement 3 (run alone, done)}; "none" when none.
     */
    static String donePhases(List<String> statements, int done) {
        var parts = new ArrayList<String>();
        for (Phases.Phase phase : Phases.of(statements).phases()) {
            if (phase.to() > done) {
                break;
            }
            String which = phase.to() - phase.from() == 1 ? "statement " + phase.to()
                    : "statements " + (phase.from() + 1) + "-" + phase.to();
            parts.add(which + (phase.transactional() ? " (committed)" : " (run alone, done)"));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String excerpt(String sql) {
        String line = oneLine(sql);
        return line.length() <= STATEMENT_EXCERPT_LENGTH ? line : line.substring(0, STATEMENT_EXCERPT_LENGTH) + "...";
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock", e);
        }
    }
}
