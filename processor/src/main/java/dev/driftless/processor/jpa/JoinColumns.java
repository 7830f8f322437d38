package dev.driftless.processor.jpa;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The join columns of a {@code @ManyToOne} or an owning {@code @OneToOne}, in the table the
 * attribute is read into: typed as the columns they reference, with their foreign key, unique for a
 * one-to-one.
 */
final class JoinColumns {

    private final ReadingContext context;
    private final JpaAnnotations jpa;
    private final Diagnostics diagnostics;
    private final EntityKeys keys;

    JoinColumns(ReadingContext context) {
        this.context = context;
        this.jpa = context.jpa();
        this.diagnostics = context.diagnostics();
        this.keys = context.keys();
    }

    /**
     * The join columns of a {@code @ManyToOne} or owning {@code @OneToOne}: typed as the columns they
     * reference (the target's key, or {@code referencedColumnName}), with a foreign key to them,
     * unique for a one-to-one. A composite key gives one column per key column,
     * {@code <attribute>_<key column>}.
     */
    void read(PersistentAttribute attribute, RelationAnnotation relation, boolean id, AttributeScope scope) {
        Element field = attribute.element();
        TableParts into = scope.into();
        Optional<TypeElement> target = keys.target(attribute, relation);
        if (target.isEmpty()) {
            diagnostics.report(Message.NOT_AN_ENTITY, field, relation.mirror(), relation.display(), attribute.display(),
                    relation.targetEntity().orElse(attribute.type()));
            context.unread(jpa.naming().physical(attribute.joinColumn(jpa).name()));
            return;
        }
        List<JoinColumnAnnotation> joins = composite(field, jpa);
        if (!joins.isEmpty()) {
            compositeJoinColumns(attribute, relation, joins, target.get(), id, scope);
            return;
        }
        JoinColumnAnnotation join = attribute.joinColumn(jpa);
        if (!join.unsupported().isEmpty()) {
            diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), String.join(", ", join.unsupported()),
                    attribute.display(), "leave it out");
            return;
        }
        AnnotationMirror mirror = join.mirror() != null ? join.mirror() : relation.mirror();
        Optional<List<KeyColumn>> referenced = referenced(attribute, relation, join, target.get(), mirror);
        if (referenced.isEmpty()) {
            context.unread(jpa.naming().physical(join.name()));
            return;
        }
        List<KeyColumn> targetColumns = referenced.get();
        boolean explicit = !join.nullable() || BeanValidation.notNull(field);
        // Hibernate 6.6 keeps a required association NOT NULL in a single-table subclass too.
        boolean nullable = !id && !explicit && (relation.optional()
                || scope.forcedNullable() && jpa.hibernate().checksSingleTableRows());
        var names = new ArrayList<String>();
        for (KeyColumn k : targetColumns) {
            String name = targetColumns.size() == 1 ? attribute.joinColumnName(join, k.name(), jpa.naming())
                    : jpa.naming().physical(attribute.name() + "_" + k.name());
            ColumnType type = typeOf(join, k, attribute);
            if (type == null) {
                return;
            }
            var column = new Column(name, type, nullable, null, Identity.NONE, ReadingContext.comment(join.comment()));
            if (!into.addColumn(column, attribute.display(), field, mirror, diagnostics)) {
                return;
            }
            if (into == context.main() && targetColumns.size() == 1) {
                // @RenamedFrom on a relation names the join column's previous name.
                RenamedFromAnnotation.on(field).ifPresent(r -> context.rename(name, r.oldName()));
            }
            if (id) {
                into.primaryKey.add(name);
            }
            if (!id && !explicit && !relation.optional() && scope.subclassValue() != null) {
                context.requireInSubclass(scope.subclassValue(), name, field);
            }
            names.add(name);
        }
        // A primary key is unique already: a one-to-one that is the id gets no unique constraint of its own.
        if ((relation.isOneToOne() || join.unique()) && !id) {
            into.addUnique(new UniqueConstraint(into.derived(names, "key"), names),
                    field, mirror, diagnostics);
        }
        if (!join.noConstraint() && keys.isReferenceable(target.get())) {
            String fkName = join.foreignKeyName().isEmpty()
                    ? into.derived(names, "fkey")
                    : PostgresNames.fold(join.foreignKeyName());
            into.addForeignKey(new ForeignKey(fkName, names, keys.tableName(target.get()),
                    targetColumns.stream().map(KeyColumn::name).toList(), onDelete(field, jpa)), field, mirror, diagnostics);
        }
    }

    /** The {@code @JoinColumn}s of {@code @JoinColumns} on the element; empty without it. */
    static List<JoinColumnAnnotation> composite(Element field, JpaAnnotations jpa) {
        return jpa.find(field, "JoinColumns")
                .map(v -> v.annotations("value").stream().map(JoinColumnAnnotation::of).toList()).orElse(List.of());
    }

    /** The join columns written for a to-one: those of {@code @JoinColumns}, else its {@code @JoinColumn} (or JPA's defaults). */
    static List<JoinColumnAnnotation> written(PersistentAttribute attribute, JpaAnnotations jpa) {
        List<JoinColumnAnnotation> joins = composite(attribute.element(), jpa);
        return joins.isEmpty() ? List.of(attribute.joinColumn(jpa)) : joins;
    }

    /**
     * {@code @JoinColumns}: one column per column of the target's key (or per
     * {@code referencedColumnName}), named as written, with one foreign key over them all.
     */
    private void compositeJoinColumns(PersistentAttribute attribute, RelationAnnotation relation,
            List<JoinColumnAnnotation> joins, TypeElement target, boolean id, AttributeScope scope) {
        Element field = attribute.element();
        TableParts into = scope.into();
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            diagnostics.report(Message.TARGET_WITHOUT_KEY, field, relation.mirror(), attribute.display(),
                    target.getQualifiedName());
            return;
        }
        for (JoinColumnAnnotation join : joins) {
            if (!join.unsupported().isEmpty()) {
                diagnostics.report(Message.NOT_SUPPORTED_YET, field, join.mirror(), String.join(", ", join.unsupported()),
                        attribute.display(), "leave it out");
                return;
            }
        }
        var names = new ArrayList<String>();
        var referenced = new ArrayList<String>();
        boolean nullable = !id && relation.optional() && joins.stream().allMatch(JoinColumnAnnotation::nullable);
        for (int i = 0; i < joins.size(); i++) {
            JoinColumnAnnotation join = joins.get(i);
            KeyColumn k;
            if (!join.referencedColumnName().isEmpty()) {
                String name = jpa.naming().physical(join.referencedColumnName());
                Optional<KeyColumn> found = key.stream().filter(c -> c.name().equals(name)).findFirst();
                if (found.isEmpty()) {
                    diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, join.mirror(),
                            join.referencedColumnName(), attribute.display(), keys.tableName(target));
                    return;
                }
                k = found.get();
            } else if (i < key.size()) {
                k = key.get(i);
            } else {
                break;
            }
            String name = join.name().isEmpty() ? jpa.naming().physical(attribute.name() + "_" + k.name())
                    : jpa.naming().physical(join.name());
            ColumnType type = typeOf(join, k, attribute);
            if (type == null) {
                return;
            }
            if (!into.addColumn(new Column(name, type, nullable, null, Identity.NONE, ReadingContext.comment(join.comment())),
                    attribute.display(), field, join.mirror(), diagnostics)) {
                return;
            }
            if (id) {
                into.primaryKey.add(name);
            }
            names.add(name);
            referenced.add(k.name());
        }
        if (referenced.size() != key.size() || !new HashSet<>(referenced).containsAll(key.stream().map(KeyColumn::name).toList())) {
            diagnostics.report(Message.JOIN_COLUMNS_INCOMPLETE, field, relation.mirror(), attribute.display(),
                    keys.tableName(target), String.join(", ", key.stream().map(KeyColumn::name).toList()));
            return;
        }
        if (relation.isOneToOne()) {
            into.addUnique(new UniqueConstraint(into.derived(names, "key"), names),
                    field, relation.mirror(), diagnostics);
        }
        if (joins.stream().noneMatch(JoinColumnAnnotation::noConstraint) && keys.isReferenceable(target)) {
            String fkName = joins.stream().map(JoinColumnAnnotation::foreignKeyName).filter(n -> !n.isEmpty()).findFirst()
                    .map(PostgresNames::fold).orElse(into.derived(names, "fkey"));
            into.addForeignKey(new ForeignKey(fkName, names, keys.tableName(target), referenced, onDelete(field, jpa)),
                    field, relation.mirror(), diagnostics);
        }
    }

    /** The columns a join column references; empty after an error. */
    private Optional<List<KeyColumn>> referenced(PersistentAttribute attribute, RelationAnnotation relation,
            JoinColumnAnnotation join, TypeElement target, AnnotationMirror mirror) {
        Element field = attribute.element();
        QualifiedName targetTable = keys.tableName(target);
        if (!join.referencedColumnName().isEmpty()) {
            String name = jpa.naming().physical(join.referencedColumnName());
            Optional<KeyColumn> found = keys.column(target, name);
            if (found.isEmpty()) {
                diagnostics.report(Message.MISSING_REFERENCED_COLUMN, field, mirror, join.referencedColumnName(),
                        attribute.display(), targetTable);
                return Optional.empty();
            }
            if (!keys.isUnique(target, name)) {
                diagnostics.report(Message.REFERENCED_NOT_UNIQUE, field, mirror, join.referencedColumnName(),
                        attribute.display(), name, targetTable);
                return Optional.empty();
            }
            return Optional.of(List.of(found.get()));
        }
        List<KeyColumn> key = keys.primaryKey(target);
        if (key.isEmpty()) {
            diagnostics.report(Message.TARGET_WITHOUT_KEY, field, relation.mirror(), attribute.display(),
                    target.getQualifiedName());
            return Optional.empty();
        }
        if (key.size() > 1 && !join.name().isEmpty()) {
            diagnostics.report(Message.COMPOSITE_REFERENCE, field, mirror, attribute.display(),
                    target.getQualifiedName(), key.size());
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Hibernate's {@code @OnDelete(action)} on the element: the foreign key's ON DELETE. */
    static ReferentialAction onDelete(Element on, JpaAnnotations jpa) {
        return jpa.findNamed(on, ReadingContext.HIBERNATE + "OnDelete").map(d -> switch (d.constant("action", "NO_ACTION")) {
            case "CASCADE" -> ReferentialAction.CASCADE;
            case "SET_NULL" -> ReferentialAction.SET_NULL;
            case "SET_DEFAULT" -> ReferentialAction.SET_DEFAULT;
            case "RESTRICT" -> ReferentialAction.RESTRICT;
            default -> ReferentialAction.NO_ACTION;
        }).orElse(ReferentialAction.NO_ACTION);
    }

    /**
     * A join column's type: its {@code columnDefinition} (a type only, as for {@code @Column}), else
     * the referenced column's. Null after reporting a definition that holds more than a type.
     */
    private ColumnType typeOf(JoinColumnAnnotation join, KeyColumn referenced, PersistentAttribute attribute) {
        return typeOf(join, referenced.type(), attribute, diagnostics);
    }

    /**
     * A join column's type, wherever the column is (a one-to-many's is in its target's table): its
     * {@code columnDefinition}, a type only, else the referenced column's type. Null after reporting
     * a definition that holds more than a type.
     */
    static ColumnType typeOf(JoinColumnAnnotation join, ColumnType referenced, PersistentAttribute attribute,
            Diagnostics diagnostics) {
        if (join.columnDefinition().isEmpty()) {
            return referenced;
        }
        if (ColumnTypes.NOT_A_TYPE.matcher(join.columnDefinition()).find()) {
            diagnostics.report(Message.BAD_COLUMN_DEFINITION, attribute.element(), join.mirror(), "@JoinColumn",
                    attribute.display(), join.columnDefinition());
            return null;
        }
        return ColumnType.of(join.columnDefinition());
    }
}
