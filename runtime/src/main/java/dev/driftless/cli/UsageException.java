package dev.driftless.cli;

/** Bad usage of the command line: an unknown command or option, a missing or malformed value (exit 2). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
