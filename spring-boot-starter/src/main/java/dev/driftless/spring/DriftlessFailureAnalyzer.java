package dev.driftless.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-up report for a failed migration: what failed, and what to do. */
class DriftlessFailureAnalyzer extends AbstractFailureAnalyzer<DriftlessMigrationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DriftlessMigrationFailedException cause) {
        return new FailureAnalysis(
                "Driftless could not migrate the database at start-up, so the application did not start:\n"
                        + cause.reason(),
                "Each version runs in its own transaction, and a failed one was rolled back. Follow the message"
                        + " above, then start the application again. To start without migrating, set"
                        + " driftless.enabled=false.",
                cause);
    }
}
