package dev.driftless.processor.jpa;

import dev.driftless.processor.diagnostics.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ColumnTypes} found for a basic attribute: its typed column, or none when the type
 * cannot be mapped, with the problems found on the way (an error when there is no column; warnings
 * beside one).
 */
record TypeResolution(Optional<TypedColumn> column, List<Problem> problems) {

    TypeResolution {
        problems = List.copyOf(problems);
    }

    static TypeResolution of(TypedColumn column) {
        return new TypeResolution(Optional.of(column), List.of());
    }

    static TypeResolution failed(Problem problem) {
        return new TypeResolution(Optional.empty(), List.of(problem));
    }

    /** This resolution with the warnings found before it. */
    TypeResolution after(List<Problem> warnings) {
        var all = new ArrayList<>(warnings);
        all.addAll(problems);
        return new TypeResolution(column, all);
    }

    /** Reports every problem; the column, empty after an error. */
    Optional<TypedColumn> reportTo(Diagnostics diagnostics) {
        problems.forEach(p -> p.report(diagnostics));
        return column;
    }
}
