package dev.driftless.processor;

import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * The processor options ({@code -A<name>=<value>}), documented in the README.
 *
 * @param history the committed history directory, or {@code null} to derive it from the class output
 * @param freeze the name to freeze the current draft under, or {@code null} when not freezing
 * @param check whether an unfrozen model change fails the build (for CI)
 * @param packageName the package of the generated classes, or {@code null} for the entities' package
 * @param acceptDataLoss whether a freeze may write a version that drops tables or columns or changes types
 * @param naming the physical naming ({@code jpa} or {@code snake_case}), or {@code null} for the default
 * @param squash the name of a baseline that replaces every frozen version, or {@code null}
 * @param failOnLocks whether a freeze fails on steps that still lock a busy table (the lock lint)
 * @param acceptLocks whether such steps are acknowledged, so the freeze goes on
 * @param hibernate the Hibernate line or version to model ({@code 6.6}, {@code 7.1}, ...), or {@code null}
 *     to find it on the compile class path
 * @param derivedNames who names unnamed foreign keys and indexes ({@code postgresql} or {@code hibernate}),
 *     or {@code null} for the default
 */
record Options(String history, String freeze, boolean check, String packageName, boolean acceptDataLoss,
        String naming, String squash, boolean failOnLocks, boolean acceptLocks,
        String hibernate, String derivedNames) {

    static final String HISTORY = "driftless.history";
    static final String FREEZE = "driftless.freeze";
    static final String CHECK = "driftless.check";
    static final String PACKAGE = "driftless.package";
    static final String ACCEPT_DATA_LOSS = "driftless.acceptDataLoss";
    static final String NAMING = "driftless.naming";
    static final String SQUASH = "driftless.squash";
    static final String LOCK_LINT = "driftless.lockLint";
    static final String ACCEPT_LOCKS = "driftless.acceptLocks";
    static final String HIBERNATE = "driftless.hibernate";
    static final String DERIVED_NAMES = "driftless.derivedNames";
    static final Set<String> NAMES = Set.of(HISTORY, FREEZE, CHECK, PACKAGE, ACCEPT_DATA_LOSS, NAMING, SQUASH,
            LOCK_LINT, ACCEPT_LOCKS, HIBERNATE, DERIVED_NAMES);

    static Options of(ProcessingEnvironment env) {
        Map<String, String> options = env.getOptions();
        return new Options(
                blankToNull(options.get(HISTORY)),
                blankToNull(options.get(FREEZE)),
                Boolean.parseBoolean(blankToNull(options.get(CHECK))),
                blankToNull(options.get(PACKAGE)),
                Boolean.parseBoolean(blankToNull(options.get(ACCEPT_DATA_LOSS))),
                blankToNull(options.get(NAMING)),
                blankToNull(options.get(SQUASH)),
                "fail".equalsIgnoreCase(blankToNull(options.get(LOCK_LINT))),
                Boolean.parseBoolean(blankToNull(options.get(ACCEPT_LOCKS))),
                blankToNull(options.get(HIBERNATE)),
                blankToNull(options.get(DERIVED_NAMES)));
    }

    /** Maven passes an unset property through as {@code ${name}}; treat it, and blanks, as absent. */
    private static String blankToNull(String value) {
        if (value == null || value.isBlank() || (value.startsWith("${") && value.endsWith("}"))) {
            return null;
        }
        return value.strip();
    }
}
