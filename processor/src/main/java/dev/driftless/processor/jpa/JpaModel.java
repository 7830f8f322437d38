package dev.driftless.processor.jpa;

import dev.driftless.diff.Renames;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.SchemaModel;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * What the entities say: the schema they map to, the renames they declare, and which element
 * maps each table and column, so that later stages report on the element a user edits.
 */
public record JpaModel(
        SchemaModel schema,
        Renames renames,
        Map<QualifiedName, Element> tableElements,
        Map<QualifiedName, Map<String, Element>> columnElements) {

    public JpaModel {
        tableElements = Map.copyOf(tableElements);
        columnElements = Map.copyOf(columnElements);
    }

    /** The same reading with another schema, e.g. one that adds the declared views. */
    public JpaModel withSchema(SchemaModel other) {
        return new JpaModel(other, renames, tableElements, columnElements);
    }

    /** The same reading with more elements behind relations, e.g. the classes that declare views. */
    public JpaModel withTableElements(Map<QualifiedName, ? extends Element> more) {
        var all = new java.util.HashMap<QualifiedName, Element>(tableElements);
        all.putAll(more);
        return new JpaModel(schema, renames, all, columnElements);
    }

    /** The field that maps a column, else the entity that maps its table. */
    public Optional<Element> elementOf(QualifiedName table, String column) {
        Element field = columnElements.getOrDefault(table, Map.of()).get(column);
        return Optional.ofNullable(field != null ? field : tableElements.get(table));
    }
}
