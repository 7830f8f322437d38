package dev.driftless.migrate;

/**
 * The database's history does not let the code continue (a changed or unknown version, a failed
 * attempt, a database below a squashed baseline): every problem of the {@link HistoryValidation},
 * each saying what to do. Nothing was executed.
 */
public class InvalidHistoryException extends MigrationException {

    private static final long serialVersionUID = 1L;

    private final transient HistoryValidation validation;

    public InvalidHistoryException(HistoryValidation validation) {
        super(validation.describe() + "\nNothing was executed.");
        this.validation = validation;
    }

    public HistoryValidation validation() {
        return validation;
    }
}
