package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * A joined subclass's key columns as {@code @PrimaryKeyJoinColumn(s)} name them: each of the
 * parent's key columns is matched by {@code referencedColumnName}, or in order when none names a
 * column; an unmatched one keeps the parent's name and type.
 */
final class KeyJoinColumns {

    /** One key column of the subclass's table, the parent's column it references, and its annotation. */
    record KeyJoin(KeyColumn column, String referenced, Optional<AnnotationValues> annotation) {}

    private KeyJoinColumns() {}

    /** The {@code @PrimaryKeyJoinColumn}s of the class, in the order written. */
    static List<AnnotationValues> written(Element element, JpaAnnotations jpa) {
        return AttributeOverrides.repeated(element, jpa, "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns");
    }

    /** The subclass's key, one entry per key column of the parent. */
    static List<KeyJoin> of(List<KeyColumn> parentKey, List<AnnotationValues> written, JpaAnnotations jpa) {
        boolean byReference = written.stream().anyMatch(j -> !j.string("referencedColumnName").isEmpty());
        var key = new ArrayList<KeyJoin>();
        for (int i = 0; i < parentKey.size(); i++) {
            KeyColumn k = parentKey.get(i);
            Optional<AnnotationValues> join = Optional.empty();
            if (byReference) {
                join = written.stream().filter(j -> jpa.naming().physical(j.string("referencedColumnName")).equals(k.name()))
                        .findFirst();
            } else if (i < written.size()) {
                join = Optional.of(written.get(i));
            }
            String name = join.map(j -> j.string("name")).filter(n -> !n.isEmpty()).map(n -> jpa.naming().physical(n))
                    .orElse(k.name());
            String definition = join.map(j -> j.string("columnDefinition")).orElse("");
            ColumnType type = definition.isEmpty() ? k.type() : ColumnType.of(definition);
            key.add(new KeyJoin(new KeyColumn(name, type), k.name(), join));
        }
        return key;
    }
}
