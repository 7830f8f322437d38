package dev.driftless.migrate;

import java.time.Duration;
import java.util.Locale;

/** How the migrator words things in its messages and logs: versions, statements, durations. */
final class Text {

    private static final int STATEMENT_EXCERPT_LENGTH = 120;

    private Text() {}

    static String describe(Migration migration) {
        return "version " + migration.version() + " (" + migration.description() + ")";
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
