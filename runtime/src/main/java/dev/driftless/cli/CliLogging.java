package dev.driftless.cli;

import dev.driftless.migrate.TenantMigration;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the command line shows of the migrator's own log ({@code System.Logger} "dev.driftless...",
 * which the JDK hands to java.util.logging unless the class path brings another logging backend):
 * by default only its warnings, one line each; with {@code --verbose} its progress too. A line
 * logged while a tenant is migrated starts with the tenant's name. The previous configuration is
 * put back when the command ends, so a program that runs the command line (the Maven plugin, a
 * test) keeps its own.
 */
final class CliLogging implements AutoCloseable {

    private static final String LOGGER = "dev.driftless";

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParents;
    private final Handler handler;

    private CliLogging(Logger logger, Handler handler) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        this.previousUseParents = logger.getUseParentHandlers();
        this.handler = handler;
    }

    static CliLogging install(boolean verbose, PrintStream log) {
        Logger logger = Logger.getLogger(LOGGER);
        Handler handler = new LineHandler(log);
        handler.setLevel(Level.ALL);
        CliLogging installed = new CliLogging(logger, handler);
        logger.setLevel(verbose ? Level.INFO : Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return installed;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParents);
        handler.flush();
    }

    /** {@code [tenant] warning: message}, one line per record (its cause's message after it). */
    private static final class LineHandler extends Handler {
        private final PrintStream out;
        private final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        LineHandler(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String tenant = TenantMigration.currentTenant().map(t -> "[" + t + "] ").orElse("");
            String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: "
                    : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "";
            String text = formatter.format(record);
            if (record.getThrown() != null && record.getThrown().getMessage() != null) {
                text += " (" + record.getThrown().getMessage().strip() + ")";
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                out.println(tenant + (i == 0 ? level : "  ") + lines.get(i));
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
