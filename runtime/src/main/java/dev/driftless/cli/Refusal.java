package dev.driftless.cli;

/** A command the command line refuses before it changes anything, with what to do instead (exit 1). */
final class Refusal extends RuntimeException {
    Refusal(String message) {
        super(message);
    }
}
