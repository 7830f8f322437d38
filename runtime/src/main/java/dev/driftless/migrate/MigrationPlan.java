package dev.driftless.migrate;

import java.util.List;

/**
 * What reaching a target version would run, without running it (a dry run): the versions in the
 * order they would run, each with its statements (the up statements going forward, the down
 * statements going back).
 */
public record MigrationPlan(int fromVersion, int toVersion, List<Step> steps) {

    public MigrationPlan {
        steps = List.copyOf(steps);
    }

    public boolean upgrade() {
        return toVersion >= fromVersion;
    }

    public record Step(int version, String description, List<String> statements) {
        public Step {
            statements = List.copyOf(statements);
        }
    }
}
