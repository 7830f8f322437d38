package dev.driftless.history;

/** A history file that cannot be read; the message names the file and line. */
public final class HistoryFormatException extends RuntimeException {
    public HistoryFormatException(String message) {
        super(message);
    }
}
