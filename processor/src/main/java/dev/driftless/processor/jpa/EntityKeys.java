package dev.driftless.processor.jpa;

import dev.driftless.model.ColumnType;
import dev.driftless.model.QualifiedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * What a join column needs to know about the entity it references: its table, its primary-key
 * columns, any of its columns by name, and whether a column is unique. The referenced entity may
 * be compiled now or come from the class path; it is read the same way. This reads quietly: the
 * referenced entity's own problems are reported when it is read as an entity, and the join column
 * reports what it cannot find.
 */
final class EntityKeys {

    /** A column another table can reference: its name and its type (an identity is not inherited). */
    record KeyColumn(String name, ColumnType type) {
        /** A column referring to a {@code serial} key is a plain {@code integer}, without a sequence of its own. */
        KeyColumn {
            type = type.plain();
        }
    }

    /** How deep join columns that reference join columns are followed. */
    private static final int MAX_DEPTH = 16;

    private final JpaAnnotations jpa;
    private final Types types;
    private final Map<String, List<KeyColumn>> primaryKeys = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    EntityKeys(JpaAnnotations jpa, Types types) {
        this.jpa = jpa;
        this.types = types;
    }

    /** The entity a relation points at: its {@code targetEntity}, else the attribute's type; empty if that is no entity. */
    Optional<TypeElement> target(PersistentAttribute attribute, RelationAnnotation relation) {
        TypeMirror type = relation.targetEntity().orElse(attribute.type());
        if (type instanceof DeclaredType declared && EntityClass.isEntity(declared.asElement(), jpa)) {
            return Optional.of((TypeElement) declared.asElement());
        }
        return Optional.empty();
    }

    /**
     * Whether rows of the entity are in one table a foreign key can reference: not so for the
     * abstract root of a table-per-class hierarchy, which has no table (Hibernate makes no key).
     */
    boolean isReferenceable(TypeElement entity) {
        EntityClass e = entity(entity);
        return !(e.strategy() == EntityClass.Strategy.TABLE_PER_CLASS && e.isAbstract());
    }

    QualifiedName tableName(TypeElement entity) {
        return entity(entity).tableName();
    }

    /**
     * The primary-key columns in declaration order; empty when they cannot be told (no {@code @Id},
     * an unmappable id type, a cycle of derived identities).
     */
    List<KeyColumn> primaryKey(TypeElement entity) {
        return primaryKey(entity, 0);
    }

    private List<KeyColumn> primaryKey(TypeElement entity, int depth) {
        String key = entity.getQualifiedName().toString();
        List<KeyColumn> known = primaryKeys.get(key);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH || !resolving.add(key)) {
            return List.of();
        }
        try {
            var columns = new ArrayList<KeyColumn>();
            EntityClass e = entity(entity);
            if (!e.isRoot() && e.strategy() == EntityClass.Strategy.JOINED && e.parent().isPresent()) {
                // A joined subclass's table is keyed by its parent's key, under the names
                // @PrimaryKeyJoinColumn gives.
                List<KeyColumn> parentKey = primaryKey(e.parent().get().element(), depth + 1);
                List<KeyColumn> result = KeyJoinColumns.of(parentKey, KeyJoinColumns.written(entity, jpa), jpa).stream()
                        .map(KeyJoinColumns.KeyJoin::column).toList();
                primaryKeys.put(key, result);
                return result;
            }
            Map<String, PersistentAttribute> derived = derivedIds(e.attributes(), jpa);
            for (PersistentAttribute attribute : e.attributes()) {
                if (jpa.has(attribute.element(), "EmbeddedId")) {
                    List<KeyColumn> embedded = embeddedKey(e, attribute, derived, depth);
                    if (embedded.isEmpty()) {
                        primaryKeys.put(key, List.of());
                        return List.of();
                    }
                    columns.addAll(embedded);
                } else if (jpa.has(attribute.element(), "Id")) {
                    // @MapsId on a relation: the id is the relation's join column.
                    Optional<KeyColumn> column = keyColumn(derived.getOrDefault("", attribute), depth);
                    if (column.isEmpty()) {
                        primaryKeys.put(key, List.of());
                        return List.of();
                    }
                    columns.add(column.get());
                }
            }
            List<KeyColumn> result = List.copyOf(columns);
            primaryKeys.put(key, result);
            return result;
        } finally {
            resolving.remove(key);
        }
    }

    /** The basic columns of an {@code @EmbeddedId}, with the overrides around it; empty if one cannot be told. */
    private List<KeyColumn> embeddedKey(EntityClass owner, PersistentAttribute id, Map<String, PersistentAttribute> derived,
            int depth) {
        if (!(id.type() instanceof DeclaredType d) || !jpa.has(d.asElement(), "Embeddable")) {
            return List.of();
        }
        AttributeOverrides overrides = AttributeOverrides.declaredOn(id.element(), jpa).under(id.overrides().inside(id.name()));
        var columns = new ArrayList<KeyColumn>();
        boolean property = jpa.find(d.asElement(), "Access").map(a -> a.constant("value", "FIELD").equals("PROPERTY"))
                .orElse(owner.propertyAccess());
        for (PersistentAttribute a : EntityClass.declaredAttributes((TypeElement) d.asElement(), id.type(), property, jpa,
                types, overrides, false)) {
            // @MapsId("attribute") on a relation: that part of the id is the relation's join column.
            Optional<KeyColumn> column = derived.containsKey(a.name()) ? keyColumn(derived.get(a.name()), depth)
                    : basicKeyColumn(a);
            if (column.isEmpty()) {
                return List.of();
            }
            columns.add(column.get());
        }
        return columns;
    }

    /**
     * The relations that carry the entity's id ({@code @MapsId}): by the id attribute they map, the
     * empty name for the whole (simple) id.
     */
    static Map<String, PersistentAttribute> derivedIds(List<PersistentAttribute> attributes, JpaAnnotations jpa) {
        var derived = new HashMap<String, PersistentAttribute>();
        for (PersistentAttribute a : attributes) {
            jpa.find(a.element(), "MapsId").ifPresent(m -> derived.put(m.string("value"), a));
        }
        return derived;
    }

    /** The column of this name, basic or join column. */
    Optional<KeyColumn> column(TypeElement entity, String name) {
        return column(entity, name, 0);
    }

    private Optional<KeyColumn> column(TypeElement entity, String name, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        for (PersistentAttribute attribute : entity(entity).attributes()) {
            if (columnName(attribute, depth).filter(name::equals).isPresent()) {
                return keyColumn(attribute, depth);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether PostgreSQL accepts a foreign key to this single column: it is the whole primary key,
     * or {@code @Column(unique)}, a one-to-one or unique join column, a one-column
     * {@code @UniqueConstraint} or a one-column unique {@code @Index}.
     */
    boolean isUnique(TypeElement entity, String column) {
        if (primaryKey(entity).stream().map(KeyColumn::name).toList().equals(List.of(column))) {
            return true;
        }
        EntityClass target = entity(entity);
        for (PersistentAttribute attribute : target.attributes()) {
            if (columnName(attribute, 0).filter(column::equals).isEmpty()) {
                continue;
            }
            Optional<RelationAnnotation> relation = RelationAnnotation.on(attribute.element(), jpa);
            if (relation.isPresent()
                    ? relation.get().isOneToOne() || JoinColumnAnnotation.on(attribute.element(), jpa).unique()
                    : attribute.column(jpa).unique()) {
                return true;
            }
        }
        TableAnnotation table = target.table();
        return table.uniqueConstraints().stream().anyMatch(u -> u.columnNames().equals(List.of(column)))
                || table.indexes().stream().anyMatch(i -> i.unique()
                        && i.columns().size() == 1 && i.columns().get(0).name().equals(column));
    }

    /** The column an attribute maps to, when it maps to one. */
    private Optional<String> columnName(PersistentAttribute attribute, int depth) {
        Optional<RelationAnnotation> relation = RelationAnnotation.on(attribute.element(), jpa);
        if (relation.isEmpty()) {
            return Optional.of(attribute.columnName(attribute.column(jpa), jpa.naming()));
        }
        if (!relation.get().ownsJoinColumn()) {
            return Optional.empty();
        }
        JoinColumnAnnotation join = attribute.joinColumn(jpa);
        if (!join.name().isEmpty()) {
            return Optional.of(jpa.naming().physical(join.name()));
        }
        return referenced(attribute, relation.get(), join, depth).map(r -> attribute.joinColumnName(join, r.name(), jpa.naming()));
    }

    private Optional<KeyColumn> keyColumn(PersistentAttribute attribute, int depth) {
        Optional<RelationAnnotation> relation = RelationAnnotation.on(attribute.element(), jpa);
        if (relation.isEmpty()) {
            return basicKeyColumn(attribute);
        }
        if (!relation.get().ownsJoinColumn()) {
            return Optional.empty();
        }
        JoinColumnAnnotation join = attribute.joinColumn(jpa);
        return referenced(attribute, relation.get(), join, depth)
                .map(r -> new KeyColumn(attribute.joinColumnName(join, r.name(), jpa.naming()), r.type()));
    }

    /** A basic attribute's column, typed as the table reading it types it; empty when it cannot be (the entity's own reading reports why). */
    private Optional<KeyColumn> basicKeyColumn(PersistentAttribute attribute) {
        ColumnAnnotation column = attribute.column(jpa);
        return new ColumnTypes(jpa, types).of(attribute, column).column()
                .map(t -> new KeyColumn(attribute.columnName(column, jpa.naming()), t.type()));
    }

    /** The column a join column references: {@code referencedColumnName}, else the target's one-column key. */
    private Optional<KeyColumn> referenced(PersistentAttribute attribute, RelationAnnotation relation,
            JoinColumnAnnotation join, int depth) {
        Optional<TypeElement> target = target(attribute, relation);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        if (!join.referencedColumnName().isEmpty()) {
            return column(target.get(), jpa.naming().physical(join.referencedColumnName()), depth + 1);
        }
        List<KeyColumn> key = primaryKey(target.get(), depth + 1);
        return key.size() == 1 ? Optional.of(key.get(0)) : Optional.empty();
    }

    private EntityClass entity(TypeElement element) {
        return new EntityClass(element, jpa, types);
    }
}
