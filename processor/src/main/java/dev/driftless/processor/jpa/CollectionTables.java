package dev.driftless.processor.jpa;

import dev.driftless.model.CheckConstraint;
import dev.driftless.model.Column;
import dev.driftless.model.ColumnType;
import dev.driftless.model.ForeignKey;
import dev.driftless.model.Identity;
import dev.driftless.model.QualifiedName;
import dev.driftless.model.ReferentialAction;
import dev.driftless.model.UniqueConstraint;
import dev.driftless.processor.diagnostics.Diagnostics;
import dev.driftless.processor.diagnostics.Message;
import dev.driftless.processor.jpa.EntityKeys.KeyColumn;
import dev.driftless.processor.jpa.EntityTable.ForeignColumn;
import dev.driftless.sql.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The tables and columns an entity's collections ask for, with JPA's default names:
 * {@code @ElementCollection} (a collection table {@code <Entity>_<attribute>} keyed by
 * {@code <Entity>_<key>}), {@code @ManyToMany} and a {@code @OneToMany} without {@code mappedBy}
 * (a join table {@code <table>_<target table>}), or a {@code @OneToMany} with a {@code @JoinColumn}
 * (a column in the target's table). A Set gives its table a primary key of all its columns, a List
 * with an {@code @OrderColumn} the owner and the order, a Map the owner and the key; a bag has none.
 * The join table of a to-one with {@code @JoinTable} is read here too; {@link JoinTables} makes the
 * join tables' names and the columns that reference an entity's key.
 */
final class CollectionTables {

    private final ReadingContext context;
    private final AttributeReader attributes;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;
    private final EntityClass entity;
    private final TableParts owner;
    private final JoinTables joinTables;
    private final List<TableParts> tables = new ArrayList<>();
    private final List<ForeignColumn> foreignColumns = new ArrayList<>();

    /**
     * @param attributes reads the values of a collection (basic, embedded or relations) into its table
     * @param constraints reads the unique constraints and indexes a collection or join table declares
     */
    CollectionTables(ReadingContext context, AttributeReader attributes, TableConstraints constraints) {
        this.context = context;
        this.attributes = attributes;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.keys = context.keys();
        this.entity = context.entity();
        this.owner = context.main();
        this.joinTables = new JoinTables(context, constraints);
    }

    /** The collection and join tables read, in reading order. */
    List<TableParts> tables() {
        return List.copyOf(tables);
    }

    /** The join columns of one-to-many relations, which belong in their targets' tables. */
    List<ForeignColumn> foreignColumns() {
        return List.copyOf(foreignColumns);
    }

    private enum Shape { SET, LIST, MAP, BAG }

    private Shape shape(PersistentAttribute attribute) {
        String name = collectionName(attribute.type());
        if (name.equals("java.util.Map") || name.endsWith("Map")) {
            return Shape.MAP;
        }
        if (name.endsWith("Set")) {
            return Shape.SET;
        }
        if (jpa.has(attribute.element(), "OrderColumn")) {
            return Shape.LIST;
        }
        return Shape.BAG;
    }

    private static String collectionName(TypeMirror type) {
        return type instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : "";
    }

    /** The type argument at {@code index} of a collection or map type. */
    private Optional<TypeMirror> typeArgument(PersistentAttribute attribute, int index) {
        if (attribute.type() instanceof DeclaredType d && d.getTypeArguments().size() > index) {
            return Optional.of(d.getTypeArguments().get(index));
        }
        return Optional.empty();
    }

    void elementCollection(PersistentAttribute attribute) {
        Element field = attribute.element();
        Shape shape = shape(attribute);
        Optional<TypeMirror> value = jpa.find(field, "ElementCollection").flatMap(c -> c.type("targetClass"))
                .or(() -> typeArgument(attribute, shape == Shape.MAP ? 1 : 0));
        if (value.isEmpty()) {
            diagnostics.report(Message.NOT_A_COLLECTION, field, attribute.display(), attribute.type(), "@ElementCollection");
            return;
        }
        if (value.get() instanceof DeclaredType d && EntityClass.isEntity(d.asElement(), jpa)) {
            diagnostics.report(Message.ELEMENT_COLLECTION_OF_ENTITIES, field, attribute.display(), value.get());
            return;
        }
        Optional<AnnotationValues> annotation = jpa.find(field, "CollectionTable");
        String written = annotation.map(a -> a.string("name")).filter(s -> !s.isEmpty())
                .orElse(entity.entityName() + "_" + attribute.name());
        String schema = annotation.map(a -> a.string("schema")).orElse("");
        var table = new TableParts(new QualifiedName(jpa.naming().physical(schema), jpa.naming().table(written)), field,
                annotation.map(AnnotationValues::mirror).orElse(null), jpa.naming());
        List<AnnotationValues> joins = annotation.map(a -> a.annotations("joinColumns")).orElse(List.of());
        Optional<List<String>> ownerColumns = joinTables.ownerColumns(attribute, table, joins,
                annotation.flatMap(a -> a.annotation("foreignKey")), entity.entityName(), JoinColumns.onDelete(field, jpa));
        if (ownerColumns.isEmpty()) {
            return;
        }
        var key = new ArrayList<>(ownerColumns.get());
        if (shape == Shape.MAP) {
            Optional<String> mapKey = mapKey(attribute, table);
            if (mapKey.isEmpty()) {
                return;
            }
            key.add(mapKey.get());
        }
        int before = table.columns.size();
        PersistentAttribute element = new PersistentAttribute(field, value.get(), attribute.name(), attribute.owner(),
                attribute.overrides(), false);
        if (attributes.embeddable(element).isPresent()) {
            TypeElement embeddable = attributes.embeddable(element).get();
            AttributeOverrides overrides = AttributeOverrides.declaredOn(field, jpa);
            for (PersistentAttribute a : attributes.embeddedAttributes(embeddable, value.get(), overrides, false)) {
                attributes.readInto(a, table, false);
            }
        } else {
            Optional<Column> column = attributes.elementColumn(element, table);
            if (column.isEmpty()) {
                return;
            }
            table.addColumn(column.get(), attribute.display(), field, null, diagnostics);
        }
        var valueColumns = new ArrayList<>(table.columns.keySet()).subList(before, table.columns.size());
        if (shape == Shape.LIST) {
            key.add(orderColumn(attribute, table));
        }
        boolean keyed = shape != Shape.BAG;
        if (shape == Shape.SET) {
            // Hibernate keys a set by all its columns, when none of them allows null.
            key.addAll(valueColumns);
            keyed = valueColumns.stream().noneMatch(c -> table.columns.get(c).nullable());
            if (!keyed && jpa.hibernate().uniqueNullableSet()) {
                table.addUnique(new UniqueConstraint(table.derived(key, "key"), List.copyOf(key)), field, null, diagnostics);
            }
        }
        if (keyed) {
            table.primaryKey.addAll(key);
        }
        annotation.ifPresent(a -> joinTables.declaredConstraints(a, field, table));
        tables.add(table);
    }

    /**
     * The {@code @OrderColumn}: {@code <attribute>_ORDER integer NOT NULL}, checked to be {@code >= 0}
     * on the lines that check it.
     */
    private String orderColumn(PersistentAttribute attribute, TableParts table) {
        Optional<AnnotationValues> order = jpa.find(attribute.element(), "OrderColumn");
        String name = jpa.naming().physical(order.map(o -> o.string("name")).filter(s -> !s.isEmpty())
                .orElse(attribute.name() + "_ORDER"));
        table.addColumn(Column.of(name, "integer", false), attribute.display(), attribute.element(),
                order.map(AnnotationValues::mirror).orElse(null), diagnostics);
        if (jpa.hibernate().checksOrderColumn()) {
            table.addCheck(new CheckConstraint(table.derived(List.of(name), "check"), Identifiers.quote(name) + " >= 0"),
                    attribute.element(), null, diagnostics);
        }
        return name;
    }

    /**
     * The key column of a map: {@code @MapKeyColumn}, else {@code <attribute>_KEY}, typed as the
     * map's key (its type argument, or {@code @MapKeyClass}), or, for a key that is an entity, a
     * join column ({@code @MapKeyJoinColumn}) referencing that entity's table.
     */
    private Optional<String> mapKey(PersistentAttribute attribute, TableParts table) {
        Element field = attribute.element();
        Optional<TypeMirror> keyType = jpa.find(field, "MapKeyClass").flatMap(c -> c.type("value"))
                .or(() -> typeArgument(attribute, 0));
        if (keyType.isEmpty()) {
            diagnostics.report(Message.NOT_A_COLLECTION, field, attribute.display(), attribute.type(), "its map key");
            return Optional.empty();
        }
        if (keyType.get() instanceof DeclaredType d && EntityClass.isEntity(d.asElement(), jpa)) {
            return mapKeyJoin(attribute, table, (TypeElement) d.asElement());
        }
        Optional<AnnotationValues> mapKey = jpa.find(field, "MapKeyColumn");
        String name = mapKey.map(m -> m.string("name")).filter(s -> !s.isEmpty()).orElse(attribute.name() + "_KEY");
        ColumnAnnotation sized = mapKey.map(ColumnAnnotation::of).orElse(ColumnAnnotation.on(field, jpa))
                .withLength(mapKey.map(m -> m.integer("length", ColumnAnnotation.DEFAULT_LENGTH))
                        .orElse(ColumnAnnotation.DEFAULT_LENGTH));
        Optional<TypedColumn> typed = new ColumnTypes(jpa, context.types()).mapKey(attribute, sized, keyType.get())
                .reportTo(diagnostics);
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        String physical = jpa.naming().physical(name);
        AnnotationMirror at = mapKey.map(AnnotationValues::mirror).orElse(null);
        if (!table.addColumn(new Column(physical, typed.get().type(), false, null, Identity.NONE, null), attribute.display(),
                field, at, diagnostics)) {
            return Optional.empty();
        }
        typed.get().check().ifPresent(expression -> table.addCheck(new CheckConstraint(
                table.derived(List.of(physical), "check"),
                expression.replace("{column}", Identifiers.quote(physical))), field, at, diagnostics));
        typed.get().enumType().ifPresent(attributes::declareEnumType);
        return Optional.of(physical);
    }

    /** A map keyed by an entity: {@code @MapKeyJoinColumn}, else {@code <attribute>_KEY}, referencing its key. */
    private Optional<String> mapKeyJoin(PersistentAttribute attribute, TableParts table, TypeElement target) {
        Element field = attribute.element();
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            return Optional.empty(); // the target reports its missing id
        }
        Optional<AnnotationValues> join = jpa.find(field, "MapKeyJoinColumn");
        if (key.size() != 1) {
            diagnostics.report(Message.COMPOSITE_REFERENCE, field, join.map(AnnotationValues::mirror).orElse(null),
                    attribute.display() + " (its map key)", target.getQualifiedName(), key.size());
            return Optional.empty();
        }
        String name = jpa.naming().physical(join.map(j -> j.string("name")).filter(n -> !n.isEmpty())
                .orElse(attribute.name() + "_KEY"));
        AnnotationMirror at = join.map(AnnotationValues::mirror).orElse(null);
        if (!table.addColumn(new Column(name, key.get(0).type(), false, null, Identity.NONE, null), attribute.display(),
                field, at, diagnostics)) {
            return Optional.empty();
        }
        Optional<AnnotationValues> foreignKey = join.flatMap(j -> j.annotation("foreignKey"));
        List<String> definition = JoinColumnAnnotation.foreignKeyDefinition(foreignKey);
        if (!definition.isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, at, String.join(", ", definition), attribute.display(),
                    JoinTables.FOREIGN_KEY_DEFINITION_FIX);
            return Optional.empty();
        }
        if (keys.isReferenceable(target) && !JoinTables.noConstraint(foreignKey)) {
            table.addForeignKey(new ForeignKey(JoinTables.foreignKeyName(foreignKey, table, List.of(name)), List.of(name),
                    keys.tableName(target), List.of(key.get(0).name()), ReferentialAction.NO_ACTION), field, at, diagnostics);
        }
        return Optional.of(name);
    }

    /** A {@code @ManyToOne} or owning {@code @OneToOne} with {@code @JoinTable}: its join table ({@link JoinTables#toOne}). */
    void toOne(PersistentAttribute attribute, RelationAnnotation relation, boolean id, AttributeScope scope) {
        Optional<TableParts> table = joinTables.toOne(attribute, relation, id, scope);
        if (table.isEmpty()) {
            return;
        }
        // Hibernate joins such a table to the entity once: a second relation through it is refused at boot.
        String other = toOneTables.putIfAbsent(table.get().name, attribute.display());
        if (other != null) {
            diagnostics.report(Message.TO_ONE_JOIN_TABLE_SHARED, attribute.element(), table.get().mirror,
                    table.get().name, attribute.display(), other, entity.element().getQualifiedName());
            return;
        }
        tables.add(table.get());
    }

    /** The join tables of the entity's to-ones read so far, with the relation each is the table of. */
    private final Map<QualifiedName, String> toOneTables = new HashMap<>();

    void manyToMany(PersistentAttribute attribute, RelationAnnotation relation) {
        joinTable(attribute, relation, false);
    }

    /** A one-to-many without {@code mappedBy}: a join column in the target's table, or a join table. */
    void oneToMany(PersistentAttribute attribute, RelationAnnotation relation) {
        Element field = attribute.element();
        Optional<AnnotationValues> composite = jpa.find(field, "JoinColumns");
        if (composite.isPresent()) {
            // Hibernate puts them in the target's table, referencing the owner's composite key; no join table.
            Optional<TypeElement> target = target(attribute, relation);
            target.ifPresent(t -> diagnostics.report(Message.NOT_SUPPORTED_YET, field, composite.get().mirror(),
                    "@JoinColumns", attribute.display(), "a @OneToMany's join columns in the table of "
                            + t.getQualifiedName() + "; map the relation from that side, with a @ManyToOne and"
                            + " @OneToMany(mappedBy)"));
            return;
        }
        if (!jpa.has(field, "JoinColumn")) {
            joinTable(attribute, relation, true);
            return;
        }
        Optional<TypeElement> target = target(attribute, relation);
        if (target.isEmpty()) {
            return;
        }
        JoinColumnAnnotation join = JoinColumnAnnotation.on(field, jpa);
        if (!join.table().isEmpty()) {
            // Hibernate 6.6 and 7.x refuse every table here, the target's own and its secondary tables alike.
            diagnostics.report(Message.ONE_TO_MANY_JOIN_COLUMN_TABLE, field, join.mirror(), join.table(), attribute.display(),
                    target.get().getQualifiedName());
            return;
        }
        if (!join.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), String.join(", ", join.unsupported()),
                    attribute.display(), "leave it out");
            return;
        }
        List<KeyColumn> key = keys.primaryKey(entity.element());
        if (key.size() != 1) {
            if (!key.isEmpty()) {
                diagnostics.report(Message.COMPOSITE_REFERENCE, field, join.mirror(), attribute.display(),
                        entity.element().getQualifiedName(), key.size());
            }
            return;
        }
        if (!join.referencedColumnName().isEmpty()
                && !jpa.naming().physical(join.referencedColumnName()).equals(key.get(0).name())) {
            // Hibernate 7 references that column, 6.6 creates no foreign key at all.
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), "@JoinColumn(referencedColumnName)",
                    attribute.display(), "a @OneToMany's join column references the key of "
                            + entity.element().getQualifiedName() + " (" + key.get(0).name()
                            + "); leave referencedColumnName out");
            return;
        }
        ColumnType type = JoinColumns.typeOf(join, key.get(0).type(), attribute, diagnostics);
        if (type == null) {
            return;
        }
        String name = attribute.joinColumnName(join, key.get(0).name(), jpa.naming());
        QualifiedName targetTable = keys.tableName(target.get());
        jpa.naming().columnOf(targetTable, name);
        var column = new Column(name, type, join.nullable(), null, Identity.NONE, ReadingContext.comment(join.comment()));
        var reference = new ForeignKey(
                join.foreignKeyName().isEmpty() ? PostgresNames.derived(targetTable.name(), List.of(name), "fkey")
                        : PostgresNames.fold(join.foreignKeyName()),
                List.of(name), owner.name, List.of(key.get(0).name()), JoinColumns.onDelete(field, jpa));
        var unique = join.unique()
                ? new UniqueConstraint(PostgresNames.derived(targetTable.name(), List.of(name), "key"), List.of(name)) : null;
        foreignColumns.add(new ForeignColumn(targetTable, column, join.noConstraint() ? null : reference, reference, unique,
                attribute.display(), field, join.mirror()));
    }

    private Optional<TypeElement> target(PersistentAttribute attribute, RelationAnnotation relation) {
        Optional<TypeMirror> element = relation.targetEntity().or(() -> typeArgument(attribute, shape(attribute) == Shape.MAP ? 1 : 0));
        if (element.isPresent() && element.get() instanceof DeclaredType d && EntityClass.isEntity(d.asElement(), jpa)) {
            return Optional.of((TypeElement) d.asElement());
        }
        diagnostics.report(Message.NOT_AN_ENTITY, attribute.element(), relation.mirror(), relation.display(),
                attribute.display(), element.map(Object::toString).orElse(attribute.type().toString()));
        return Optional.empty();
    }

    /**
     * The join table of a {@code @ManyToMany} or a unidirectional {@code @OneToMany}:
     * {@code @JoinTable}, else {@code <owner table>_<target table>} with the columns
     * {@code <owner entity>_<key>} (or, for a many-to-many the other side maps back, that side's
     * attribute) and {@code <attribute>_<target key>}. A one-to-many's target columns are unique.
     */
    private void joinTable(PersistentAttribute attribute, RelationAnnotation relation, boolean oneToMany) {
        Element field = attribute.element();
        Optional<TypeElement> target = target(attribute, relation);
        if (target.isEmpty()) {
            return;
        }
        QualifiedName targetTable = keys.tableName(target.get());
        Optional<AnnotationValues> annotation = jpa.find(field, "JoinTable");
        TableParts table = joinTables.table(field, annotation, targetTable);
        String ownerPrefix = oneToMany ? entity.entityName() : inverseAttribute(attribute, target.get()).orElse(entity.entityName());
        Optional<List<String>> ownerColumns = joinTables.ownerColumns(attribute, table,
                annotation.map(a -> a.annotations("joinColumns")).orElse(List.of()),
                annotation.flatMap(a -> a.annotation("foreignKey")), ownerPrefix, JoinColumns.onDelete(field, jpa));
        if (ownerColumns.isEmpty()) {
            return;
        }
        Optional<List<String>> targetColumns = joinTables.referencing(attribute, table,
                annotation.map(a -> a.annotations("inverseJoinColumns")).orElse(List.of()),
                annotation.flatMap(a -> a.annotation("inverseForeignKey")), attribute.name(),
                target.get(), targetTable, ReferentialAction.NO_ACTION);
        if (targetColumns.isEmpty()) {
            return;
        }
        Shape shape = shape(attribute);
        boolean keyedByTarget = oneToMany && shape == Shape.SET && jpa.hibernate().keysOneToManySetByTarget();
        if (oneToMany && !keyedByTarget) {
            table.addUnique(new UniqueConstraint(table.derived(targetColumns.get(), "key"),
                    targetColumns.get()), field, relation.mirror(), diagnostics);
        }
        var key = new ArrayList<>(ownerColumns.get());
        if (shape == Shape.LIST) {
            key.add(orderColumn(attribute, table));
        } else if (keyedByTarget) {
            key.clear();
            key.addAll(targetColumns.get());
        } else if (shape == Shape.SET) {
            key.addAll(targetColumns.get());
        } else if (shape == Shape.MAP) {
            Optional<String> mapKey = mapKey(attribute, table);
            if (mapKey.isEmpty()) {
                return;
            }
            key.add(mapKey.get());
        }
        if (shape != Shape.BAG) {
            table.primaryKey.addAll(key);
        }
        annotation.ifPresent(a -> joinTables.declaredConstraints(a, field, table));
        tables.add(table);
    }

    /** The attribute of the target that maps this many-to-many back ({@code mappedBy} naming this one). */
    private Optional<String> inverseAttribute(PersistentAttribute attribute, TypeElement target) {
        for (PersistentAttribute a : new EntityClass(target, jpa, context.types()).attributes()) {
            Optional<RelationAnnotation> r = RelationAnnotation.on(a.element(), jpa);
            if (r.isPresent() && r.get().kind().equals("ManyToMany") && r.get().mappedBy().equals(attribute.name())) {
                return Optional.of(a.name());
            }
        }
        return Optional.empty();
    }
}
