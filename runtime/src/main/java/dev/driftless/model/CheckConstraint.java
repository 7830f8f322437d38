package dev.driftless.model;

import java.util.Objects;

/**
 * A check constraint of a table.
 *
 * @param expression the boolean SQL expression, without the {@code CHECK ( )} around it
 */
public record CheckConstraint(String name, String expression) {
    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("check constraint " + name + " has no expression");
        }
    }
}
