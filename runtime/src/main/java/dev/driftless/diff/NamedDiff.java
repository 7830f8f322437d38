package dev.driftless.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a list of named things (constraints, indexes) changed: what went, what came, and what only
 * changed its name, which is a rename rather than a drop and a re-creation.
 */
record NamedDiff<T>(List<T> removed, List<T> added, List<Rename> renamed) {

    record Rename(String from, String to) {}

    /**
     * @param sameButName whether two elements are equal except for their names
     */
    static <T> NamedDiff<T> of(List<T> before, List<T> after, Function<T, String> name, BiPredicate<T, T> sameButName) {
        Map<String, T> next = after.stream().collect(Collectors.toMap(name, x -> x));
        Map<String, T> previous = before.stream().collect(Collectors.toMap(name, x -> x));
        List<T> removed = new ArrayList<>(before.stream().filter(x -> !x.equals(next.get(name.apply(x)))).toList());
        List<T> added = new ArrayList<>(after.stream().filter(x -> !x.equals(previous.get(name.apply(x)))).toList());
        var renamed = new ArrayList<Rename>();
        for (T gone : List.copyOf(removed)) {
            // Only a name that was free before can be a rename target. The old name may be taken
            // again: the diff renames after it drops and before it adds.
            added.stream()
                    .filter(x -> sameButName.test(gone, x) && !previous.containsKey(name.apply(x)))
                    .findFirst()
                    .ifPresent(x -> {
                        renamed.add(new Rename(name.apply(gone), name.apply(x)));
                        removed.remove(gone);
                        added.remove(x);
                    });
        }
        // A name that was taken before can still be a rename target when its holder is dropped (it
        // changed, and is not renamed away itself): the drop comes first and frees the name.
        var dropped = new java.util.HashSet<String>();
        for (T gone : List.copyOf(removed)) {
            if (dropped.contains(name.apply(gone))) {
                continue;
            }
            added.stream()
                    .filter(x -> sameButName.test(gone, x) && removed.contains(previous.get(name.apply(x)))
                            && !name.apply(x).equals(name.apply(gone)))
                    .findFirst()
                    .ifPresent(x -> {
                        renamed.add(new Rename(name.apply(gone), name.apply(x)));
                        dropped.add(name.apply(x));
                        removed.remove(gone);
                        added.remove(x);
                    });
        }
        return new NamedDiff<>(List.copyOf(removed), List.copyOf(added), List.copyOf(renamed));
    }
}
