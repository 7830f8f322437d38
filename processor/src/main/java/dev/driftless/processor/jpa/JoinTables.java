package dev.driftless.processor.jpa;

import dev.driftless.model.Column;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The tables a relation or a collection is mapped through, keyed by the owner's key: the table
 * {@code @JoinTable} names (else {@code <owner table>_<target table>}), the columns in it or in a
 * collection table that reference an entity's key, with their foreign key, and the unique
 * constraints and indexes such a table declares. A {@code @ManyToOne} or an owning
 * {@code @OneToOne} with {@code @JoinTable} is mapped here too, as Hibernate maps it: a table keyed
 * by the owner's key columns, with the target's key beside them.
 */
final class JoinTables {

    private final ReadingContext context;
    private final TableConstraints constraints;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;
    private final TableParts owner;

    JoinTables(ReadingContext context, TableConstraints constraints) {
        this.context = context;
        this.constraints = constraints;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.keys = context.keys();
        this.owner = context.main();
    }

    /** What to do about a {@code @ForeignKey(foreignKeyDefinition)}, which this version does not read. */
    static final String FOREIGN_KEY_DEFINITION_FIX = "leave foreignKeyDefinition out, and the foreign key is made from the "
            + "mapping (named by @ForeignKey(name) if given)";

    /**
     * The table of {@code @JoinTable} on the attribute: the name it gives, else
     * {@code <owner table>_<target table>}, spelt with the tables' names as Hibernate spelt them.
     */
    TableParts table(Element field, Optional<AnnotationValues> annotation, QualifiedName targetTable) {
        Optional<String> given = annotation.map(a -> a.string("name")).filter(s -> !s.isEmpty());
        String written = given.orElse(owner.name.name() + "_" + targetTable.name());
        String schema = annotation.map(a -> a.string("schema")).orElse("");
        String physical = given.isPresent() ? jpa.naming().table(written) : jpa.naming().implicitTable(written,
                jpa.naming().spelling(owner.name.name()) + "_" + jpa.naming().spelling(targetTable.name()));
        return new TableParts(new QualifiedName(jpa.naming().physical(schema), physical), field,
                annotation.map(AnnotationValues::mirror).orElse(null), jpa.naming());
    }

    /** The name {@code @ForeignKey(name)} gives, else PostgreSQL's default for these columns. */
    static String foreignKeyName(Optional<AnnotationValues> foreignKey, TableParts table, List<String> columns) {
        String given = foreignKey.map(f -> f.string("name")).orElse("");
        return given.isEmpty() ? table.derived(columns, "fkey") : PostgresNames.fold(given);
    }

    /** Whether {@code @ForeignKey(NO_CONSTRAINT)} asks for no constraint. */
    static boolean noConstraint(Optional<AnnotationValues> foreignKey) {
        return foreignKey.map(f -> f.constant("value", "PROVIDER_DEFAULT")).orElse("").equals("NO_CONSTRAINT");
    }

    /**
     * The columns that reference the owner's key from a collection or join table, NOT NULL, with
     * their foreign key: named by the given join columns, else {@code <prefix>_<key column>}.
     */
    Optional<List<String>> ownerColumns(PersistentAttribute attribute, TableParts table,
            List<AnnotationValues> joins, Optional<AnnotationValues> foreignKey, String prefix, ReferentialAction onDelete) {
        return referencing(attribute, table, joins, foreignKey, prefix, context.entity().element(), owner.name, onDelete);
    }

    /**
     * @param foreignKey the {@code @ForeignKey} of the collection or join table for these columns
     *     ({@code foreignKey} or {@code inverseForeignKey}); when it is absent, the first join
     *     column's own {@code foreignKey}
     */
    Optional<List<String>> referencing(PersistentAttribute attribute, TableParts table,
            List<AnnotationValues> joins, Optional<AnnotationValues> foreignKey, String prefix, TypeElement target,
            QualifiedName targetTable, ReferentialAction onDelete) {
        var definitions = new ArrayList<>(JoinColumnAnnotation.foreignKeyDefinition(foreignKey));
        joins.forEach(j -> definitions.addAll(JoinColumnAnnotation.foreignKeyDefinition(j.annotation("foreignKey"))));
        if (!definitions.isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, attribute.element(),
                    foreignKey.map(AnnotationValues::mirror).orElse(table.mirror),
                    String.join(", ", definitions), attribute.display(), FOREIGN_KEY_DEFINITION_FIX);
            return Optional.empty();
        }
        Optional<AnnotationValues> constraint = foreignKey
                .or(() -> joins.stream().map(j -> j.annotation("foreignKey")).flatMap(Optional::stream).findFirst());
        return columns(attribute, table, joins, key -> prefix + "_" + key, false, target, targetTable, constraint, onDelete);
    }

    /**
     * Columns referencing the key of {@code target}, one per key column, named by the join column at
     * its place or else by {@code implied} from the key column's name, with one foreign key over them
     * (unless {@code constraint} says {@code NO_CONSTRAINT}).
     */
    private Optional<List<String>> columns(PersistentAttribute attribute, TableParts table, List<AnnotationValues> joins,
            UnaryOperator<String> implied, boolean nullable, TypeElement target, QualifiedName targetTable,
            Optional<AnnotationValues> constraint, ReferentialAction onDelete) {
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            return Optional.empty(); // the target reports its missing id
        }
        var names = new ArrayList<String>();
        for (int i = 0; i < key.size(); i++) {
            KeyColumn k = key.get(i);
            String written = i < joins.size() && !joins.get(i).string("name").isEmpty()
                    ? joins.get(i).string("name") : implied.apply(k.name());
            String name = jpa.naming().physical(written);
            AnnotationMirror at = i < joins.size() ? joins.get(i).mirror() : null;
            if (!table.addColumn(new Column(name, k.type(), nullable, null, Identity.NONE, null), attribute.display(),
                    attribute.element(), at, diagnostics)) {
                return Optional.empty();
            }
            names.add(name);
        }
        if (keys.isReferenceable(target) && !noConstraint(constraint)) {
            table.addForeignKey(new ForeignKey(foreignKeyName(constraint, table, names), names, targetTable,
                    key.stream().map(KeyColumn::name).toList(), onDelete), attribute.element(),
                    constraint.map(AnnotationValues::mirror).orElse(null), diagnostics);
        }
        return Optional.of(names);
    }

    /**
     * The {@code uniqueConstraints} and {@code indexes} of a {@code @CollectionTable} or
     * {@code @JoinTable}, on its table as on an entity's for {@code @Table}: Hibernate creates them.
     */
    void declaredConstraints(AnnotationValues annotation, Element field, TableParts table) {
        uniqueConstraints(annotation, field, table);
        constraints.indexes(annotation.annotations("indexes").stream()
                .map(i -> IndexAnnotation.of(i, jpa.naming())).toList(), field, table);
    }

    private void uniqueConstraints(AnnotationValues annotation, Element field, TableParts table) {
        constraints.uniqueConstraints(annotation.annotations("uniqueConstraints").stream()
                .map(u -> UniqueConstraintAnnotation.of(u, jpa.naming())).toList(), field, table);
    }

    /**
     * The join table of a {@code @ManyToOne} or an owning {@code @OneToOne} with {@code @JoinTable},
     * as Hibernate 6.6 to 7.4 map it (a join of the owner's, like a secondary table): keyed by the
     * owner's key columns ({@code joinColumns}, else named as the owner's key columns), referencing
     * the owner's table, and the columns referencing the target's key ({@code inverseJoinColumns},
     * else {@code <attribute>_<target key column>}, their foreign key taking Hibernate's
     * {@code @OnDelete}), nullable while the relation is optional and not {@code @NotNull} (NOT
     * NULL on 7.4 whatever it says), unique for a one-to-one. Hibernate creates both foreign keys
     * whatever {@code @ForeignKey} says, with names of its own, and none of the table's
     * {@code indexes}; they are ignored, with a warning. Refused: such a relation that is (part of)
     * the id, that is in an embeddable, or that has join columns of its own.
     *
     * @return the table, or empty when the relation is reported
     */
    Optional<TableParts> toOne(PersistentAttribute attribute, RelationAnnotation relation, boolean id, AttributeScope scope) {
        Element field = attribute.element();
        AnnotationValues annotation = jpa.find(field, "JoinTable").orElseThrow();
        String why = null;
        if (id || scope.id()) {
            why = "a to-one through a join table that is (part of) the id; map the relation with a @JoinColumn instead";
        } else if (scope.depth() > 0) {
            why = "a to-one through a join table in an embeddable; map the relation with a @JoinColumn, or move it "
                    + "into the entity";
        } else if (jpa.has(field, "JoinColumn") || jpa.has(field, "JoinColumns")) {
            why = "a to-one with both @JoinColumn and @JoinTable; name the join table's columns with "
                    + "@JoinTable(joinColumns, inverseJoinColumns), or leave @JoinTable out";
        }
        if (why != null) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, annotation.mirror(), "@JoinTable", attribute.display(), why);
            return Optional.empty();
        }
        Optional<TypeElement> target = keys.target(attribute, relation);
        if (target.isEmpty()) {
            diagnostics.report(Message.NOT_AN_ENTITY, field, relation.mirror(), relation.display(), attribute.display(),
                    relation.targetEntity().orElse(attribute.type()));
            return Optional.empty();
        }
        ignored(attribute, annotation, relation);
        QualifiedName targetTable = keys.tableName(target.get());
        TableParts table = table(field, Optional.of(annotation), targetTable);
        Optional<List<String>> ownerColumns = columns(attribute, table, annotation.annotations("joinColumns"),
                UnaryOperator.identity(), false, context.entity().element(), owner.name, Optional.empty(),
                ReferentialAction.NO_ACTION);
        if (ownerColumns.isEmpty()) {
            return Optional.empty();
        }
        // As a join column: Bean Validation's @NotNull makes them NOT NULL, a single-table subclass (7.x) nullable.
        boolean nullable = !jpa.hibernate().requiresToOneJoinTableTarget() && !BeanValidation.notNull(field)
                && (relation.optional() || scope.forcedNullable() && jpa.hibernate().checksSingleTableRows());
        Optional<List<String>> targetColumns = columns(attribute, table, annotation.annotations("inverseJoinColumns"),
                key -> attribute.name() + "_" + key, nullable, target.get(), targetTable, Optional.empty(),
                JoinColumns.onDelete(field, jpa));
        if (targetColumns.isEmpty()) {
            return Optional.empty();
        }
        table.primaryKey.addAll(ownerColumns.get());
        if (relation.isOneToOne()) {
            table.addUnique(new UniqueConstraint(table.derived(targetColumns.get(), "key"), targetColumns.get()),
                    field, relation.mirror(), diagnostics);
        }
        uniqueConstraints(annotation, field, table);
        return Optional.of(table);
    }

    /** Whether a {@code @ForeignKey} asks for anything: a name, no constraint, or a definition. */
    private static boolean asks(Optional<AnnotationValues> foreignKey) {
        return foreignKey.isPresent() && (!foreignKey.get().string("name").isEmpty() || noConstraint(foreignKey)
                || !foreignKey.get().string("foreignKeyDefinition").isEmpty());
    }

    /** Warns of what Hibernate passes over on a to-one's join table: its indexes, and every {@code @ForeignKey}. */
    private void ignored(PersistentAttribute attribute, AnnotationValues annotation, RelationAnnotation relation) {
        String relationName = "@" + relation.kind();
        if (!annotation.annotations("indexes").isEmpty()) {
            diagnostics.report(Message.TO_ONE_JOIN_TABLE_IGNORED, attribute.element(), annotation.mirror(),
                    "@JoinTable(indexes)", attribute.display(), "creates no index of a " + relationName + "'s join table");
        }
        var foreignKeys = new ArrayList<String>();
        for (String member : List.of("foreignKey", "inverseForeignKey")) {
            if (asks(annotation.annotation(member))) {
                foreignKeys.add("@JoinTable(" + member + ")");
            }
        }
        for (String member : List.of("joinColumns", "inverseJoinColumns")) {
            if (annotation.annotations(member).stream().anyMatch(j -> asks(j.annotation("foreignKey")))) {
                foreignKeys.add("@JoinColumn(foreignKey) of @JoinTable(" + member + ")");
            }
        }
        if (!foreignKeys.isEmpty()) {
            diagnostics.report(Message.TO_ONE_JOIN_TABLE_IGNORED, attribute.element(), annotation.mirror(),
                    String.join(", ", foreignKeys), attribute.display(), "creates both foreign keys of a " + relationName
                            + "'s join table whatever @ForeignKey says, with names of its own");
        }
    }
}
