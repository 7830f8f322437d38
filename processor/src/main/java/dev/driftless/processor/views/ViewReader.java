package dev.driftless.processor.views;

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

    public ViewReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Whether the class carries {@code @View}. */
    public static boolean isView(TypeElement type) {
        return mirror(type, List.of(ANNOTATION)).isPresent();
    }

    /** The views the classes declare, checked against each other and against the model's tables. */
    public List<View> read(List<TypeElement> classes, SchemaModel tables) {
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
            Optional<Table> table = tables.table(qualified);
            TypeElement other = owners.putIfAbsent(qualified, type);
            if (table.isPresent() || other != null) {
                diagnostics.report(Message.VIEW_NAME_TAKEN, type, mirror, qualified,
                        table.isPresent() ? "a table" : "the view of " + other.getQualifiedName());
                continue;
            }
            views.add(new View(qualified, query, Boolean.TRUE.equals(values.get("materialized"))));
        }
        return views;
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
