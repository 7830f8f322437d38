package dev.driftless.processor.jpa;

import dev.driftless.model.IndexColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/** A typed view of one {@code @Index} of {@code @Table(indexes)}. */
record IndexAnnotation(AnnotationMirror mirror, String name, String columnList, boolean unique, PhysicalNames naming) {

    static IndexAnnotation of(AnnotationValues v, PhysicalNames naming) {
        return new IndexAnnotation(v.mirror(), v.string("name"), v.string("columnList"), v.bool("unique", false), naming);
    }

    /**
     * The columns of {@code columnList} ({@code "a, b DESC"}), as named physically;
     * empty when the list cannot be read (see {@link #columnListProblem()}).
     */
    List<IndexColumn> columns() {
        if (columnListProblem().isPresent()) {
            return List.of();
        }
        var columns = new ArrayList<IndexColumn>();
        for (String part : columnList.split(",", -1)) {
            String[] words = part.strip().split("\\s+");
            columns.add(new IndexColumn(naming.indexColumn(words[0]), words.length == 2 && words[1].equalsIgnoreCase("desc")));
        }
        return columns;
    }

    /** Why {@code columnList} cannot be read, if it cannot: JPA's grammar is {@code column [ASC|DESC], ...}. */
    Optional<String> columnListProblem() {
        if (columnList.isBlank()) {
            return Optional.of("the column list is empty");
        }
        for (String part : columnList.split(",", -1)) {
            String[] words = part.strip().split("\\s+");
            if (words[0].isEmpty()) {
                return Optional.of("'" + columnList + "' has an empty entry");
            }
            if (words.length > 2 || (words.length == 2
                    && !words[1].equalsIgnoreCase("asc") && !words[1].equalsIgnoreCase("desc"))) {
                return Optional.of("'" + part.strip() + "' is not a column name with an optional ASC or DESC");
            }
        }
        return Optional.empty();
    }
}
