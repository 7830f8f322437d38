package dev.driftless.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A version's statements cut into phases: runs of statements that share one transaction;
 * statements PostgreSQL refuses to run inside a transaction block (concurrent index builds and
 * drops, batched fills that commit, the Java step of a fill, {@code VACUUM}, ...), each a phase of its own; constraint
 * validations, each in a transaction of its own so that no strong lock taken before is held during
 * the scan; and values added to enum types, each committed in a transaction of its own before the
 * statements that may use them. A version is one transactional phase unless it has such statements; then its progress
 * is recorded after every phase, so that a run that was interrupted resumes where it stopped.
 */
record Phases(List<Phase> phases) {

    /**
     * Statements {@code [from, to)} of the version.
     *
     * @param transactional whether they run in one transaction; otherwise it is one statement, alone
     */
    record Phase(int from, int to, boolean transactional) {}

    private static final Pattern OUTSIDE_TRANSACTION = Pattern.compile(
            "(create\\s+(unique\\s+)?index\\s+concurrently\\b|drop\\s+index\\s+concurrently\\b|reindex\\b.*\\bconcurrently\\b"
                    + "|vacuum\\b|alter\\s+system\\b|create\\s+database\\b|drop\\s+database\\b"
                    + "|alter\\s+table\\b.*\\bdetach\\s+partition\\b.*\\bconcurrently"
                    // A DO block of batches commits after each: it cannot run inside a transaction block.
                    + "|do\\s+\\$driftless_batches(_\\d+)?\\$).*",
            Pattern.DOTALL);

    /**
     * Statements that get a transaction of their own: validating a constraint scans the table; a
     * value added to an enum type cannot be used before the transaction that adds it commits
     * (PostgreSQL: "unsafe use of new value"), and the statements after it may use it.
     */
    private static final Pattern OWN_TRANSACTION = Pattern.compile(
            "(alter\\s+table\\b.*\\bvalidate\\s+constraint\\b|alter\\s+type\\b.*\\badd\\s+value\\b).*",
            Pattern.DOTALL);

    Phases {
        phases = List.copyOf(phases);
    }

    /** Whether PostgreSQL runs the statement only outside a transaction block. */
    static boolean outsideTransaction(String statement) {
        if (dev.driftless.history.HandWrittenSteps.isJavaFill(statement)) {
            // The Java step of a fill runs in autocommit, so that each of its batches commits.
            return true;
        }
        return OUTSIDE_TRANSACTION.matcher(statement.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Whether the statement runs in a transaction of its own, so that the locks of the statements
     * before it are released first and those after it wait for nothing it holds.
     */
    static boolean ownTransaction(String statement) {
        return OWN_TRANSACTION.matcher(statement.strip().toLowerCase(Locale.ROOT)).matches();
    }

    static Phases of(List<String> statements) {
        var phases = new ArrayList<Phase>();
        int start = 0;
        for (int i = 0; i < statements.size(); i++) {
            boolean outside = outsideTransaction(statements.get(i));
            if (outside || ownTransaction(statements.get(i))) {
                if (i > start) {
                    phases.add(new Phase(start, i, true));
                }
                phases.add(new Phase(i, i + 1, !outside));
                start = i + 1;
            }
        }
        if (start < statements.size() || phases.isEmpty()) {
            phases.add(new Phase(start, statements.size(), true));
        }
        return new Phases(phases);
    }

    /** Whether the version is one transaction, as most are. */
    boolean single() {
        return phases.size() == 1 && phases.get(0).transactional();
    }
}
