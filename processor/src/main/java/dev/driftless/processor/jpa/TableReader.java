package dev.driftless.processor.jpa;

import dev.driftless.model.QualifiedName;
import dev.driftless.model.Table;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;

/**
 * Reads one entity into its table and the tables its attributes ask for, as Hibernate 7 maps them
 * on PostgreSQL, through readers that share one {@link ReadingContext}: {@link HierarchyTables}
 * (inheritance, discriminator, secondary tables), {@link AttributeReader} (attributes and basic
 * columns), {@link IdGeneration}, {@link JoinColumns}, {@link CollectionTables} and
 * {@link TableConstraints}. Every problem is reported on its element; an entity with a problem
 * gives no table, so no half-read table reaches the model. One instance reads one entity.
 */
final class TableReader {

    private final ReadingContext context;
    private final List<EntityClass> subclasses;
    private final HierarchyTables hierarchy;
    private final IdGeneration generation;
    private final TableConstraints constraints;
    private final AttributeReader attributes;

    /** @param subclasses for the root of a single-table hierarchy, its subclass entities, whose columns it holds */
    TableReader(JpaAnnotations jpa, Diagnostics diagnostics, EntityKeys keys, SequenceGenerators generators,
            Types types, EntityClass entity, List<EntityClass> subclasses) {
        this.context = new ReadingContext(jpa, diagnostics, keys, types, entity);
        this.subclasses = subclasses;
        this.hierarchy = new HierarchyTables(context);
        this.generation = new IdGeneration(context, generators);
        this.constraints = new TableConstraints(context);
        this.attributes = new AttributeReader(context, hierarchy, generation, new JoinColumns(context), constraints);
    }

    Optional<EntityTable> read() {
        Diagnostics diagnostics = context.diagnostics();
        JpaAnnotations jpa = context.jpa();
        EntityClass entity = context.entity();
        TypeElement element = context.element();
        TableParts main = context.main();
        int errorsBefore = diagnostics.errorCount();
        TableAnnotation table = entity.table();
        jpa.ddlOptions().check(element, element.getQualifiedName().toString(), diagnostics);
        for (TypeElement type : entity.hierarchy()) {
            if (jpa.has(type, "MappedSuperclass")) {
                // Its generators, whichever entity reads it first; its attributes are read with the entity's.
                jpa.ddlOptions().check(type, type.getQualifiedName().toString(), diagnostics);
            }
        }
        if (!hierarchy.isSupported()) {
            return Optional.empty();
        }
        hierarchy.declareSecondaryTables();
        EntityClass.Strategy strategy = entity.strategy();
        boolean joinedSubclass = !entity.isRoot() && strategy == EntityClass.Strategy.JOINED;
        if (joinedSubclass) {
            hierarchy.joinedKey();
        }
        attributes.readEntity(joinedSubclass ? entity.ownAttributes(false) : entity.attributes());
        if (strategy == EntityClass.Strategy.SINGLE_TABLE && !subclasses.isEmpty()
                || jpa.has(element, "DiscriminatorColumn")) {
            hierarchy.discriminator(subclasses);
        }
        for (EntityClass sub : subclasses) {
            jpa.ddlOptions().check(sub.element(), sub.element().getQualifiedName().toString(), diagnostics);
            hierarchy.declareSecondaryTables(sub.element());
        }
        for (EntityClass sub : subclasses) {
            attributes.readSubclass(sub, hierarchy.discriminatorValue(sub));
        }
        // The table's checks in the order Hibernate adds them, which numbers those it leaves unnamed:
        // each class's as it is bound (the root's @Table(check), each subclass's check of its rows),
        // then the classes' @Check.
        List<EntityClass> bound = HierarchyTables.bindingOrder(subclasses);
        constraints.tableChecks(element, main);
        for (EntityClass sub : bound) {
            hierarchy.subclassCheck(sub);
            constraints.tableChecks(sub.element(), main);
        }
        constraints.classChecks(element, main);
        bound.forEach(sub -> constraints.classChecks(sub.element(), main));
        hierarchy.keySecondaryTables();
        if (!joinedSubclass && !attributes.declaresId()) {
            diagnostics.report(Message.NO_ID, element, element.getQualifiedName());
        }
        constraints.uniqueConstraints(table);
        constraints.indexes(table);
        hierarchy.secondaryConstraints(constraints);
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        var extra = new ArrayList<>(hierarchy.secondaryTables());
        extra.addAll(attributes.collections().tables());
        var tables = new ArrayList<Table>();
        var declarations = new ArrayList<Declaration>();
        var columnElements = new HashMap<QualifiedName, Map<String, Element>>();
        String comment = !table.comment().isEmpty() ? table.comment() : context.hibernateComment(element);
        tables.add(main.build(comment, diagnostics));
        for (TableParts t : extra) {
            tables.add(t.build(null, diagnostics));
        }
        var all = new ArrayList<TableParts>(List.of(main));
        all.addAll(extra);
        for (TableParts t : all) {
            declarations.addAll(t.declarations);
            columnElements.put(t.name, Map.copyOf(t.columnElements));
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new EntityTable(element, tables, declarations, generation.sequences(), generation.idTables(), attributes.enumTypes(),
                columnElements, context.renames(), attributes.collections().foreignColumns()));
    }
}
