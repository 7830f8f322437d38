package dev.driftless.processor.views;

import dev.driftless.model.Index;
import dev.driftless.model.IndexColumn;
import dev.driftless.model.NameLimit;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import dev.driftless.model.Table;
import dev.driftless.model.View;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @dev.driftless.annotations.View} classes into the model's views. The annotation is
 * read through its mirror by name, like JPA. An unquoted name is folded to lower case as PostgreSQL
 * folds it; a name in double quotes keeps its case.
 */
public final class ViewReader {

    public static final String ANNOTATION = "dev.driftless.annotations.View";
    private static final List<String> TABLE_ANNOTATIONS = List.of("jakarta.persistence.Table", "javax.persistence.Table");

    private final Diagnostics diagnostics;
    private final Map<QualifiedName, TypeElement> elements = new HashMap<>();

    public ViewReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Whether the class carries {@code @View}. */
    public static boolean isView(TypeElement type) {
        return mirror(type, List.of(ANNOTATION)).isPresent();
    }

    /** The views the classes declare, checked against each other and against the model's tables. */
    public List<View> read(List<TypeElement> classes, SchemaModel tables) {
        return withoutTableNames(read(classes), tables);
    }

    /**
     * The views the classes declare, checked against each other: read before the entities' tables
     * are, so that the names the server derives for those avoid the views' ({@link #withoutTableNames}
     * then checks them against the tables).
     */
    public List<View> read(List<TypeElement> classes) {
        var views = new ArrayList<View>();
        var owners = new HashMap<QualifiedName, TypeElement>();
        for (TypeElement type : classes) {
            AnnotationMirror mirror = mirror(type, List.of(ANNOTATION)).orElseThrow();
            Map<String, Object> values = values(mirror);
            String name = (String) values.getOrDefault("name", "");
            if (name.isBlank()) {
                name = mirror(type, TABLE_ANNOTATIONS).map(t -> (String) values(t).getOrDefault("name", "")).orElse("");
            }
            String query = (String) values.getOrDefault("query", "");
            if (name.isBlank()) {
                diagnostics.report(Message.VIEW_INVALID, type, mirror, type.getQualifiedName(),
                        "it has no name: give @View(name = \"...\")");
                continue;
            }
            if (query.isBlank() || query.strip().replace(";", "").isBlank()) {
                diagnostics.report(Message.VIEW_INVALID, type, mirror, type.getQualifiedName(),
                        "its query is empty: give the SELECT the view stands for");
                continue;
            }
            var qualified = new QualifiedName(fold((String) values.getOrDefault("schema", "")), fold(name));
            TypeElement other = owners.putIfAbsent(qualified, type);
            if (other != null) {
                diagnostics.report(Message.VIEW_NAME_TAKEN, type, mirror, qualified, "the view of " + other.getQualifiedName());
                continue;
            }
            boolean materialized = Boolean.TRUE.equals(values.get("materialized"));
            Optional<List<Index>> indexes = indexes(type, qualified, materialized);
            if (indexes.isPresent()) {
                views.add(new View(qualified, query, materialized, indexes.get()));
                elements.put(qualified, type);
            }
        }
        return views;
    }

    /** The views whose names no table of the model has; a view that has one is reported. */
    public List<View> withoutTableNames(List<View> views, SchemaModel tables) {
        var out = new ArrayList<View>();
        for (View v : views) {
            Optional<Table> table = tables.table(v.name());
            if (table.isPresent()) {
                TypeElement type = elements.remove(v.name());
                diagnostics.report(Message.VIEW_NAME_TAKEN, type, mirror(type, List.of(ANNOTATION)).orElseThrow(), v.name(),
                        "a table");
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** The class that declares each view read, so that a change to the view is reported on it. */
    public Map<QualifiedName, TypeElement> elements() {
        return Map.copyOf(elements);
    }

    /**
     * The indexes {@code @Table(indexes)} gives a materialized view, named as PostgreSQL names
     * them when no name is given ({@code <view>_<columns>_idx}); empty after an error: an index on a
     * view that is not materialized, a unique constraint (a materialized view has no constraints:
     * a unique index is what {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} needs), an unreadable
     * column list, two indexes of one name.
     */
    private Optional<List<Index>> indexes(TypeElement type, QualifiedName view, boolean materialized) {
        Optional<AnnotationMirror> table = mirror(type, TABLE_ANNOTATIONS);
        if (table.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<String, Object> values = values(table.get());
        if (values.get("uniqueConstraints") instanceof List<?> uniques && !uniques.isEmpty()) {
            diagnostics.report(Message.VIEW_INVALID, type, table.get(), type.getQualifiedName(),
                    "a view has no constraints, so @Table(uniqueConstraints) cannot be created: on a materialized view "
                            + "declare @Index(columnList = \"...\", unique = true) in @Table(indexes) instead");
            return Optional.empty();
        }
        var out = new ArrayList<Index>();
        var names = new java.util.HashSet<String>();
        List<?> declared = values.get("indexes") instanceof List<?> l ? l : List.of();
        if (!declared.isEmpty() && !materialized) {
            diagnostics.report(Message.VIEW_INVALID, type, table.get(), type.getQualifiedName(),
                    "only a materialized view has indexes: make it @View(materialized = true, ...) or remove "
                            + "@Table(indexes)");
            return Optional.empty();
        }
        for (Object value : declared) {
            AnnotationMirror index = (AnnotationMirror) ((AnnotationValue) value).getValue();
            Map<String, Object> attributes = values(index);
            String columnList = (String) attributes.getOrDefault("columnList", "");
            Optional<List<IndexColumn>> columns = columns(columnList);
            if (columns.isEmpty()) {
                diagnostics.report(Message.VIEW_INVALID, type, index, type.getQualifiedName(),
                        "@Index(columnList = \"" + columnList + "\") is not a list of column names, each with an "
                                + "optional ASC or DESC");
                return Optional.empty();
            }
            String given = (String) attributes.getOrDefault("name", "");
            String name = given.isBlank()
                    ? NameLimit.derived(view.name(), columns.get().stream().map(IndexColumn::name).toList(), "idx")
                    : fold(given);
            if (!names.add(name)) {
                diagnostics.report(Message.VIEW_INVALID, type, index, type.getQualifiedName(),
                        "two of its indexes are named " + name + ": give one another @Index(name)");
                return Optional.empty();
            }
            out.add(new Index(name, columns.get(), Boolean.TRUE.equals(attributes.get("unique"))));
        }
        return Optional.of(out);
    }

    /** The columns of JPA's {@code columnList} ({@code "a, b DESC"}), named as PostgreSQL folds them. */
    private static Optional<List<IndexColumn>> columns(String columnList) {
        var columns = new ArrayList<IndexColumn>();
        for (String part : columnList.split(",", -1)) {
            String[] words = part.strip().split("\\s+");
            if (words[0].isEmpty() || words.length > 2
                    || words.length == 2 && !words[1].equalsIgnoreCase("asc") && !words[1].equalsIgnoreCase("desc")) {
                return Optional.empty();
            }
            columns.add(new IndexColumn(fold(words[0]), words.length == 2 && words[1].equalsIgnoreCase("desc")));
        }
        return Optional.of(columns);
    }

    private static String fold(String name) {
        String n = name.strip();
        if (n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")) {
            return n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static Optional<AnnotationMirror> mirror(Element element, List<String> names) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            String name = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
            if (names.contains(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The attributes that were written (defaults are those of the annotation's declaration). */
    private static Map<String, Object> values(AnnotationMirror mirror) {
        var out = new HashMap<String, Object>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
        }
        return out;
    }
}
