package dev.driftless.processor.jpa;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.lang.model.util.Types;

/**
 * The embedded attributes being read, one inside the other: an embedded value whose type is
 * already among them closes a cycle, reported once where it closes rather than as the columns the
 * endless nesting would map twice.
 */
final class EmbeddingPath {

    /** Innermost first. */
    private final Deque<PersistentAttribute> path = new ArrayDeque<>();

    void enter(PersistentAttribute attribute) {
        path.push(attribute);
    }

    void leave() {
        path.pop();
    }

    /**
     * When the attribute's type is already being read around it, the cycle, as the two parts of the
     * message {@code <first> embeds <the rest> within itself}: {@code A} and
     * {@code B (A.b), which embeds A (B.a),}.
     */
    Optional<List<String>> cycle(PersistentAttribute attribute, Types types) {
        var outer = new ArrayList<>(path);
        Collections.reverse(outer); // outermost first
        for (int i = 0; i < outer.size(); i++) {
            if (types.isSameType(outer.get(i).type(), attribute.type())) {
                var closing = new ArrayList<>(outer.subList(i + 1, outer.size()));
                closing.add(attribute);
                String rest = String.join(", which embeds ",
                        closing.stream().map(a -> a.type() + " (" + a.display() + ")").toList());
                return Optional.of(List.of(outer.get(i).type().toString(), rest + (closing.size() > 1 ? "," : "")));
            }
        }
        return Optional.empty();
    }
}
