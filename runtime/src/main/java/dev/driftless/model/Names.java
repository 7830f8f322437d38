package dev.driftless.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Checks shared by the model's records. */
final class Names {
    private Names() {}

    static List<String> nonEmpty(List<String> names, String owner) {
        List<String> copy = List.copyOf(names);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(owner + " has no column");
        }
        return copy;
    }

    /** A sorted, immutable copy, refusing two elements with one name. */
    static <T> List<T> sortedUnique(List<T> items, Function<T, String> name, String what) {
        var seen = new HashSet<String>();
        for (T item : items) {
            if (!seen.add(name.apply(Objects.requireNonNull(item)))) {
                throw new IllegalArgumentException("two " + what + "s are named " + name.apply(item));
            }
        }
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }
}
