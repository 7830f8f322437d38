package dev.driftless.migrate;

/**
 * The migrator's logger ({@code dev.driftless.migrate}), looked up on first use: a start with
 * nothing to do logs nothing, so it never initializes the platform's logging.
 */
final class Log {

    private Log() {}

    static System.Logger get() {
        return Holder.LOG;
    }

    private static final class Holder {
        static final System.Logger LOG = System.getLogger("dev.driftless.migrate");
    }
}
