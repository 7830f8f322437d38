package example.ceiinoe.model;

public enum BatchStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED
}
